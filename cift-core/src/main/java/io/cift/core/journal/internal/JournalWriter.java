package io.cift.core.journal.internal;

import com.lmax.disruptor.EventPoller;
import io.cift.core.journal.FsyncPolicy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * The journal's writer thread. The matching thread puts each command, unencoded, into a preallocated
 * slot of a single-producer ring (the LMAX Disruptor, polled); this thread drains whatever is queued,
 * encodes each record with its checksum into a batch, appends the batch to the current segment with one
 * write, forces it per the {@link FsyncPolicy}, then publishes the new durable sequence number. Encoding
 * here rather than on the matching thread keeps that thread's share of the journal to a few stores per
 * command. A failed write stops the writer for good: {@link #failure()} says why, and no later command
 * becomes durable. With a replica, each record also goes to it (from {@link #replicateFrom} on: a standby
 * sends nothing), the replica is flushed after each batch, and a record is durable only once the replica
 * acknowledged it too.
 */
public final class JournalWriter implements Runnable {
    /** The spare segment file while another thread zero-fills it ahead of need. */
    static final String SPARE = "journal-spare.tmp";
    /**
     * The spare once it is filled and forced; it outlives the engine, so that the next engine to open the
     * journal starts its first new segment without filling one.
     */
    static final String SPARE_READY = "journal-spare.ready";
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);
    /**
     * How far ahead of the append position a segment that is not yet filled to its size (a journal's first, or
     * one a crash left short) is zero-filled before the writer starts; the preparer fills the rest in the
     * background. Filling a whole 64 MiB segment and forcing it took 60 to 80 ms of every new journal's opening.
     */
    static final long FILLED_AHEAD_AT_OPEN = 1 << 20;
    private static final byte[] NO_SYMBOL = new byte[0];

    private final Path dir;
    private final CommandRing ring;
    private final EventPoller.Handler<CommandRing.Slot> appender = this::append;
    /** Nanoseconds to gather commands after a batch the policy does not force; 0 under {@link FsyncPolicy#BATCH}. */
    private final long gatherNanos;
    /** Whether the last poll stopped because the batch buffer was full (more is waiting: no gathering then). */
    private boolean batchFull;
    private final SymbolTable symbols;
    private final FsyncPolicy policy;
    private final long intervalNanos;
    private final long segmentBytes;
    private final ByteBuffer batch;
    private final UnsafeBuffer batchView;
    private final CRC32C crc = new CRC32C();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong fsyncNanos = new AtomicLong();
    private volatile Throwable failure;
    /**
     * 1 once {@link #failure} is set. The matching thread reads it before every command while this thread writes
     * the fields beside {@code failure} (and the counters allocated next to this object) after every batch: a
     * Disruptor {@code Sequence}, padded onto cache lines of its own, spares the matching thread that miss.
     */
    private final com.lmax.disruptor.Sequence stopped = new com.lmax.disruptor.Sequence(0);
    /** Set on close; it also gives up a spare still being filled (deleted) rather than waiting for it. */
    private volatile boolean closing;
    private FileChannel channel;
    private long position;
    private final java.util.concurrent.ExecutorService preparer;
    private java.util.concurrent.Future<Path> spare;
    private long pendingLastSeq;
    private final io.cift.core.journal.JournalReplica replica;
    /** The first sequence number the writer sends the replica: none while the engine follows one. */
    private volatile long replicateFrom = Long.MAX_VALUE;
    private long lastForceNanos;
    private boolean unsyncedWrites;
    /**
     * While the preparer fills the segment being appended to: guards the fill's writes against the writer
     * writing past what is filled (the writer then takes the segment over and the fill writes no more).
     */
    private final Object fillLock = new Object();
    /**
     * How far the background fill has zero-filled the segment being appended to; {@code Long.MAX_VALUE} when no
     * fill runs, or once the writer stopped it (wrote past it, or left the segment). Written under {@link #fillLock}.
     */
    private volatile long filledTo = Long.MAX_VALUE;

    /**
     * Creates the writer; it appends to {@code segment} from {@code position} on.
     *
     * @param dir the journal directory
     * @param ringCapacity bytes of the ring (a power of two): a slot of {@value CommandRing#SLOT_BYTES} bytes a command
     * @param policy the fsync policy
     * @param intervalNanos the interval of {@link FsyncPolicy#INTERVAL}
     * @param gatherNanos how long to gather commands after a batch that the policy does not force (0: not at all)
     * @param segmentBytes the size after which a new segment starts
     * @param segment the segment to append to
     * @param position where to append in it (its valid end)
     * @param lastSeq the last sequence number already in the journal
     * @param preparer where the rest of this segment and the next segment are zero-filled ahead of need
     * @param symbols where the slots' symbol ids are resolved
     * @param replica the journal's replicated copy, or null
     * @throws IOException when the segment cannot be opened
     */
    public JournalWriter(Path dir, int ringCapacity, FsyncPolicy policy, long intervalNanos, long gatherNanos, long segmentBytes,
                         Path segment, long position, long lastSeq, java.util.concurrent.ExecutorService preparer,
                         SymbolTable symbols, io.cift.core.journal.JournalReplica replica) throws IOException {
        this.dir = dir;
        this.replica = replica;
        this.symbols = symbols;
        this.ring = new CommandRing(Math.max(1024, ringCapacity / CommandRing.SLOT_BYTES), lastSeq + 1);
        this.policy = policy;
        this.intervalNanos = intervalNanos;
        this.gatherNanos = policy == FsyncPolicy.BATCH ? 0 : gatherNanos;
        this.segmentBytes = segmentBytes;
        this.batch = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        this.batchView = new UnsafeBuffer(batch);
        this.channel = FileChannel.open(segment, StandardOpenOption.WRITE);
        this.position = position;
        this.preparer = preparer;
        // a segment not yet allocated whole (a new journal's first, one a crash left short) is filled a
        // megabyte ahead now and to its size in the background, ahead of the writer, so that fdatasyncs do
        // not commit metadata
        long end = Math.max(channel.size(), position);
        if (end < segmentBytes) {
            long ahead = Math.min(segmentBytes, Math.max(end, position + FILLED_AHEAD_AT_OPEN));
            zeroFill(channel, end, ahead);
            channel.force(true);
            if (ahead < segmentBytes) {
                filledTo = ahead;
                fillInBackground(segment, ahead);
            }
        }
        Files.deleteIfExists(dir.resolve(SPARE));   // left half filled by an engine that stopped
        Path ready = dir.resolve(SPARE_READY);
        if (isReadySpare(ready, segmentBytes)) {
            this.spare = java.util.concurrent.CompletableFuture.completedFuture(ready);
        } else {
            Files.deleteIfExists(ready);
            this.spare = prepareSpare();
        }
        written.set(lastSeq);
        durable.set(lastSeq);
        synced.set(lastSeq);
        pendingLastSeq = lastSeq;
        lastForceNanos = System.nanoTime();
    }

    /**
     * The ring the matching thread puts commands into.
     *
     * @return the ring
     */
    CommandRing ring() {
        return ring;
    }

    /**
     * The highest sequence number that is durable under the policy.
     *
     * @return the sequence number
     */
    public long durableSequence() {
        long local = durable.get();
        return replica == null ? local : Math.min(local, replica.acknowledgedSequence());
    }

    /**
     * Starts sending records to the replica from a sequence number on (before, the engine followed it).
     * Call it before the record with that number is queued.
     *
     * @param sequence the first record to send
     */
    void replicateFrom(long sequence) {
        replicateFrom = sequence;
    }

    /**
     * The highest sequence number forced to the disk.
     *
     * @return the sequence number
     */
    public long syncedSequence() {
        return synced.get();
    }

    /**
     * How many times the writer forced the file.
     *
     * @return the count
     */
    public long fsyncs() {
        return fsyncs.get();
    }

    /**
     * Time spent forcing the journal's batches.
     *
     * @return nanoseconds
     */
    public long fsyncNanos() {
        return fsyncNanos.get();
    }

    /**
     * Why the writer stopped, if it failed.
     *
     * @return the failure, or null
     */
    public Throwable failure() {
        Throwable f = stopped.get() == 0 ? null : failure;
        if (f == null && replica != null && replicateFrom != Long.MAX_VALUE) {
            f = replica.failure();
        }
        return f;
    }

    /**
     * The flag that {@link #failure()} reads first, for a caller that checks it on every command: holding the flag
     * itself spares that caller a read of this object, whose fields this thread writes with every record.
     *
     * @return 0 while the writer runs, 1 once it failed
     */
    com.lmax.disruptor.Sequence stoppedFlag() {
        return stopped;
    }

    /** @return whether the writer has a replica, whose failure {@link #failure()} reports too */
    boolean hasReplica() {
        return replica != null;
    }

    /**
     * Asks the writer to write everything queued, force it, and stop. A spare segment still being filled is
     * given up: the engine's close does not wait for it, and the next engine fills one again.
     */
    public void close() {
        closing = true;
    }

    @Override
    public void run() {
        IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 200_000);
        try {
            while (true) {
                boolean stopping = closing;
                long before = pendingLastSeq;
                batchFull = false;
                ring.poll(appender);
                if (pendingLastSeq != before) {
                    if (pendingLastSeq >= replicateFrom) {
                        replica.flush();
                    }
                    writeBatch();
                    boolean force = policy == FsyncPolicy.BATCH
                            || policy == FsyncPolicy.INTERVAL && System.nanoTime() - lastForceNanos >= intervalNanos;
                    if (force) {
                        force();
                    }
                    written.set(pendingLastSeq);
                    durable.set(pendingLastSeq);
                    idle.reset();
                    if (gatherNanos > 0 && !batchFull && !stopping) {
                        // let commands gather: on a busy machine, a writer back for every few commands (reading
                        // their lines from the matching core, calling the kernel for each batch) slowed the matching
                        // thread by up to half again (docs/benchmarks.md, "Busy phases and a writer that gathers")
                        LockSupport.parkNanos(gatherNanos);
                    }
                } else {
                    if (stopping) {
                        break;
                    }
                    if (unsyncedWrites && policy == FsyncPolicy.INTERVAL && System.nanoTime() - lastForceNanos >= intervalNanos) {
                        force();
                    }
                    idle.idle();
                }
            }
            if (policy != FsyncPolicy.NONE && unsyncedWrites) {
                force();
            }
            channel.close();
        } catch (Throwable t) {
            failure = t;
            stopped.set(1);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /**
     * Encodes one command into the batch, rolling the segment first when it would grow too large.
     *
     * @return whether the batch has room for another record
     */
    private boolean append(CommandRing.Slot c, long slot, boolean endOfBatch) {
        long seq = c.seq();
        int symbol = c.symbol();
        byte[] sym = symbol < 0 ? NO_SYMBOL : symbols.bytes(symbol);
        boolean admin = c.admin();
        int op = c.op();
        boolean timed = c.timed();
        long time = timed ? c.time() : 0;
        byte[] payload = admin ? c.payload() : null;
        // a slot holds only the fields of its command's kind: the others are what an earlier command left
        int command = op & 3;
        long orderId = admin ? 0 : c.orderId();
        long ownerId = !admin && command == RecordCodec.OP_NEW ? c.ownerId() : 0;
        long price = !admin && command != RecordCodec.OP_CANCEL ? c.price() : 0;
        long qty = !admin && command != RecordCodec.OP_CANCEL ? c.quantity() : 0;
        int length = admin ? RecordCodec.adminLength(sym, payload.length, time)
                : RecordCodec.length(op, sym, orderId, ownerId, price, qty, timed, time);
        if (position + batch.position() + length > segmentBytes && position + batch.position() > Segments.HEADER_LENGTH) {
            try {
                writeBatch();
                roll(seq);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        int at = batch.position();
        if (admin) {
            RecordCodec.encodeAdmin(batchView, at, length, seq, op, sym, payload, payload.length, time);
        } else {
            RecordCodec.encode(batchView, at, length, seq, op, sym, orderId, ownerId, price, qty, timed, time);
        }
        crc.reset();
        batch.limit(at + length).position(at + RecordCodec.SEQ_OFFSET);
        crc.update(batch);
        batch.limit(batch.capacity()).position(at + length);
        batchView.putInt(at + RecordCodec.CRC_OFFSET, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        if (seq >= replicateFrom) {
            byte[] copy = new byte[length];
            batchView.getBytes(at, copy);
            replica.append(seq, copy);
        }
        pendingLastSeq = seq;
        batchFull = batch.remaining() < RecordCodec.MAX_RECORD_LENGTH;
        return !batchFull;
    }

    private void writeBatch() throws IOException {
        batch.flip();
        if (position + batch.remaining() > filledTo) {
            stopFill();   // the writer outran the fill: from here on its writes extend the segment themselves
        }
        while (batch.hasRemaining()) {
            position += channel.write(batch, position);
        }
        batch.clear();
        unsyncedWrites = true;
    }

    private void force() throws IOException {
        long t0 = System.nanoTime();
        channel.force(false);
        fsyncNanos.addAndGet(System.nanoTime() - t0);
        fsyncs.incrementAndGet();
        lastForceNanos = System.nanoTime();
        unsyncedWrites = false;
        synced.set(pendingLastSeq);
    }

    /** Closes the current segment (forced) and starts a new one whose first record is {@code firstSeq}. */
    private void roll(long firstSeq) throws IOException {
        if (policy != FsyncPolicy.NONE) {
            channel.force(false);
            fsyncs.incrementAndGet();
        }
        stopFill();
        channel.close();
        channel = takeSpare(firstSeq);
        if (channel == null) {
            channel = createSegment(dir, firstSeq, policy != FsyncPolicy.NONE, segmentBytes);
        }
        position = Segments.HEADER_LENGTH;
        spare = prepareSpare();
    }

    /**
     * Zero-fills the rest of the segment being appended to, a megabyte at a time from {@code from} to its size,
     * on the preparer's thread, with its own channel. It writes only past {@link #filledTo} and only while the
     * writer has not {@linkplain #stopFill stopped} it, under {@link #fillLock}, so it never writes over a
     * record; the writer's own writes stay below {@link #filledTo} until it stops the fill.
     */
    private void fillInBackground(Path segment, long from) {
        try {
            preparer.submit(() -> {
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    fillPaced(ch, from, (at, to) -> {
                        synchronized (fillLock) {
                            if (filledTo == Long.MAX_VALUE) {
                                return false;   // stopped by the writer
                            }
                            zeroFill(ch, at, to);
                            filledTo = to;
                            return true;
                        }
                    });
                }
                return null;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            stopFill();   // shutting down
        }
    }

    /** Stops the background fill of the segment being appended to (waiting out a megabyte being written). */
    private void stopFill() {
        synchronized (fillLock) {
            filledTo = Long.MAX_VALUE;
        }
    }

    /** Writes one chunk of a {@linkplain #fillPaced paced fill}. */
    @FunctionalInterface
    private interface Chunk {
        /** @return false to stop the fill */
        boolean fill(long from, long to) throws IOException;
    }

    /**
     * Zero-fills from {@code from} to the segment size through {@code chunk}, on the preparer's thread: a megabyte
     * at a time, each forced, with a pause, because one large flush would hold the disk queue for tens of
     * milliseconds and the journal's own fdatasyncs would wait behind it. Stops on close or when the chunk says so.
     */
    private void fillPaced(FileChannel ch, long from, Chunk chunk) throws IOException, InterruptedException {
        for (long at = from; at < segmentBytes && !closing; ) {
            long to = Math.min(segmentBytes, at + ZEROS.capacity());
            if (!chunk.fill(at, to)) {
                return;
            }
            ch.force(false);
            at = to;
            Thread.sleep(2);
        }
    }

    /** Zero-fills the next segment on the preparer's thread; the future gives null when it was given up. */
    private java.util.concurrent.Future<Path> prepareSpare() {
        try {
            return preparer.submit(() -> {
                Path p = dir.resolve(SPARE);
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    fillPaced(ch, 0, (at, to) -> {
                        zeroFill(ch, at, to);
                        return true;
                    });
                    if (!closing) {
                        ch.force(true);
                    }
                }
                if (closing) {
                    Files.deleteIfExists(p);
                    return null;
                }
                Path ready = dir.resolve(SPARE_READY);
                Files.move(p, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return ready;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;   // shutting down: the next roll creates its segment itself
        }
    }

    /** The spare renamed into place as the segment starting at {@code firstSeq}, or null when it is not ready. */
    private FileChannel takeSpare(long firstSeq) throws IOException {
        if (spare == null || !spare.isDone()) {
            return null;
        }
        Path p;
        try {
            p = spare.get();
        } catch (java.util.concurrent.ExecutionException | InterruptedException
                 | java.util.concurrent.CancellationException e) {
            return null;
        }
        return p == null ? null : install(p, dir, firstSeq, policy != FsyncPolicy.NONE);
    }

    /**
     * Starts the segment for {@code firstSeq} from a ready spare that an earlier engine left, when there is one
     * of the right size.
     *
     * @param dir the journal directory
     * @param firstSeq the first sequence number the segment will hold
     * @param force whether to force the header and the directory entry
     * @param segmentBytes the segment size
     * @return whether the spare became the segment (false: create one)
     * @throws IOException when the spare cannot be renamed or written
     */
    public static boolean installReadySpare(Path dir, long firstSeq, boolean force, long segmentBytes) throws IOException {
        Path ready = dir.resolve(SPARE_READY);
        if (!isReadySpare(ready, segmentBytes)) {
            return false;
        }
        install(ready, dir, firstSeq, force).close();
        return true;
    }

    private static boolean isReadySpare(Path ready, long segmentBytes) throws IOException {
        return Files.isRegularFile(ready) && Files.size(ready) == segmentBytes;
    }

    /** Renames a zero-filled spare to the segment starting at {@code firstSeq} and writes its header. */
    private static FileChannel install(Path spareFile, Path dir, long firstSeq, boolean force) throws IOException {
        Path target = dir.resolve(Segments.name(firstSeq));
        Files.move(spareFile, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE);
        ByteBuffer h = Segments.header(firstSeq);
        while (h.hasRemaining()) {
            ch.write(h, h.position());
        }
        if (force) {
            ch.force(false);
            forceDirectory(dir);
        }
        return ch;
    }

    /**
     * Writes zeros over [from, to): segments are allocated whole before any record lands in them, so that
     * a write changes no file-system metadata and {@code fdatasync} need not commit any (here it then
     * takes well under half the time, and its tail is far shorter).
     */
    private static void zeroFill(FileChannel ch, long from, long to) throws IOException {
        for (long at = from; at < to; ) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), to - at));
            at += ch.write(z, at);
        }
    }

    /**
     * Creates a segment file with its header, zero-filled to its full size, forcing it and its directory
     * entry when asked.
     *
     * @param dir the journal directory
     * @param firstSeq the first sequence number it will hold
     * @param force whether to force the file and the directory
     * @param segmentBytes the segment size (preallocation stops there)
     * @return the open channel
     * @throws IOException when the file cannot be created
     */
    public static FileChannel createSegment(Path dir, long firstSeq, boolean force, long segmentBytes) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(Segments.name(firstSeq)), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        ByteBuffer h = Segments.header(firstSeq);
        while (h.hasRemaining()) {
            ch.write(h);
        }
        zeroFill(ch, Segments.HEADER_LENGTH, segmentBytes);
        if (force) {
            ch.force(true);
            forceDirectory(dir);
        }
        return ch;
    }

    /**
     * Forces a directory's entries to the disk (new and renamed files).
     *
     * @param dir the directory
     * @throws IOException when it cannot be opened
     */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
