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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A journal replica on a JetStream stream of its own: one subject, one message per record, stream sequence
 * number = command sequence number. Every append says which sequence number it expects the stream to end
 * at ({@code Nats-Expected-Last-Sequence}), so the stream refuses a writer that another has overtaken, and
 * carries a message id of this writer's own, so that resending after a lost acknowledgement is dropped as
 * a duplicate rather than stored twice. Appends are asynchronous; a failed one (timeout, a node going
 * away) makes a resender thread send every unacknowledged record again, in order, synchronously, until
 * the block timeout has passed without progress.
 */
public final class NatsJournalReplica implements JournalReplica {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatsJournalReplica.class);
    /** JetStream's "wrong last sequence" error. */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private final JetStreamConfig config;
    private final String subject;
    private final String writerId = UUID.randomUUID().toString().substring(0, 8);
    private final Connection nc;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final byte[][] pending;
    private final int mask;
    private final int window;
    private final long timeoutNanos;
    private final AtomicLong acknowledged = new AtomicLong();
    private final Object sendLock = new Object();
    /** Last sequence number sent (guarded by sendLock). */
    private long lastSent;
    private final AtomicBoolean resendWanted = new AtomicBoolean();
    private final ExecutorService resender;
    private volatile Throwable failure;
    private JetStreamSubscription reading;   // guarded by readLock
    private long nextRead;
    private final Object readLock = new Object();

    /**
     * Connects and creates the stream when it is missing.
     *
     * @param config the stream, subject prefix, replicas, window ({@link JetStreamConfig#maxInFlight()}),
     *               timeout ({@link JetStreamConfig#blockTimeout()}) and duplicate window
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
        this.pending = new byte[size][];
        this.mask = size - 1;
        this.timeoutNanos = config.blockTimeout().toNanos();
        try {
            this.nc = Nats.connect(NatsConnections.options(config.servers()).errorListener(new ErrorListener() { })
                    .connectionListener((conn, type) -> LOG.info("journal replica {}: NATS connection {}", config.stream(),
                            type.toString().toLowerCase(java.util.Locale.ROOT)))
                    .build());
            this.jsm = nc.jetStreamManagement();
            ensureStream();
            this.js = nc.jetStream(JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(2)).build());
            long last = lastSequence();
            acknowledged.set(last);
            lastSent = last;
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
        StreamConfiguration have;
        try {
            have = jsm.getStreamInfo(config.stream()).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            jsm.addStream(want);
            LOG.info("created journal stream {} (subject {}, {} replica(s)) at {}", config.stream(), subject,
                    config.replicas(), Redact.text(config.url()));
            return;
        }
        List<String> diffs = NatsJetStreamOrderEvents.differences(have, want);
        if (!diffs.isEmpty()) {
            throw new CiftException("journal stream " + config.stream() + " at " + Redact.text(config.url()) + " exists with "
                    + String.join("; ", diffs) + ": a journal stream is never changed; name another stream");
        }
    }

    @Override
    public long lastSequence() {
        try {
            return jsm.getStreamInfo(config.stream()).getStreamState().getLastSequence();
        } catch (IOException | JetStreamApiException e) {
            throw new CiftException("journal stream " + config.stream() + " at " + Redact.text(config.url())
                    + " cannot be read: " + e.getMessage(), e, true);
        }
    }

    @Override
    public long acknowledgedSequence() {
        return acknowledged.get();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    private PublishOptions options(long seq) {
        return PublishOptions.builder().expectedStream(config.stream()).expectedLastSequence(seq - 1)
                .messageId(writerId + "-" + seq).build();
    }

    @Override
    public void append(long sequence, byte[] record) {
        if (failure != null) {
            return;
        }
        if (sequence - acknowledged.get() > window) {
            long deadline = System.nanoTime() + timeoutNanos;
            long seen = acknowledged.get();
            while (sequence - acknowledged.get() > window && failure == null) {
                if (acknowledged.get() != seen) {
                    seen = acknowledged.get();
                    deadline = System.nanoTime() + timeoutNanos;
                } else if (System.nanoTime() - deadline >= 0) {
                    fail(new JournalException("journal stream " + config.stream() + " acknowledged nothing for "
                            + config.blockTimeout() + " with " + window + " records unacknowledged (up to " + (sequence - 1) + ")"));
                    return;
                }
                LockSupport.parkNanos(50_000);
            }
            if (failure != null) {
                return;
            }
        }
        synchronized (sendLock) {
            lastSent = Math.max(lastSent, acknowledged.get());   // records read (a standby's) count as sent
            if (sequence != lastSent + 1) {
                fail(new JournalException("journal replica " + config.stream() + " was sent record " + sequence + " after "
                        + lastSent));
                return;
            }
            pending[(int) (sequence & mask)] = record;
            lastSent = sequence;
            js.publishAsync(subject, record, options(sequence)).whenComplete((ack, err) -> acknowledged(sequence, ack, err));
        }
    }

    private void acknowledged(long seq, PublishAck ack, Throwable err) {
        if (err == null) {
            if (ack.getSeqno() != seq) {
                fail(new JournalException("journal stream " + config.stream() + " stored record " + seq + " as message "
                        + ack.getSeqno() + ": the stream holds other messages"));
                return;
            }
            acknowledged.accumulateAndGet(seq, Math::max);
            pending[(int) (seq & mask)] = null;
        } else if (failure == null && seq > acknowledged.get() && resendWanted.compareAndSet(false, true)) {
            // a lost acknowledgement, a node going away, or a later record refused because an earlier one was lost
            resender.execute(this::resend);
        }
    }

    /** Sends every unacknowledged record again, in order, waiting for each acknowledgement. */
    private void resend() {
        resendWanted.set(false);
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (sendLock) {
            long seq = acknowledged.get() + 1;
            int attempts = 0;
            while (seq <= lastSent && failure == null) {
                byte[] record = pending[(int) (seq & mask)];
                try {
                    PublishAck ack = js.publish(subject, record, options(seq));
                    if (ack.getSeqno() != seq) {
                        fail(new JournalException("journal stream " + config.stream() + " stored record " + seq
                                + " as message " + ack.getSeqno() + ": the stream holds other messages"));
                        return;
                    }
                    acknowledged.accumulateAndGet(seq, Math::max);
                    seq++;
                    deadline = System.nanoTime() + timeoutNanos;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                        fail(new JournalException("journal stream " + config.stream() + " refused record " + seq
                                + ": another engine appended after record " + (seq - 1) + " (this engine is fenced off;"
                                + " the stream's last record is " + safeLast() + ")", e));
                        return;
                    }
                    if (!retry(e, seq, deadline, ++attempts)) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    if (!retry(e, seq, deadline, ++attempts)) {
                        return;
                    }
                }
            }
        }
    }

    private boolean retry(Exception e, long seq, long deadline, int attempts) {
        if (System.nanoTime() - deadline >= 0) {
            fail(new JournalException("journal stream " + config.stream() + " did not acknowledge record " + seq + " within "
                    + config.blockTimeout() + ": " + e.getMessage(), e));
            return false;
        }
        if (attempts == 1) {
            LOG.warn("journal stream {}: record {} not acknowledged ({}); sending it and those after it again", config.stream(),
                    seq, e.getMessage());
        }
        LockSupport.parkNanos(config.retryDelay().toNanos());
        return true;
    }

    private String safeLast() {
        try {
            return Long.toString(lastSequence());
        } catch (RuntimeException e) {
            return "unknown";
        }
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
                    reading = js.subscribe(subject, PushSubscribeOptions.builder().stream(config.stream()).ordered(true)
                            .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence)
                                    .startSequence(from).build())
                            .build());
                    nextRead = from;
                }
                int n = 0;
                while (n < max) {
                    Message m = reading.nextMessage(n == 0 ? wait : Duration.ofMillis(1));
                    if (m == null) {
                        break;
                    }
                    long seq = m.metaData().streamSequence();
                    if (seq != nextRead) {
                        unsubscribe();
                        throw new JournalException("journal stream " + config.stream() + " delivered record " + seq + " where "
                                + nextRead + " was expected (the stream no longer holds it)");
                    }
                    if (!consumer.accept(seq, m.getData())) {
                        unsubscribe();
                        break;
                    }
                    acknowledged.accumulateAndGet(seq, Math::max);
                    nextRead = seq + 1;
                    n++;
                }
                return n;
            } catch (IOException | JetStreamApiException e) {
                unsubscribe();
                throw new CiftException("journal stream " + config.stream() + " at " + Redact.text(config.url())
                        + " cannot be read: " + e.getMessage(), e, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CiftException("interrupted while reading journal stream " + config.stream(), e);
            } catch (IllegalStateException e) {
                unsubscribe();   // the connection closed under the subscription
                throw new CiftException("journal stream " + config.stream() + " cannot be read: " + e.getMessage(), e, true);
            }
        }
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
