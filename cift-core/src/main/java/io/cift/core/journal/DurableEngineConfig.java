package io.cift.core.journal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.risk.NanoClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Immutable configuration of a {@link DurableEngine}. Build it with {@link #builder(Path)}; every setting
 * but the directory has a default.
 */
public final class DurableEngineConfig {

    /** Default fsync policy: group commit. */
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.BATCH;
    /** Default interval of {@link FsyncPolicy#INTERVAL}. */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(10);
    /** Default size after which the journal starts a new segment file. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /** Default: a snapshot every million commands. */
    public static final long DEFAULT_SNAPSHOT_EVERY = 1_000_000;
    /** Default number of snapshot files kept (older ones are deleted). */
    public static final int DEFAULT_SNAPSHOTS_KEPT = 3;
    /** Default size of the ring between the matching thread and the journal writer. */
    public static final int DEFAULT_JOURNAL_BUFFER_BYTES = 4 << 20;
    /** Default number of slots of the event ring. */
    public static final int DEFAULT_EVENT_RING_SIZE = 1 << 16;
    /**
     * Default free slots a command needs under {@link LagPolicy#WAIT} and {@link LagPolicy#REJECT}: this
     * many, or a quarter of the event ring when that is less.
     */
    public static final int DEFAULT_LAG_RESERVE = 1024;
    /** Default time opening or promotion may take to catch up from a {@link JournalReplica}. */
    public static final Duration DEFAULT_REPLICA_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Default time the journal writer gathers commands after writing a batch when the fsync policy does not force
     * every batch ({@link FsyncPolicy#NONE}, {@link FsyncPolicy#INTERVAL}).
     */
    public static final Duration DEFAULT_WRITER_GATHER = Duration.ofNanos(50_000);
    /** The longest {@link Builder#writerGather}. */
    public static final Duration MAX_WRITER_GATHER = Duration.ofMillis(10);
    /** Default wait under {@link LagPolicy#WAIT}, and for room in a full journal buffer. */
    public static final Duration DEFAULT_LAG_TIMEOUT = Duration.ofSeconds(1);

    private final Path directory;
    private final MatchingEngineConfig engine;
    private final String engineId;
    private final FsyncPolicy fsync;
    private final Duration fsyncInterval;
    private final Duration writerGather;
    private final long segmentBytes;
    private final long snapshotEvery;
    private final int snapshotsKept;
    private final int journalBufferBytes;
    private final int eventRingSize;
    private final Map<String, EngineEventHandler> consumers;
    private final Map<String, Set<EngineEvent.Kind>> consumerKinds;
    private final Map<String, EngineEventHandler> followers;
    private final LagPolicy lagPolicy;
    private final Duration lagTimeout;
    private final int lagReserve;
    private final Predicate<SnapshotInfo> snapshotFilter;
    private final EngineEventHandler recoveryHandler;
    private final NanoClock riskClock;
    private final JournalReplica replica;
    private final Duration replicaTimeout;

    private DurableEngineConfig(Builder b, int lagReserve) {
        this.directory = b.directory;
        this.engine = b.engine;
        this.engineId = b.engineId;
        this.fsync = b.fsync;
        this.fsyncInterval = b.fsyncInterval;
        this.writerGather = b.writerGather;
        this.segmentBytes = b.segmentBytes;
        this.snapshotEvery = b.snapshotEvery;
        this.snapshotsKept = b.snapshotsKept;
        this.journalBufferBytes = b.journalBufferBytes;
        this.eventRingSize = b.eventRingSize;
        this.consumers = Collections.unmodifiableMap(new LinkedHashMap<>(b.consumers));
        this.consumerKinds = Collections.unmodifiableMap(new LinkedHashMap<>(b.consumerKinds));
        this.followers = Collections.unmodifiableMap(new LinkedHashMap<>(b.followers));
        this.lagPolicy = b.lagPolicy;
        this.lagTimeout = b.lagTimeout;
        this.lagReserve = lagReserve;
        this.snapshotFilter = b.snapshotFilter;
        this.recoveryHandler = b.recoveryHandler;
        this.riskClock = b.riskClock;
        this.replica = b.replica;
        this.replicaTimeout = b.replicaTimeout;
    }

    /**
     * A builder holding the journal keys of some settings: {@code cift.journal.dir} (required),
     * {@code cift.engine.id}, {@code cift.journal.fsync} ({@code batch}, {@code interval}, {@code none}),
     * {@code cift.journal.fsync-interval.ms}, {@code cift.journal.writer-gather.us}, {@code cift.journal.segment-bytes},
     * {@code cift.journal.snapshot-every}, {@code cift.journal.snapshots-kept},
     * {@code cift.journal.buffer-bytes}, {@code cift.journal.event-ring-size}, {@code cift.journal.lag-policy}
     * ({@code wait}, {@code reject}, {@code drop}) and {@code cift.journal.lag-timeout.ms}, with the engine
     * from {@link io.cift.core.book.MatchingEngineConfig#fromSettings}. Consumers and handlers are code: add
     * them to the builder.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse, or when the directory is missing
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        String dir = settings.get("cift.journal.dir").orElseThrow(() -> new IllegalArgumentException(
                "cift.journal.dir is required (the journal directory; environment variable CIFT_JOURNAL_DIR)"));
        Builder b = builder(Path.of(dir)).engine(io.cift.core.book.MatchingEngineConfig.fromSettings(settings).build());
        settings.get("cift.engine.id").ifPresent(b::engineId);
        settings.getEnum("cift.journal.fsync", FsyncPolicy.class).ifPresent(b::fsync);
        settings.getMillis("cift.journal.fsync-interval.ms").ifPresent(b::fsyncInterval);
        settings.getLong("cift.journal.writer-gather.us").ifPresent(us -> b.writerGather(writerGatherMicros(us)));
        settings.getLong("cift.journal.segment-bytes").ifPresent(b::segmentBytes);
        settings.getLong("cift.journal.snapshot-every").ifPresent(b::snapshotEvery);
        settings.getInt("cift.journal.snapshots-kept").ifPresent(b::snapshotsKept);
        settings.getInt("cift.journal.buffer-bytes").ifPresent(b::journalBufferBytes);
        settings.getInt("cift.journal.event-ring-size").ifPresent(b::eventRingSize);
        settings.getEnum("cift.journal.lag-policy", LagPolicy.class).ifPresent(b::lagPolicy);
        settings.getMillis("cift.journal.lag-timeout.ms").ifPresent(b::lagTimeout);
        return b;
    }

    private static Duration writerGatherMicros(long us) {
        if (us < 0 || us > MAX_WRITER_GATHER.toNanos() / 1000) {
            throw new IllegalArgumentException("cift.journal.writer-gather.us must be from 0 to "
                    + MAX_WRITER_GATHER.toNanos() / 1000 + ", got " + us);
        }
        return Duration.ofNanos(us * 1000);
    }

    /**
     * Starts a builder.
     *
     * @param directory the journal directory (created when missing); one engine at a time may hold it
     * @return a new builder
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** @return the journal directory */
    public Path directory() {
        return directory;
    }

    /** @return the matching engine's configuration; its listener runs synchronously on the matching thread for live commands only */
    public MatchingEngineConfig engine() {
        return engine;
    }

    /** @return the engine id asked for, or null to use the journal's (a new journal gets a random one) */
    public String engineId() {
        return engineId;
    }

    /** @return the fsync policy */
    public FsyncPolicy fsync() {
        return fsync;
    }

    /** @return the interval of {@link FsyncPolicy#INTERVAL} */
    public Duration fsyncInterval() {
        return fsyncInterval;
    }

    /** @return how long the journal writer gathers commands after a batch when the fsync policy does not force it */
    public Duration writerGather() {
        return writerGather;
    }

    /** @return the size after which a new segment file starts */
    public long segmentBytes() {
        return segmentBytes;
    }

    /** @return commands between automatic snapshots; 0 for none */
    public long snapshotEvery() {
        return snapshotEvery;
    }

    /** @return how many snapshot files are kept */
    public int snapshotsKept() {
        return snapshotsKept;
    }

    /** @return bytes of the ring between the matching thread and the journal writer */
    public int journalBufferBytes() {
        return journalBufferBytes;
    }

    /** @return slots of the event ring */
    public int eventRingSize() {
        return eventRingSize;
    }

    /** @return the asynchronous consumers by name, in the order they were added */
    public Map<String, EngineEventHandler> consumers() {
        return consumers;
    }

    /** @return the journal followers by name, in the order they were added */
    public Map<String, EngineEventHandler> followers() {
        return followers;
    }

    /** @return the kinds of event each consumer gets, by name */
    public Map<String, Set<EngineEvent.Kind>> consumerKinds() {
        return consumerKinds;
    }

    /** @return what happens when a consumer falls behind */
    public LagPolicy lagPolicy() {
        return lagPolicy;
    }

    /** @return how long {@link LagPolicy#WAIT} waits, and how long a command waits for room in the journal buffer */
    public Duration lagTimeout() {
        return lagTimeout;
    }

    /** @return free event slots a command needs under WAIT and REJECT */
    public int lagReserve() {
        return lagReserve;
    }

    /** @return which snapshots recovery may start from */
    public Predicate<SnapshotInfo> snapshotFilter() {
        return snapshotFilter;
    }

    /** @return the clock of the risk gate's throttle, or null when the engine has no gate */
    public NanoClock riskClock() {
        return riskClock;
    }

    /** @return the replicated copy of the journal, or null when the local journal is the only one */
    public JournalReplica replica() {
        return replica;
    }

    /** @return how long opening (or promotion) may take to catch up from the replica */
    public Duration replicaTimeout() {
        return replicaTimeout;
    }

    /** @return who receives the events of the commands recovery replays, or null */
    public EngineEventHandler recoveryHandler() {
        return recoveryHandler;
    }

    /** Builds a {@link DurableEngineConfig}; not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private MatchingEngineConfig engine = MatchingEngineConfig.defaults();
        private String engineId;
        private FsyncPolicy fsync = DEFAULT_FSYNC;
        private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;
        private Duration writerGather = DEFAULT_WRITER_GATHER;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private long snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private int snapshotsKept = DEFAULT_SNAPSHOTS_KEPT;
        private int journalBufferBytes = DEFAULT_JOURNAL_BUFFER_BYTES;
        private int eventRingSize = DEFAULT_EVENT_RING_SIZE;
        private final Map<String, EngineEventHandler> consumers = new LinkedHashMap<>();
        private final Map<String, Set<EngineEvent.Kind>> consumerKinds = new LinkedHashMap<>();
        private final Map<String, EngineEventHandler> followers = new LinkedHashMap<>();
        private LagPolicy lagPolicy = LagPolicy.WAIT;
        private Duration lagTimeout = DEFAULT_LAG_TIMEOUT;
        private int lagReserve = -1;
        private Predicate<SnapshotInfo> snapshotFilter = s -> true;
        private EngineEventHandler recoveryHandler;
        private NanoClock riskClock;
        private JournalReplica replica;
        private Duration replicaTimeout = DEFAULT_REPLICA_TIMEOUT;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * Sets the matching engine's configuration (symbols, self-trade prevention, capacity, and a
         * synchronous listener that sees live commands on the matching thread).
         *
         * @param c the configuration
         * @return this builder
         */
        public Builder engine(MatchingEngineConfig c) {
            this.engine = Objects.requireNonNull(c, "engine");
            return this;
        }

        /**
         * Names the engine. A new journal stores the id; an existing one must have been created with the
         * same id (or none asked for). Without it a new journal gets a random UUID.
         *
         * @param id 1 to 64 characters of letters, digits, '-', '_' or '.'
         * @return this builder
         */
        public Builder engineId(String id) {
            if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("engineId must be 1 to 64 letters, digits, '-', '_' or '.', got '" + id + "'");
            }
            this.engineId = id;
            return this;
        }

        /**
         * Sets the fsync policy.
         *
         * @param p the policy
         * @return this builder
         */
        public Builder fsync(FsyncPolicy p) {
            this.fsync = Objects.requireNonNull(p, "fsync");
            return this;
        }

        /**
         * Sets how long the journal writer gathers commands after writing a batch, when the fsync policy does not
         * force every batch ({@link FsyncPolicy#NONE}, {@link FsyncPolicy#INTERVAL}; under
         * {@link FsyncPolicy#BATCH} the force itself paces the writer). A writer that comes back for every few
         * commands reads their lines from the matching thread's core and calls the kernel for each small batch;
         * on a busy machine that was measured to slow the matching thread by up to half again. Gathering costs a
         * command up to that much more time before it is written (and before consumers see its events), and the
         * ring must hold what arrives meanwhile (the default ring holds milliseconds of commands at 10 million a
         * second). Zero turns it off.
         *
         * @param d from zero to {@link #MAX_WRITER_GATHER}
         * @return this builder
         */
        public Builder writerGather(Duration d) {
            if (d == null || d.isNegative() || d.compareTo(MAX_WRITER_GATHER) > 0) {
                throw new IllegalArgumentException("writerGather must be from 0 to " + MAX_WRITER_GATHER + ", got " + d);
            }
            this.writerGather = d;
            return this;
        }

        /**
         * Sets the interval of {@link FsyncPolicy#INTERVAL}.
         *
         * @param d positive
         * @return this builder
         */
        public Builder fsyncInterval(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("fsyncInterval must be positive, got " + d);
            }
            this.fsyncInterval = d;
            return this;
        }

        /**
         * Sets the size after which the journal starts a new segment file.
         *
         * @param bytes from 4 KiB to 1 GiB
         * @return this builder
         */
        public Builder segmentBytes(long bytes) {
            if (bytes < 4096 || bytes > (1L << 30)) {
                throw new IllegalArgumentException("segmentBytes must be from 4096 to 1073741824, got " + bytes);
            }
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * Takes a snapshot every {@code n} commands (on the matching thread, which serializes the books;
         * another thread writes the file).
         *
         * @param n commands between snapshots, 0 for none
         * @return this builder
         */
        public Builder snapshotEvery(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("snapshotEvery must not be negative, got " + n);
            }
            this.snapshotEvery = n;
            return this;
        }

        /**
         * Sets how many snapshot files to keep; older ones are deleted after each new one.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder snapshotsKept(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("snapshotsKept must be at least 1, got " + n);
            }
            this.snapshotsKept = n;
            return this;
        }

        /**
         * Sets the size of the ring between the matching thread and the journal writer: a 64-byte slot a
         * command (the default, 4 MiB, holds 65,536 commands), off the heap.
         *
         * @param bytes a power of two from 64 KiB to 1 GiB
         * @return this builder
         */
        public Builder journalBufferBytes(int bytes) {
            if (bytes < (64 << 10) || bytes > (1 << 30) || Integer.bitCount(bytes) != 1) {
                throw new IllegalArgumentException("journalBufferBytes must be a power of two from 65536 to 1073741824, got " + bytes);
            }
            this.journalBufferBytes = bytes;
            return this;
        }

        /**
         * Sets the number of slots of the event ring that feeds the consumers (preallocated).
         *
         * @param slots a power of two from 64 to 2^24
         * @return this builder
         */
        public Builder eventRingSize(int slots) {
            if (slots < 64 || slots > (1 << 24) || Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("eventRingSize must be a power of two from 64 to 16777216, got " + slots);
            }
            this.eventRingSize = slots;
            return this;
        }

        /**
         * Adds an asynchronous consumer of every event, on its own thread.
         *
         * @param name a unique name (it names the thread)
         * @param handler the consumer
         * @return this builder
         */
        public Builder consumer(String name, EngineEventHandler handler) {
            return consumer(name, EnumSet.allOf(EngineEvent.Kind.class), handler);
        }

        /**
         * Adds an asynchronous consumer of some kinds of event, on its own thread. Events no consumer
         * wants are numbered and counted but never handed off, which saves the matching thread their cost.
         *
         * @param name a unique name (it names the thread)
         * @param kinds the kinds it gets, at least one
         * @param handler the consumer
         * @return this builder
         */
        public Builder consumer(String name, Set<EngineEvent.Kind> kinds, EngineEventHandler handler) {
            if (kinds == null || kinds.isEmpty()) {
                throw new IllegalArgumentException("consumer '" + name + "' must want at least one kind of event");
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("consumer name must not be blank, got '" + name + "'");
            }
            if (consumers.containsKey(name) || followers.containsKey(name)) {
                throw new IllegalArgumentException("consumer name '" + name + "' is used twice");
            }
            consumers.put(name, Objects.requireNonNull(handler, "handler"));
            consumerKinds.put(name, Collections.unmodifiableSet(EnumSet.copyOf(kinds)));
            return this;
        }

        /**
         * Adds a journal follower: a copy of the engine's state, taken when the engine opens, that replays each
         * command from the journal once it is durable, on a thread of its own, and hands the events it makes to
         * {@code handler}, every kind, numbered as the engine numbers them. Unlike a {@link #consumer}, it costs
         * the matching thread nothing: the events are made again from the journal, not handed over. It suits a
         * consumer of every event, such as an order feed ({@code OrderFeed.handler()}); it costs a second copy of
         * the books in memory, and a second core's time to match every command again. It falls behind rather than
         * holding the engine up, and never loses a command (it reads them from the journal). What the handler throws
         * is counted in {@code consumerFailures()} and logged; the follower goes on.
         *
         * @param name a unique name among consumers and followers (it names the thread)
         * @param handler gets the events
         * @return this builder
         */
        public Builder follower(String name, EngineEventHandler handler) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("follower name must not be blank, got '" + name + "'");
            }
            if (consumers.containsKey(name) || followers.containsKey(name)) {
                throw new IllegalArgumentException("consumer name '" + name + "' is used twice");
            }
            followers.put(name, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Sets what happens when a consumer falls behind.
         *
         * @param p the policy
         * @return this builder
         */
        public Builder lagPolicy(LagPolicy p) {
            this.lagPolicy = Objects.requireNonNull(p, "lagPolicy");
            return this;
        }

        /**
         * Sets how long {@link LagPolicy#WAIT} waits for room, and how long a command waits for room in
         * the journal buffer, before the command is refused.
         *
         * @param d not negative
         * @return this builder
         */
        public Builder lagTimeout(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("lagTimeout must not be negative, got " + d);
            }
            this.lagTimeout = d;
            return this;
        }

        /**
         * Sets how many free event slots a command needs under WAIT and REJECT.
         *
         * @param slots at least 1 and below the event ring size
         * @return this builder
         */
        public Builder lagReserve(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("lagReserve must be at least 1, got " + slots);
            }
            this.lagReserve = slots;
            return this;
        }

        /**
         * Chooses which snapshots recovery may start from (the newest valid one that passes is used).
         * A consumer that rebuilds its own state from events picks one at or before what it has, and
         * gets the rest through {@link #recoveryHandler}.
         *
         * @param filter the test
         * @return this builder
         */
        public Builder snapshotFilter(Predicate<SnapshotInfo> filter) {
            this.snapshotFilter = Objects.requireNonNull(filter, "snapshotFilter");
            return this;
        }

        /**
         * Receives, on the opening thread and before {@code open} returns, the events of every command
         * recovery replays after its snapshot. What it throws fails the opening.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder recoveryHandler(EngineEventHandler handler) {
            this.recoveryHandler = Objects.requireNonNull(handler, "recoveryHandler");
            return this;
        }

        /**
         * Puts a pre-trade risk gate in front of the engine (as {@code RiskCheckedEngine} does), whose
         * limits, kill switches, positions and open orders are journaled and snapshotted with the books.
         * Each command's reading of {@code clock} is journaled too, so that the order-rate throttle decides
         * a replayed command as it decided the live one; after a restart the engine's clock continues from
         * the last journaled reading.
         *
         * @param clock the throttle's clock, usually {@code System::nanoTime}
         * @return this builder
         */
        public Builder riskGate(NanoClock clock) {
            this.riskClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Keeps a replicated copy of the journal besides the local one: a command is durable only once the
         * replica acknowledged it too, and a {@link DurableEngine#standby standby} follows the replica.
         * Opening catches up first with whatever the replica holds beyond the local journal (so a standby's
         * directory, or an empty one, becomes a primary by opening it), sends the replica what the local
         * journal holds beyond it, and refuses a local journal whose records differ from the replica's.
         * An engine id ({@link #engineId}) is then required: primary and standby share it.
         *
         * @param r the replica; the engine closes it when it closes, or when it fails to open
         * @return this builder
         */
        public Builder replica(JournalReplica r) {
            this.replica = Objects.requireNonNull(r, "replica");
            return this;
        }

        /**
         * Sets how long opening (or a standby's promotion) may take to catch up from the replica.
         *
         * @param d positive
         * @return this builder
         */
        public Builder replicaTimeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("replicaTimeout must be positive, got " + d);
            }
            this.replicaTimeout = d;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException when the lag reserve does not fit the event ring, or a replica is
         *                                  given without an engine id
         */
        public DurableEngineConfig build() {
            if (replica != null && engineId == null) {
                throw new IllegalArgumentException("engineId is required with a replica (primary and standby share it)");
            }
            if (lagReserve >= eventRingSize) {
                throw new IllegalArgumentException("lagReserve " + lagReserve + " must be below eventRingSize " + eventRingSize);
            }
            return new DurableEngineConfig(this, lagReserve < 0 ? Math.min(DEFAULT_LAG_RESERVE, eventRingSize / 4) : lagReserve);
        }
    }
}
