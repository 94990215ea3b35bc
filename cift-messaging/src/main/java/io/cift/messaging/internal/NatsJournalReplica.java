package io.cift.messaging.internal;

import io.cift.core.CiftException;
import io.cift.core.Redact;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.JournalReplica;
import io.cift.messaging.JetStreamConfig;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A journal replica on a JetStream stream of its own, one subject. Each message holds a batch of consecutive
 * records (what the journal writer wrote together, up to {@value #MAX_MESSAGE_BYTES} bytes), each record
 * self-delimiting (it starts with its length). Every message names the stream sequence number the stream
 * must end at ({@code Nats-Expected-Last-Sequence}): the stream refuses a writer that another has
 * overtaken. Its message id is this writer's own, so that a resend after a lost acknowledgement is dropped as
 * a duplicate rather than stored twice. Sending is asynchronous; a failed publish (timeout, a node going
 * away) makes a resender thread send every unacknowledged message again, in order, synchronously, until
 * the block timeout has passed without progress. Reading finds the message holding a record by a binary
 * search over the stream, then follows with an ordered consumer.
 */
public final class NatsJournalReplica implements JournalReplica {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatsJournalReplica.class);
    /** JetStream's "wrong last sequence" error. */
    private static final int WRONG_LAST_SEQUENCE = 10071;
    /** Largest message (NATS servers take 1 MiB by default). */
    static final int MAX_MESSAGE_BYTES = 256 << 10;
    private static final int SEQ_OFFSET = 6;

    private final JetStreamConfig config;
    private final String subject;
    private final String writerId = UUID.randomUUID().toString().substring(0, 8);
    private final Connection nc;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final int window;
    private final long timeoutNanos;
    private final AtomicLong acknowledged = new AtomicLong();
    private final Object sendLock = new Object();
    // guarded by sendLock: the batch being filled, the messages sent and not yet acknowledged
    private final ByteBuffer batch = ByteBuffer.allocate(MAX_MESSAGE_BYTES);
    private long batchFirst;
    private long lastAppended;
    /** Stream sequence number of the last message this writer sent or knows the stream holds. */
    private long lastStreamSeq;
    private final byte[][] sentBytes;
    private final long[] sentLast;
    private final int sentMask;
    private final AtomicBoolean resendWanted = new AtomicBoolean();
    private final ExecutorService resender;
    private volatile Throwable failure;
    private final Object readLock = new Object();
    // guarded by readLock
    private JetStreamSubscription reading;
    private long nextRead;

    /**
     * Connects and creates the stream when it is missing.
     *
     * @param config the stream, subject prefix, replicas, window ({@link JetStreamConfig#maxInFlight()}, in
     *               records), timeout ({@link JetStreamConfig#blockTimeout()}), retry delay and duplicate window
     */
    public NatsJournalReplica(JetStreamConfig config) {
        if (JetStreamConfig.DEFAULT_STREAM.equals(config.stream())) {
            throw new IllegalArgumentException("a journal replica needs a stream of its own, not the order events' "
                    + JetStreamConfig.DEFAULT_STREAM + " (JetStreamConfig.Builder.stream)");
        }
        this.config = config;
        this.subject = config.subjectPrefix() + ".journal";
        this.window = config.maxInFlight();
        int size = Integer.highestOneBit(Math.max(2, window) * 2 - 1);
        this.sentBytes = new byte[size][];
        this.sentLast = new long[size];
        this.sentMask = size - 1;
        this.timeoutNanos = config.blockTimeout().toNanos();
        batch.order(ByteOrder.LITTLE_ENDIAN);
        try {
            this.nc = Nats.connect(NatsConnections.options(config.servers()).errorListener(new ErrorListener() { })
                    .connectionListener((conn, type) -> LOG.info("journal replica {}: NATS connection {}", config.stream(),
                            type.toString().toLowerCase(java.util.Locale.ROOT)))
                    .build());
            this.jsm = nc.jetStreamManagement();
            ensureStream();
            this.js = nc.jetStream(JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            long last = lastSequence();   // sets lastStreamSeq
            acknowledged.set(last);
            lastAppended = last;
        } catch (IOException | JetStreamApiException e) {
            closeQuietly();
            throw new CiftException("NATS JetStream at " + Redact.text(config.url()) + " is unavailable for journal stream "
                    + config.stream() + ": " + e.getMessage(), e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CiftException("interrupted while connecting to " + Redact.text(config.url()), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.resender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cift-journal-replica-" + config.stream());
            t.setDaemon(true);
            return t;
        });
    }

    private void ensureStream() throws IOException, JetStreamApiException {
        StreamConfiguration want = StreamConfiguration.builder().name(config.stream()).subjects(subject)
                .storageType(StorageType.File).replicas(config.replicas()).duplicateWindow(config.duplicateWindow()).build();
        StreamConfiguration have = NatsConnections.existingOrCreate(jsm, want, "journal stream", config.url(), LOG);
        if (have == null) {
            return;
        }
        List<String> diffs = NatsJetStreamOrderEvents.differences(have, want);
        if (!diffs.isEmpty()) {
            throw new CiftException("journal stream " + config.stream() + " at " + Redact.text(config.url()) + " exists with "
                    + String.join("; ", diffs) + ": a journal stream is never changed; name another stream");
        }
    }

    private CiftException unreadable(Exception e) {
        return new CiftException("journal stream " + config.stream() + " at " + Redact.text(config.url())
                + " cannot be read: " + e.getMessage(), e, true);
    }

    @Override
    public long lastSequence() {
        try {
            StreamState state = jsm.getStreamInfo(config.stream()).getStreamState();
            long lastMessage = state.getLastSequence();
            long lastRecord = state.getMsgCount() == 0 ? 0
                    : span(jsm.getMessage(config.stream(), lastMessage).getData(), lastMessage)[1];
            synchronized (sendLock) {
                lastStreamSeq = Math.max(lastStreamSeq, lastMessage);
            }
            return lastRecord;
        } catch (IOException | JetStreamApiException e) {
            throw unreadable(e);
        }
    }

    /** The first and last record sequence numbers a message holds. */
    private long[] span(byte[] data, long streamSeq) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long first = -1;
        long last = -1;
        int at = 0;
        while (at < data.length) {
            int length = b.getShort(at) & 0xffff;
            if (length < SEQ_OFFSET + 8 || at + length > data.length) {
                throw new JournalException("journal stream " + config.stream() + " message " + streamSeq
                        + " is not a batch of journal records (a record of " + length + " bytes at offset " + at + ")");
            }
            last = b.getLong(at + SEQ_OFFSET);
            if (first < 0) {
                first = last;
            }
            at += length;
        }
        if (first < 0) {
            throw new JournalException("journal stream " + config.stream() + " message " + streamSeq + " is empty");
        }
        return new long[] {first, last};
    }

    @Override
    public long acknowledgedSequence() {
        return acknowledged.get();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    private PublishOptions options(long streamSeq, long firstRecord) {
        return PublishOptions.builder().expectedStream(config.stream()).expectedLastSequence(streamSeq - 1)
                .messageId(writerId + "-" + firstRecord).build();
    }

    @Override
    public void append(long sequence, byte[] record) {
        if (failure != null) {
            return;
        }
        if (sequence - acknowledged.get() > window) {
            flush();   // the held records may be what fills the window
            awaitWindow(sequence);   // outside the lock: the resender needs it to make room
            if (failure != null) {
                return;
            }
        }
        synchronized (sendLock) {
            lastAppended = Math.max(lastAppended, acknowledged.get());   // records read (a standby's) count as held
            if (sequence != lastAppended + 1) {
                fail(new JournalException("journal replica " + config.stream() + " was given record " + sequence + " after "
                        + lastAppended));
                return;
            }
            if (batch.position() + record.length > batch.capacity()) {
                flushLocked();
            }
            if (batch.position() == 0) {
                batchFirst = sequence;
            }
            batch.put(record);
            lastAppended = sequence;
            if (sequence - batchFirst + 1 >= Math.max(1, window / 2)) {
                flushLocked();   // a message never holds more than half the window
            }
        }
    }

    @Override
    public void flush() {
        synchronized (sendLock) {
            flushLocked();
        }
    }

    private void flushLocked() {
        if (batch.position() == 0 || failure != null) {
            return;
        }
        byte[] message = Arrays.copyOf(batch.array(), batch.position());
        batch.clear();
        long streamSeq = ++lastStreamSeq;
        long last = lastAppended;
        int slot = (int) (streamSeq & sentMask);
        sentBytes[slot] = message;
        sentLast[slot] = last;
        long first = batchFirst;
        js.publishAsync(subject, message, options(streamSeq, first))
                .whenComplete((ack, err) -> acknowledged(streamSeq, last, ack, err));
    }

    /** Waits until the window has room for record {@code sequence}. */
    private void awaitWindow(long sequence) {
        long deadline = System.nanoTime() + timeoutNanos;
        long seen = acknowledged.get();
        while (sequence - acknowledged.get() > window && failure == null) {
            if (acknowledged.get() != seen) {
                seen = acknowledged.get();
                deadline = System.nanoTime() + timeoutNanos;
            } else if (System.nanoTime() - deadline >= 0) {
                fail(new JournalException("journal stream " + config.stream() + " acknowledged nothing for "
                        + config.blockTimeout() + " with " + (sequence - seen) + " records unacknowledged"));
                return;
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private void acknowledged(long streamSeq, long lastRecord, PublishAck ack, Throwable err) {
        if (err == null) {
            if (ack.getSeqno() != streamSeq) {
                fail(new JournalException("journal stream " + config.stream() + " stored a batch as message " + ack.getSeqno()
                        + " where " + streamSeq + " was expected: the stream holds other messages"));
                return;
            }
            acknowledged.accumulateAndGet(lastRecord, Math::max);
        } else if (failure == null && lastRecord > acknowledged.get() && resendWanted.compareAndSet(false, true)) {
            // a lost acknowledgement, a node going away, or a later batch refused because an earlier one was lost
            resender.execute(this::resend);
        }
    }

    /** Sends every unacknowledged message again, in order, waiting for each acknowledgement. */
    private void resend() {
        resendWanted.set(false);
        long deadline = System.nanoTime() + timeoutNanos;
        int attempts = 0;
        synchronized (sendLock) {
            long streamSeq = firstUnacknowledged();
            while (streamSeq <= lastStreamSeq && failure == null) {
                int slot = (int) (streamSeq & sentMask);
                byte[] message = sentBytes[slot];
                long first = span(message, streamSeq)[0];
                try {
                    PublishAck ack = js.publish(subject, message, options(streamSeq, first));
                    if (ack.getSeqno() != streamSeq) {
                        fail(new JournalException("journal stream " + config.stream() + " stored a batch as message "
                                + ack.getSeqno() + " where " + streamSeq + " was expected: the stream holds other messages"));
                        return;
                    }
                    acknowledged.accumulateAndGet(sentLast[slot], Math::max);
                    streamSeq++;
                    deadline = System.nanoTime() + timeoutNanos;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                        fail(new JournalException("journal stream " + config.stream() + " refused record " + first
                                + ": another engine appended after record " + (first - 1) + " (this engine is fenced off)", e));
                        return;
                    }
                    if (!retry(e, first, deadline, ++attempts)) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    if (!retry(e, first, deadline, ++attempts)) {
                        return;
                    }
                }
            }
        }
    }

    /** The stream sequence number of the first sent message not acknowledged (guarded by sendLock). */
    private long firstUnacknowledged() {
        long acked = acknowledged.get();
        long s = lastStreamSeq;
        while (s > 0 && sentBytes[(int) (s & sentMask)] != null && sentLast[(int) (s & sentMask)] > acked
                && lastStreamSeq - s < sentMask) {
            s--;
        }
        return s + 1;
    }

    private boolean retry(Exception e, long record, long deadline, int attempts) {
        if (System.nanoTime() - deadline >= 0) {
            fail(new JournalException("journal stream " + config.stream() + " did not acknowledge record " + record + " within "
                    + config.blockTimeout() + ": " + e.getMessage(), e));
            return false;
        }
        if (attempts == 1) {
            LOG.warn("journal stream {}: record {} not acknowledged ({}); sending it and those after it again", config.stream(),
                    record, e.getMessage());
        }
        LockSupport.parkNanos(config.retryDelay().toNanos());
        return true;
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
            LOG.error("journal replica {} stopped: {}", config.stream(), t.getMessage());
        }
    }

    @Override
    public int read(long from, int max, Duration wait, RecordConsumer consumer) {
        synchronized (readLock) {
            try {
                if (reading == null || nextRead != from) {
                    unsubscribe();
                    long start = locate(from);
                    reading = js.subscribe(subject, PushSubscribeOptions.builder().stream(config.stream()).ordered(true)
                            .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence)
                                    .startSequence(start).build())
                            .build());
                    nextRead = from;
                }
                int n = 0;
                while (n < max) {
                    Message m = reading.nextMessage(n == 0 ? wait : Duration.ofMillis(1));
                    if (m == null) {
                        break;
                    }
                    int took = deliver(m, max - n, consumer);
                    n += took;
                    if (reading == null) {
                        break;   // the consumer stopped inside the message
                    }
                }
                return n;
            } catch (IOException | JetStreamApiException e) {
                unsubscribe();
                throw unreadable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CiftException("interrupted while reading journal stream " + config.stream(), e);
            } catch (IllegalStateException e) {
                unsubscribe();   // the connection closed under the subscription
                throw unreadable(e);
            }
        }
    }

    /** Hands a message's records from {@link #nextRead} on to the consumer; unsubscribes when it stops early. */
    private int deliver(Message m, int max, RecordConsumer consumer) {
        byte[] data = m.getData();
        long streamSeq = m.metaData().streamSequence();
        long[] span = span(data, streamSeq);
        if (span[0] > nextRead || span[1] < nextRead) {
            if (span[1] < nextRead) {
                return 0;   // before what is wanted (the search found an earlier message)
            }
            unsubscribe();
            throw new JournalException("journal stream " + config.stream() + " message " + streamSeq + " holds records "
                    + span[0] + " to " + span[1] + " where record " + nextRead + " was expected");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        int at = 0;
        while (at < data.length) {
            int length = b.getShort(at) & 0xffff;
            long seq = b.getLong(at + SEQ_OFFSET);
            if (seq >= nextRead) {
                if (n == max || !consumer.accept(seq, Arrays.copyOfRange(data, at, at + length))) {
                    unsubscribe();
                    return n;
                }
                acknowledged.accumulateAndGet(seq, Math::max);
                nextRead = seq + 1;
                n++;
            }
            at += length;
        }
        synchronized (sendLock) {
            lastStreamSeq = Math.max(lastStreamSeq, streamSeq);
        }
        return n;
    }

    /**
     * The stream sequence number of the message holding record {@code record}, or of the next message to come
     * when no message holds it yet (a follower then waits there).
     */
    private long locate(long record) throws IOException, JetStreamApiException {
        StreamState state = jsm.getStreamInfo(config.stream()).getStreamState();
        long lo = state.getFirstSequence();
        long hi = state.getLastSequence();
        if (state.getMsgCount() == 0 || span(jsm.getMessage(config.stream(), hi).getData(), hi)[1] < record) {
            return hi + 1;
        }
        if (span(jsm.getMessage(config.stream(), lo).getData(), lo)[0] > record) {
            throw new JournalException("journal stream " + config.stream() + " no longer holds record " + record
                    + " (its first message starts later)");
        }
        while (lo < hi) {   // the last message whose first record is at or before the one wanted
            long mid = lo + (hi - lo + 1) / 2;
            if (span(jsm.getMessage(config.stream(), mid).getData(), mid)[0] <= record) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void unsubscribe() {
        if (reading != null) {
            try {
                reading.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is going or gone
            }
            reading = null;
        }
    }

    @Override
    public void close() {
        if (resender != null) {
            resender.shutdownNow();
        }
        synchronized (readLock) {
            unsubscribe();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (nc != null) {
            NatsConnections.close(nc);
        }
    }

    @Override
    public String toString() {
        return "NatsJournalReplica[" + config.stream() + " at " + Redact.text(config.url()) + ", acknowledged "
                + acknowledged.get() + "]";
    }
}
