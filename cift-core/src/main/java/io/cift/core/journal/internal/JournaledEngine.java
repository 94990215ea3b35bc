package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.OrderBook;
import io.cift.core.book.ResultCode;
import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.RecoveryReport;
import io.cift.core.journal.SnapshotInfo;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.RiskCalculator;
import io.cift.core.risk.RiskReason;
import io.cift.core.risk.RiskView;
import io.cift.core.risk.internal.ArrayRiskCalculator;
import io.cift.core.risk.internal.LimitsCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link DurableEngine}: a {@link SymbolRoutingEngine} behind a {@link JournalWriter} (a {@link CommandRing}
 * of unencoded commands, polled by its own thread), an {@link EventRing} (Disruptor, a thread per consumer) and
 * a snapshot thread. Single writer.
 */
public final class JournaledEngine implements DurableEngine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JournaledEngine.class);

    /** One command in 1,024 is timed on the matching thread: a clock read per command would cost more than the rest. */
    private static final long SAMPLE_MASK = 1023;
    private static final long NOT_SAMPLED = Long.MIN_VALUE;
    /** How long the replica must stand still before a standby takes over. */
    static final long PROMOTION_SETTLE_MILLIS = 100;

    /** Ring slots claimed together: one look at the writer's position per this many commands. */
    private static final int CLAIM_BATCH = 64;
    /** The ring slots claimed and not yet used, {@code nextSlot} to {@code lastClaimed}. Matching thread only. */
    private long nextSlot;
    private long lastClaimed = -1;
    /** The next sequence number at which {@link #afterCommand} looks at the snapshot interval (0: at the first command). */
    private long nextSnapshotCheck;
    private long sampledCommands;
    private long sampledNanos;
    private long sampledMaxNanos;
    private final DurableEngineConfig config;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String engineId;
    private final EngineCounters counters = new EngineCounters();
    private final Sequencer sequencer = new Sequencer(counters);
    private final EngineState state;
    private final boolean gated;
    /**
     * Without a gate, each symbol's book by its journal id, filled as commands first reach it: a command goes
     * straight to its book instead of being looked up again by name. Matching thread only.
     */
    private io.cift.core.book.internal.ArrayOrderBook[] booksById = new io.cift.core.book.internal.ArrayOrderBook[16];
    private final NanoClock liveClock;
    /** Added to the live clock so that the gate's time continues from the journal's last reading. */
    private long clockOffset;
    private long lastClock;
    private final RecoveryReport report;
    private final JournalWriter writer;
    /** The writer's stopped flag and whether it has a replica, read per command without touching the writer's fields. */
    private final com.lmax.disruptor.Sequence writerStopped;
    private final boolean writerReplicates;
    private final Thread writerThread;
    private final CommandRing ring;
    private final EventRing events;
    /** Journal followers: copies of the engine replaying its journal on threads of their own. */
    private final List<JournalFollower> followers;
    private final java.util.concurrent.atomic.AtomicLong followerFailures = new java.util.concurrent.atomic.AtomicLong();
    /** Writes snapshots, in the order they were taken, off the matching and writer threads. */
    private final ExecutorService snapshots = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cift-journal-snapshots");
        t.setDaemon(true);
        return t;
    });
    /**
     * Zero-fills journal segments ahead of the writer. A thread of its own: a new journal's first segment and spare
     * take it hundreds of milliseconds of paced writes, and a snapshot queued behind them kept the matching thread
     * waiting when the next one fell due.
     */
    private final ExecutorService fills = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cift-journal-fill");
        t.setDaemon(true);
        return t;
    });
    private final long lagTimeoutNanos;
    private final IdleStrategy journalIdle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    private volatile Throwable snapshotFailure;
    /**
     * Two snapshot buffers used in turn, each until its snapshot is on disk: the matching thread waits for a snapshot
     * to be written only when the one before the last is still being written.
     */
    private final ExpandableArrayBuffer[] snapshotBuffers = {new ExpandableArrayBuffer(64 << 10),
            new ExpandableArrayBuffer(64 << 10)};
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Future<SnapshotInfo>[] snapshotWrites = new Future[2];
    private int nextSnapshotBuffer;
    private boolean closed;
    /** The journal's replicated copy, or null. */
    private final io.cift.core.journal.JournalReplica replica;
    /** The gate's clock a replicated record carries, for the command being applied. */
    private long replayClock;
    private boolean replayClockSet;
    private final org.agrona.concurrent.UnsafeBuffer replicaView = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);
    private final RecordCodec replicaCodec = new RecordCodec();
    /** Where records read from the replica go: this engine's own journaling command path, at their clock. */
    private final RecordCodec.Target followTarget = new RecordCodec.Target() {
        @Override
        public io.cift.core.book.MatchingEngine commands() {
            return JournaledEngine.this;
        }

        @Override
        public void clock(long nanos) {
            replayClock = nanos;
            replayClockSet = true;
        }

        @Override
        public void admin(int kind, String symbol, byte[] payload) {
            JournaledEngine.this.admin(kind, symbol, payload);
        }
    };

    /**
     * Opens the journal, recovers and starts the threads.
     *
     * @param config the configuration
     */
    public JournaledEngine(DurableEngineConfig config) {
        this(config, false);
    }

    /**
     * Opens the journal, recovers, starts the threads and, with a replica, catches up from it.
     *
     * @param config the configuration
     * @param standby whether the engine follows its replica (it then sends the replica nothing until
     *                {@link #promote})
     */
    JournaledEngine(DurableEngineConfig config, boolean standby) {
        this.config = Objects.requireNonNull(config, "config");
        this.replica = config.replica();
        this.dir = config.directory();
        this.lagTimeoutNanos = config.lagTimeout().toNanos();
        FileChannel lc = null;
        try {
            Files.createDirectories(dir);
            lc = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lc.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                throw new JournalException("journal " + dir + " is held by another engine (its lock file is locked)");
            }
            this.lockChannel = lc;
            this.lock = l;
            this.gated = config.riskClock() != null;
            this.liveClock = config.riskClock();
            this.engineId = JournalMeta.resolve(dir, config.engineId(), config.engine(), gated).engineId();
            sequencer.symbols.engineId = engineId;
            Recovery.Result r = Recovery.run(dir, config.engine(), gated, sequencer, config.snapshotFilter(),
                    config.recoveryHandler(), false);
            this.state = r.state;
            // a journal names at most the fixed symbols plus maxSymbols others (on demand: maxSymbols); every book
            // recovered counts, whatever limit it was created under
            for (String symbol : r.state.books.symbols()) {
                sequencer.symbols.id(symbol);
            }
            sequencer.symbols.limit((int) Math.min(Integer.MAX_VALUE,
                    (long) config.engine().symbols().size() + config.engine().maxSymbols()));
            if (gated) {
                this.lastClock = r.lastClock;
                this.clockOffset = r.lastClock - liveClock.nanoTime();
            }
            this.report = r.report;
            logRecovery(dir, engineId, r.report);
            Path segment = r.appendSegment;
            long position = r.appendPosition;
            if (segment == null) {
                boolean force = config.fsync() != FsyncPolicy.NONE;
                if (!JournalWriter.installReadySpare(dir, r.lastSeq + 1, force, config.segmentBytes())) {
                    // the header only: the writer fills it ahead of need
                    JournalWriter.createSegment(dir, r.lastSeq + 1, force, Segments.HEADER_LENGTH).close();
                }
                segment = dir.resolve(Segments.name(r.lastSeq + 1));
                position = Segments.HEADER_LENGTH;
            }
            // followers first, from the state as recovered; they read what the writer publishes once it runs
            this.followers = followers(config, segment, position);
            try {
                this.writer = new JournalWriter(dir, config.journalBufferBytes(), config.fsync(),
                        config.fsyncInterval().toNanos(), config.writerGather().toNanos(), config.segmentBytes(), segment,
                        position, r.lastSeq, fills, sequencer.symbols, replica);
            } catch (IOException | RuntimeException e) {
                followers.forEach(JournalFollower::abandon);
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(lc);
            snapshots.shutdownNow();
            fills.shutdownNow();
            closeReplica(config);
            throw new JournalException("cannot open journal " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lc);
            snapshots.shutdownNow();
            fills.shutdownNow();
            closeReplica(config);
            throw e;
        }
        this.ring = writer.ring();
        this.writerStopped = writer.stoppedFlag();
        this.writerReplicates = writer.hasReplica();
        this.writerThread = new Thread(writer, "cift-journal-" + engineId);
        writerThread.setDaemon(true);
        writerThread.start();
        followers.forEach(JournalFollower::start);
        this.events = config.consumers().isEmpty() ? null : new EventRing(config.eventRingSize(), config.consumers(),
                config.consumerKinds(), config.lagPolicy(), config.lagReserve(), lagTimeoutNanos, writer::durableSequence,
                writer, sequencer.symbols);
        Set<io.cift.core.journal.EngineEvent.Kind> kinds = EnumSet.noneOf(io.cift.core.journal.EngineEvent.Kind.class);
        config.consumerKinds().values().forEach(kinds::addAll);
        sequencer.sink(events, kinds);
        sequencer.user(config.engine().listener());
        if (replica != null) {
            try {
                openReplica(standby);
            } catch (RuntimeException e) {
                try {
                    close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /**
     * The journal followers the configuration asks for, each from a copy of the state just recovered, reading the
     * journal from where the writer will append.
     */
    private List<JournalFollower> followers(DurableEngineConfig config, Path segment, long position) throws IOException {
        if (config.followers().isEmpty()) {
            return List.of();
        }
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 << 10);
        int length = Snapshots.serialize(buffer, engineId, counters, state);
        byte[] image = java.util.Arrays.copyOf(buffer.byteArray(), length);
        List<JournalFollower> list = new java.util.ArrayList<>();
        try {
            for (java.util.Map.Entry<String, io.cift.core.journal.EngineEventHandler> f : config.followers().entrySet()) {
                // the writer is made after the followers: they read its durable sequence once they run
                list.add(new JournalFollower(f.getKey(), f.getValue(), engineId, config.engine(), gated, image, dir, segment,
                        position, () -> writer.durableSequence(), followerFailures));
            }
        } catch (IOException | RuntimeException e) {
            list.forEach(JournalFollower::abandon);
            throw e;
        }
        return List.copyOf(list);
    }

    /**
     * Squares the local journal with the replica: refuses one whose records differ from the replica's,
     * sends the replica what only the local journal holds, and applies what only the replica holds.
     */
    private void openReplica(boolean standby) {
        long deadline = System.nanoTime() + config.replicaTimeout().toNanos();
        long local = counters.commandSeq;
        long held = replica.lastSequence();
        long common = Math.min(local, held);
        try {
            if (common > 0 && !java.util.Arrays.equals(ReplicaSync.localRecord(dir, common),
                    ReplicaSync.replicaRecord(replica, common, config.replicaTimeout()))) {
                throw new JournalException("journal " + dir + " has diverged from its replica at command " + common
                        + ": its record differs from the replica's (another engine appended in its place); start this"
                        + " engine as a standby from an empty directory");
            }
            if (local > held) {
                if (standby) {
                    throw new JournalException("journal " + dir + " holds commands " + (held + 1) + " to " + local
                            + " that the replica lacks: a standby follows the replica, it does not feed it; open it as"
                            + " the primary, or start the standby from an empty directory");
                }
                int sent = ReplicaSync.sendLocal(dir, held + 1, local, replica);
                LOG.info("engine {}: sent the replica the {} commands ({} to {}) only journal {} held", engineId, sent,
                        held + 1, local, dir);
                writer.replicateFrom(local + 1);
                return;
            }
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + " to compare it with its replica: " + e, e);
        }
        catchUp(held, deadline);
        if (held > local) {
            LOG.info("engine {}: applied commands {} to {} from the replica", engineId, local + 1, held);
        }
        if (!standby) {
            writer.replicateFrom(counters.commandSeq + 1);
        }
    }

    /** Applies replica records until command {@code target} is applied, or fails at the deadline. */
    private void catchUp(long target, long deadline) {
        while (counters.commandSeq < target) {
            int n = replica.read(counters.commandSeq + 1, 4096, Duration.ofMillis(100), this::applyReplicated);
            if (n == 0 && System.nanoTime() - deadline >= 0) {
                throw new JournalException("engine " + engineId + " could not catch up with its replica within "
                        + config.replicaTimeout() + ": applied up to command " + counters.commandSeq + " of " + target);
            }
        }
        if (gated) {
            clockOffset = lastClock - liveClock.nanoTime();
        }
    }

    /**
     * Reads and applies what the replica holds after the last applied command (a standby's follower thread).
     *
     * @param max records at most
     * @param wait how long to wait for the first
     * @return how many were applied
     */
    int follow(int max, Duration wait) {
        return replica.read(counters.commandSeq + 1, max, wait, this::applyReplicated);
    }

    /**
     * Applies everything the replica holds, then appends this engine's own commands to it (a standby's
     * take-over, on the thread that will use the engine after its follower thread stopped).
     *
     * @param timeout how long catching up may take
     */
    void promote(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long held = replica.lastSequence();
        while (true) {
            catchUp(held, deadline);
            // what a killed primary sent just before it died may still be on its way into the store: take over
            // only once the store stood still for a moment, so as not to be fenced off by the dead primary's last records
            try {
                Thread.sleep(PROMOTION_SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalException("interrupted while promoting engine " + engineId, e);
            }
            held = replica.lastSequence();
            if (held == counters.commandSeq) {
                break;
            }
            if (held < counters.commandSeq) {
                throw new JournalException("engine " + engineId + " cannot take over: its replica holds " + held
                        + " records, fewer than the " + counters.commandSeq + " commands it applied from it");
            }
        }
        writer.replicateFrom(counters.commandSeq + 1);
        LOG.info("engine {}: promoted at command {} (the replica's last); appending to the replica from here on",
                engineId, counters.commandSeq);
    }

    /**
     * Applies one replica record through the engine's own command path (journaled locally under the same
     * sequence number, with the recorded clock).
     *
     * @return true when applied, false when the engine could not take it yet (journal buffer or consumers full)
     * @throws JournalException when the record is damaged, out of order, or the engine failed
     */
    private boolean applyReplicated(long seq, byte[] record) {
        if (seq != counters.commandSeq + 1) {
            throw new JournalException("replica record " + seq + " arrived where command " + (counters.commandSeq + 1)
                    + " was expected");
        }
        ReplicaSync.verify(record, seq);
        replicaView.wrap(record);
        try {
            replicaCodec.apply(replicaView, 0, followTarget);
        } catch (IllegalArgumentException e) {
            throw new JournalException("replica record " + seq + " cannot be applied: " + e.getMessage(), e);
        } catch (JournalException e) {
            if (writer.failure() != null || counters.commandSeq == seq) {
                throw e;
            }
        } finally {
            replayClockSet = false;
        }
        if (counters.commandSeq == seq) {
            return true;
        }
        if (closed || writer.failure() != null) {
            throw new JournalException("engine " + engineId + " cannot apply replica record " + seq + ": "
                    + (closed ? "it is closed" : "its journal failed"), writer.failure());
        }
        return false;
    }

    private static void logRecovery(Path dir, String engineId, RecoveryReport r) {
        if (r.lastSequence() == 0 && r.snapshot() == null) {
            LOG.info("engine {}: new journal in {}", engineId, dir);
            return;
        }
        LOG.info("engine {}: journal {} recovered to command {} in {} ms ({}, {} commands replayed, state hash {})",
                engineId, dir, r.lastSequence(), r.elapsedNanos() / 1_000_000,
                r.snapshot() == null ? "no snapshot" : "snapshot at command " + r.snapshot().sequence(),
                r.commandsReplayed(), Long.toHexString(r.stateHash()));
        if (r.tailBytesCut() > 0) {
            LOG.warn("engine {}: cut {} bytes off the end of journal {}: {}", engineId, r.tailBytesCut(), dir,
                    r.tailProblem());
        }
        for (String note : r.notes()) {
            LOG.warn("engine {}: journal {}: {}", engineId, dir, note);
        }
    }

    /** Closes the replica of an engine that failed to open (the engine owns it). */
    private static void closeReplica(DurableEngineConfig config) {
        if (config.replica() != null) {
            try {
                config.replica().close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public ResultCode submit(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                             long price, long quantity, boolean postOnly) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        int symbolId = symbolId(symbol);
        if (symbolId < 0) {
            return refusal(symbolId);
        }
        ResultCode refused = admit();
        if (refused != null) {
            return refused;
        }
        long seq = journal(RecordCodec.opNew(side, type, tif, postOnly), symbolId, orderId, ownerId,
                price, quantity);
        if (seq < 0) {
            return ResultCode.JOURNAL_UNAVAILABLE;
        }
        long t0 = sampleStart(seq);
        io.cift.core.book.internal.ArrayOrderBook b = book(symbolId);
        ResultCode rc;
        if (b != null) {
            rc = b.submit(orderId, ownerId, side, type, tif, price, quantity, postOnly);
        } else {
            rc = state.commands().submit(symbol, orderId, ownerId, side, type, tif, price, quantity, postOnly);
            remember(symbolId, symbol);
        }
        sampleEnd(t0);
        afterCommand(seq);
        return rc;
    }

    @Override
    public ResultCode cancel(String symbol, long orderId, CancelReason reason) {
        Objects.requireNonNull(reason, "reason");
        int symbolId = symbolId(symbol);
        if (symbolId < 0) {
            return refusal(symbolId);
        }
        ResultCode refused = admit();
        if (refused != null) {
            return refused;
        }
        long seq = journal(RecordCodec.opCancel(reason), symbolId, orderId, 0, 0, 0);
        if (seq < 0) {
            return ResultCode.JOURNAL_UNAVAILABLE;
        }
        long t0 = sampleStart(seq);
        io.cift.core.book.internal.ArrayOrderBook b = book(symbolId);
        ResultCode rc;
        if (b != null) {
            rc = b.cancel(orderId, reason);
        } else {
            rc = state.commands().cancel(symbol, orderId, reason);
            remember(symbolId, symbol);
        }
        sampleEnd(t0);
        afterCommand(seq);
        return rc;
    }

    @Override
    public ResultCode amend(String symbol, long orderId, long newPrice, long newQuantity) {
        int symbolId = symbolId(symbol);
        if (symbolId < 0) {
            return refusal(symbolId);
        }
        ResultCode refused = admit();
        if (refused != null) {
            return refused;
        }
        long seq = journal(RecordCodec.OP_AMEND, symbolId, orderId, 0, newPrice,
                newQuantity);
        if (seq < 0) {
            return ResultCode.JOURNAL_UNAVAILABLE;
        }
        long t0 = sampleStart(seq);
        io.cift.core.book.internal.ArrayOrderBook b = book(symbolId);
        ResultCode rc;
        if (b != null) {
            rc = b.amend(orderId, newPrice, newQuantity);
        } else {
            rc = state.commands().amend(symbol, orderId, newPrice, newQuantity);
            remember(symbolId, symbol);
        }
        sampleEnd(t0);
        afterCommand(seq);
        return rc;
    }

    /**
     * @return the symbol's id in the journal's table, -1 when it is missing, blank or too long for a record, or
     *     {@link SymbolTable#FULL} when it is new and the table holds its limit
     */
    private int symbolId(String symbol) {
        return symbol == null ? -1 : sequencer.symbols.journalId(symbol);
    }

    /** The code refusing a command whose {@link #symbolId} was negative. */
    private static ResultCode refusal(int symbolId) {
        return symbolId == SymbolTable.FULL ? ResultCode.TOO_MANY_SYMBOLS : ResultCode.INVALID_SYMBOL;
    }

    /** @return null when the command may go ahead, else the code that refuses it */
    private ResultCode admit() {
        if (closed || journalFailed()) {
            return ResultCode.JOURNAL_UNAVAILABLE;
        }
        if (events != null && !events.admit()) {
            return ResultCode.CONSUMERS_BEHIND;
        }
        return null;
    }

    /** @return whether the journal writer (or its replica) failed; cheap enough for every command */
    private boolean journalFailed() {
        return writerStopped.get() != 0 || writerReplicates && writer.failure() != null;
    }

    /** @return the clock when command {@code seq} is one of those timed, else {@link #NOT_SAMPLED} */
    private static long sampleStart(long seq) {
        return (seq & SAMPLE_MASK) == 0 ? System.nanoTime() : NOT_SAMPLED;
    }

    /** Records a timed command's matching time (nothing for one that was not timed). */
    private void sampleEnd(long t0) {
        if (t0 == NOT_SAMPLED) {
            return;
        }
        long nanos = System.nanoTime() - t0;
        sampledCommands++;
        sampledNanos += nanos;
        if (nanos > sampledMaxNanos) {
            sampledMaxNanos = nanos;
        }
    }

    @Override
    public io.cift.core.journal.EngineTimings timings() {
        return new io.cift.core.journal.EngineTimings(sampledCommands, sampledNanos, sampledMaxNanos, writer.fsyncs(),
                writer.fsyncNanos());
    }

    /** The gate's clock for the next command: the live clock plus the offset, never going back. */
    private long nextClock() {
        if (replayClockSet) {
            replayClockSet = false;
            lastClock = replayClock;
            return replayClock;
        }
        long t = liveClock.nanoTime() + clockOffset;
        if (t < lastClock) {
            t = lastClock;
        }
        lastClock = t;
        return t;
    }

    /** The book of a journal symbol id when the engine has no gate and a command reached it before, else null. */
    private io.cift.core.book.internal.ArrayOrderBook book(int symbolId) {
        io.cift.core.book.internal.ArrayOrderBook[] byId = booksById;
        return symbolId < byId.length ? byId[symbolId] : null;
    }

    /** After a command went through the engine by name: remembers its symbol's book, if it has one now. */
    private void remember(int symbolId, String symbol) {
        if (gated) {
            return;   // the gate sees every command first
        }
        java.util.Optional<io.cift.core.book.OrderBook> b = state.books.book(symbol);
        if (b.isEmpty()) {
            return;
        }
        if (symbolId >= booksById.length) {
            booksById = java.util.Arrays.copyOf(booksById, Math.max(symbolId + 1, booksById.length * 2));
        }
        booksById[symbolId] = (io.cift.core.book.internal.ArrayOrderBook) b.get();
    }

    /**
     * Claims a ring slot, waiting up to the lag timeout; returns its sequence in the ring, or -1. Slots are claimed
     * from the ring {@link #CLAIM_BATCH} at a time (one check of the writer's position for all of them) and handed
     * out one by one; each is still published as soon as its command is in it.
     */
    private long claim() {
        if (nextSlot <= lastClaimed) {
            return nextSlot++;
        }
        long last = ring.claim(CLAIM_BATCH);
        int n = CLAIM_BATCH;
        if (last < 0) {
            n = 1;   // nearly full: one slot at a time, as the writer frees them
            last = ring.claim(1);
            if (last < 0) {
                long deadline = System.nanoTime() + lagTimeoutNanos;
                journalIdle.reset();
                while ((last = ring.claim(1)) < 0) {
                    if (journalFailed() || System.nanoTime() - deadline >= 0) {
                        return -1;
                    }
                    journalIdle.idle();
                }
            }
        }
        lastClaimed = last;
        nextSlot = last - n + 2;
        return last - n + 1;
    }

    /**
     * Hands the command to the journal writer (which encodes it); returns its sequence number, or -1 when it
     * cannot. The symbol's id comes from {@link #symbolId}.
     */
    private long journal(int op, int symbolId, long orderId, long ownerId, long price, long qty) {
        long time = gated ? nextClock() : 0;
        long slot = claim();
        if (slot < 0) {
            return -1;
        }
        long seq = counters.commandSeq + 1;
        assert ring.sequenceOf(slot) == seq : "slot " + slot + " holds command " + ring.sequenceOf(slot) + ", not " + seq;
        ring.command(slot, op, symbolId, orderId, ownerId, price, qty, gated, time);
        ring.publish(slot);
        counters.commandSeq = seq;
        if (gated) {
            state.clock(time);
        }
        return seq;
    }

    private void afterCommand(long seq) {
        if (events != null) {
            events.endCommand();
        }
        if (seq >= nextSnapshotCheck) {
            snapshotIfDue(seq);
        }
    }

    /** Snapshots when {@code seq} is a multiple of the snapshot interval; then sets the next multiple to check at. */
    private void snapshotIfDue(long seq) {
        long every = config.snapshotEvery();
        if (every <= 0) {
            nextSnapshotCheck = Long.MAX_VALUE;
            return;
        }
        if (seq % every == 0) {
            scheduleSnapshot();
        }
        nextSnapshotCheck = (seq / every + 1) * every;   // a division per snapshot, not one per command
    }

    private Future<SnapshotInfo> scheduleSnapshot() {
        long seq = counters.commandSeq;
        int b = nextSnapshotBuffer;
        Future<SnapshotInfo> previous = snapshotWrites[b];
        if (previous != null && !previous.isDone()) {
            try {
                previous.get();   // this buffer's last snapshot (two snapshots ago) must be on disk before it is reused
            } catch (ExecutionException e) {
                // reported when it failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExpandableArrayBuffer buffer = snapshotBuffers[b];
        int length = Snapshots.serialize(buffer, engineId, counters, state);   // one walk over the live orders
        long hash = Snapshots.storedHash(buffer);
        byte[] bytes = buffer.byteArray();
        SnapshotInfo info = new SnapshotInfo(seq, counters.eventSeq, counters.tradeSeq, counters.volume, counters.rejects,
                hash, dir.resolve(Snapshots.fileName(seq)));
        Future<SnapshotInfo> write = snapshots.submit(() -> {
            try {
                IdleStrategy idle = new BackoffIdleStrategy(100, 10, 10_000, 1_000_000);
                while (writer.durableSequence() < seq) {
                    if (writer.failure() != null) {
                        throw new JournalException("snapshot at command " + seq + " not written: the journal failed",
                                writer.failure());
                    }
                    idle.idle();
                }
                Snapshots.write(dir, seq, bytes, length);
                List<Path> all = Snapshots.list(dir);
                for (int i = config.snapshotsKept(); i < all.size(); i++) {
                    Files.deleteIfExists(all.get(i));
                }
                return info;
            } catch (IOException | RuntimeException e) {
                if (snapshotFailure == null) {
                    snapshotFailure = e;
                    LOG.error("snapshot at command {} of journal {} failed; recovery falls back to an older snapshot"
                            + " and replays more of the journal", seq, dir, e);
                }
                throw e;
            }
        });
        snapshotWrites[b] = write;
        nextSnapshotBuffer = b ^ 1;
        return write;
    }

    @Override
    public SnapshotInfo snapshot() {
        if (closed) {
            throw new JournalException("engine " + engineId + " is closed");
        }
        try {
            return scheduleSnapshot().get();
        } catch (ExecutionException e) {
            throw new JournalException("snapshot of journal " + dir + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while writing a snapshot of " + dir, e);
        }
    }

    @Override
    public boolean awaitDurable(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        while (writer.durableSequence() < sequence) {
            if (writer.failure() != null) {
                throw new JournalException("journal " + dir + " failed before command " + sequence + " was durable",
                        writer.failure());
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    // ---- the risk gate

    private ArrayRiskCalculator gate() {
        if (!gated) {
            throw new IllegalStateException("engine " + engineId + " has no risk gate (DurableEngineConfig.Builder.riskGate)");
        }
        return state.risk;
    }

    /** Journals an administrative change, then applies it exactly as replay will. */
    private void admin(int kind, String symbol, byte[] bytes) {
        gate();
        if (closed || writer.failure() != null) {
            throw new JournalException("engine " + engineId + " cannot journal a risk change: "
                    + (closed ? "it is closed" : "its journal failed"));
        }
        int symbolId = symbol.isEmpty() ? -1 : sequencer.symbols.journalId(symbol);
        if (symbolId == SymbolTable.FULL) {
            throw new IllegalStateException("engine " + engineId + " already names " + sequencer.symbols.size()
                    + " symbols, its limit (MatchingEngineConfig.maxSymbols): no room for " + symbol);
        }
        if (!symbol.isEmpty() && symbolId < 0) {
            throw new IllegalArgumentException("symbol longer than " + RecordCodec.MAX_SYMBOL_BYTES + " UTF-8 bytes: " + symbol);
        }
        long time = nextClock();
        long slot = claim();
        if (slot < 0) {
            throw new JournalException("engine " + engineId + " could not journal a risk change within " + config.lagTimeout());
        }
        long seq = counters.commandSeq + 1;
        assert ring.sequenceOf(slot) == seq : "slot " + slot + " holds command " + ring.sequenceOf(slot) + ", not " + seq;
        ring.admin(slot, kind, symbolId, bytes, time);
        ring.publish(slot);
        counters.commandSeq = seq;
        state.clock(time);
        state.admin(kind, symbol, bytes);
        afterCommand(seq);
    }

    @Override
    public Optional<RiskView> risk() {
        return Optional.ofNullable(state.risk);
    }

    @Override
    public RiskReason lastRiskReason() {
        gate();
        return state.gate.lastRiskReason();
    }

    /** Writes an administrative record's payload. */
    @FunctionalInterface
    private interface Payload {
        void write(DataOutputStream out) throws IOException;
    }

    private void admin(int kind, String symbol, Payload payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            payload.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        admin(kind, symbol, bytes.toByteArray());
    }

    private void requireAccount(long account) {
        if (!gate().hasAccount(account)) {
            throw new IllegalStateException("account " + account + " has no limits: call setAccountLimits first");
        }
    }

    @Override
    public void setAccountLimits(long account, AccountLimits limits) {
        Objects.requireNonNull(limits, "limits");
        admin(RecordCodec.ADMIN_ACCOUNT_LIMITS, "", out -> {
            out.writeLong(account);
            LimitsCodec.write(out, limits);
        });
    }

    @Override
    public void setInstrumentLimits(long account, String symbol, InstrumentLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank, got '" + symbol + "'");
        }
        requireAccount(account);
        admin(RecordCodec.ADMIN_INSTRUMENT_LIMITS, symbol, out -> {
            out.writeLong(account);
            LimitsCodec.write(out, limits);
        });
    }

    @Override
    public void setKillSwitch(long account, boolean on) {
        requireAccount(account);
        admin(RecordCodec.ADMIN_KILL_SWITCH, "", out -> {
            out.writeLong(account);
            out.writeBoolean(on);
        });
    }

    @Override
    public void setGlobalKillSwitch(boolean on) {
        admin(RecordCodec.ADMIN_GLOBAL_KILL, "", out -> out.writeBoolean(on));
    }

    @Override
    public int killAccount(long account, boolean cancelOpenOrders) {
        setKillSwitch(account, true);
        return cancelOpenOrders ? cancelAll(gate().openOrders(account)) : 0;
    }

    @Override
    public int killAll(boolean cancelOpenOrders) {
        setGlobalKillSwitch(true);
        int n = 0;
        if (cancelOpenOrders) {
            for (long account : gate().accountIds()) {
                n += cancelAll(gate().openOrders(account));
            }
        }
        return n;
    }

    /** Cancels (each a journaled command) the given open orders. */
    private int cancelAll(List<RiskCalculator.OpenOrder> orders) {
        int n = 0;
        for (RiskCalculator.OpenOrder o : orders) {
            if (cancel(o.symbol(), o.orderId(), CancelReason.KILL_SWITCH) == ResultCode.ACCEPTED) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String engineId() {
        return engineId;
    }

    @Override
    public long lastSequence() {
        return counters.commandSeq;
    }

    @Override
    public long durableSequence() {
        return writer.durableSequence();
    }

    @Override
    public RecoveryReport recovery() {
        return report;
    }

    @Override
    public long events() {
        return counters.eventSeq;
    }

    @Override
    public long trades() {
        return counters.tradeSeq;
    }

    @Override
    public long volume() {
        return counters.volume;
    }

    @Override
    public long rejects() {
        return counters.rejects;
    }

    @Override
    public long rejects(ResultCode reason) {
        return sequencer.rejectsByReason[reason.ordinal()];
    }

    @Override
    public long eventsDropped() {
        return events == null ? 0 : events.dropped();
    }

    @Override
    public long consumerFailures() {
        return (events == null ? 0 : events.failures()) + followerFailures.get();
    }

    @Override
    public Optional<Throwable> journalFailure() {
        return Optional.ofNullable(writer.failure());
    }

    /** Reads ahead in the books; nothing is journaled (see {@link io.cift.core.book.MatchingEngine#prefetch}). */
    @Override
    public void prefetch(String symbol, long orderId) {
        state.books.prefetch(symbol, orderId);
    }

    @Override
    public Optional<OrderBook> book(String symbol) {
        return state.books.book(symbol);
    }

    @Override
    public Set<String> symbols() {
        return state.books.symbols();
    }

    @Override
    public long listenerFailures() {
        return state.commands().listenerFailures();
    }

    @Override
    public long stateHash() {
        return state.books.stateHash();
    }

    @Override
    public void validate() {
        state.books.validate();
        if (state.risk != null) {
            state.risk.validate();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        try {
            writerThread.join();
            awaitReplica();
            for (JournalFollower f : followers) {
                if (!f.finish(TimeUnit.SECONDS.toMillis(60))) {
                    LOG.warn("engine {}: a journal follower did not catch up within 60 s of closing", engineId);
                }
            }
            if (events != null) {
                events.shutdown(TimeUnit.SECONDS.toNanos(60));
            }
            snapshots.shutdown();
            fills.shutdown();   // the writer's close gave up a fill still running
            snapshots.awaitTermination(60, TimeUnit.SECONDS);
            fills.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            if (replica != null) {
                replica.close();
            }
        }
        if (writer.failure() != null) {
            throw new JournalException("journal " + dir + " failed; commands after " + writer.durableSequence()
                    + " are not durable", writer.failure());
        }
    }

    /** Waits (up to the replica timeout) for the replica to acknowledge what the writer wrote. */
    private void awaitReplica() throws InterruptedException {
        if (replica == null || writer.failure() != null) {
            return;
        }
        long last = counters.commandSeq;
        long deadline = System.nanoTime() + config.replicaTimeout().toNanos();
        while (replica.acknowledgedSequence() < last && writer.failure() == null) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("engine {}: closing with commands {} to {} not acknowledged by the replica", engineId,
                        replica.acknowledgedSequence() + 1, last);
                return;
            }
            Thread.sleep(1);
        }
    }

    @Override
    public String toString() {
        return "JournaledEngine[" + engineId + ", " + dir + ", command " + counters.commandSeq + ", durable "
                + writer.durableSequence() + "]";
    }
}
