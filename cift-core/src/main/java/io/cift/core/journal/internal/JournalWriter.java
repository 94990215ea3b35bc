package io.cift.core.journal.internal;

import io.cift.core.journal.FsyncPolicy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The journal's writer thread. The matching thread encodes each command into a one-to-one ring buffer
 * (agrona); this thread drains whatever is queued, adds each record's checksum, appends the batch to the
 * current segment with one write, forces it per the {@link FsyncPolicy}, then publishes the new durable
 * sequence number. A failed write stops the writer for good: {@link #failure()} says why, and no later
 * command becomes durable.
 */
public final class JournalWriter implements Runnable {
    /** The ring message type of a command record. */
    public static final int MSG_TYPE = 1;
    /**
     * Segments are filled with zeros this far ahead of the writes, so that a write lands in allocated
     * blocks and {@code fdatasync} need not commit file-system metadata (here it then takes well under
     * half the time).
     */
    static final int PREALLOCATE_BYTES = 8 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

    private final Path dir;
    private final OneToOneRingBuffer ring;
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
    private volatile Throwable failure;
    private volatile boolean closing;
    private FileChannel channel;
    private long position;
    private long allocated;
    private long pendingLastSeq;
    private long lastForceNanos;
    private boolean unsyncedWrites;
    private long batchMicros;

    /**
     * Creates the writer; it appends to {@code segment} from {@code position} on.
     *
     * @param dir the journal directory
     * @param ringCapacity bytes of the ring buffer (a power of two)
     * @param policy the fsync policy
     * @param intervalNanos the interval of {@link FsyncPolicy#INTERVAL}
     * @param segmentBytes the size after which a new segment starts
     * @param segment the segment to append to
     * @param position where to append in it (its valid end)
     * @param lastSeq the last sequence number already in the journal
     * @throws IOException when the segment cannot be opened
     */
    public JournalWriter(Path dir, int ringCapacity, FsyncPolicy policy, long intervalNanos, long segmentBytes,
                         Path segment, long position, long lastSeq) throws IOException {
        this.dir = dir;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(ringCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.policy = policy;
        this.intervalNanos = intervalNanos;
        this.segmentBytes = segmentBytes;
        this.batch = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        this.batchView = new UnsafeBuffer(batch);
        this.channel = FileChannel.open(segment, StandardOpenOption.WRITE);
        this.position = position;
        this.allocated = channel.size();
        written.set(lastSeq);
        durable.set(lastSeq);
        synced.set(lastSeq);
        pendingLastSeq = lastSeq;
        lastForceNanos = System.nanoTime();
    }

    /**
     * The ring the matching thread writes records into.
     *
     * @return the ring buffer
     */
    public OneToOneRingBuffer ring() {
        return ring;
    }

    /**
     * The highest sequence number that is durable under the policy.
     *
     * @return the sequence number
     */
    public long durableSequence() {
        return durable.get();
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
     * Why the writer stopped, if it failed.
     *
     * @return the failure, or null
     */
    public Throwable failure() {
        return failure;
    }

    /** Asks the writer to write everything queued, force it, and stop. */
    public void close() {
        closing = true;
    }

    @Override
    public void run() {
        IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 200_000);
        int maxRecords = (batch.capacity() / RecordCodec.MAX_RECORD_LENGTH) - 1;
        try {
            while (true) {
                boolean stopping = closing;
                batchMicros = System.currentTimeMillis() * 1000;
                int n = ring.read(this::append, maxRecords);
                if (n > 0) {
                    writeBatch();
                    boolean force = policy == FsyncPolicy.BATCH
                            || policy == FsyncPolicy.INTERVAL && System.nanoTime() - lastForceNanos >= intervalNanos;
                    if (force) {
                        force();
                    }
                    written.set(pendingLastSeq);
                    durable.set(pendingLastSeq);
                    idle.reset();
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
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Copies one record into the batch, rolling the segment first when it would grow too large. */
    private void append(int msgType, org.agrona.MutableDirectBuffer src, int index, int length) {
        long seq = RecordCodec.storedSequence(src, index);
        if (position + batch.position() + length > segmentBytes && position + batch.position() > Segments.HEADER_LENGTH) {
            try {
                writeBatch();
                roll(seq);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        int at = batch.position();
        src.getBytes(index, batchView, at, length);
        RecordCodec.stamp(batchView, at, batchMicros);
        crc.reset();
        batch.limit(at + length).position(at + RecordCodec.SEQ_OFFSET);
        crc.update(batch);
        batch.limit(batch.capacity()).position(at + length);
        batchView.putInt(at + RecordCodec.CRC_OFFSET, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        pendingLastSeq = seq;
    }

    private void writeBatch() throws IOException {
        batch.flip();
        allocate(channel, allocated, position + batch.remaining(), segmentBytes);
        allocated = Math.max(allocated, channel.size());
        while (batch.hasRemaining()) {
            position += channel.write(batch, position);
        }
        batch.clear();
        unsyncedWrites = true;
    }

    private void force() throws IOException {
        channel.force(false);
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
        channel.close();
        channel = createSegment(dir, firstSeq, policy != FsyncPolicy.NONE, segmentBytes);
        position = Segments.HEADER_LENGTH;
        allocated = channel.size();
    }

    /**
     * Makes sure the file holds zeros (allocated blocks) up to {@code needed}, and a step further, never
     * past {@code limit} unless {@code needed} is.
     */
    private static void allocate(FileChannel ch, long allocated, long needed, long limit) throws IOException {
        if (needed <= allocated) {
            return;
        }
        long target = Math.max(needed, Math.min(limit, needed + PREALLOCATE_BYTES));
        for (long at = allocated; at < target; ) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), target - at));
            at += ch.write(z, at);
        }
    }

    /**
     * Creates a segment file with its header and its first preallocated stretch, forcing it and its
     * directory entry when asked.
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
        allocate(ch, Segments.HEADER_LENGTH, Segments.HEADER_LENGTH + 1, segmentBytes);
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
