package io.cift.messaging.internal;

import io.cift.core.CiftException;
import io.cift.messaging.Backpressure;
import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.PublishException;
import io.cift.messaging.StoredEvent;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link JetStreamOrderEvents} with jnats. With {@code confirmEvery == 1} every event is an
 * acknowledged {@code publishAsync}. With {@code confirmEvery == k > 1} events go out in windows: the
 * first {@code k - 1} as plain publishes (with their {@code Nats-Msg-Id}), the last acknowledged. The
 * server handles one connection's messages in order, so that acknowledgement confirms the window,
 * unless the connection dropped since the window began (its epoch changed) or a publish of the
 * window failed: then every event of the window is published again with an acknowledgement each,
 * under the same message ids, and JetStream drops those it already stored. A window that does not
 * fill within {@code confirmLinger} is closed by publishing its last event once more (a duplicate
 * the server acknowledges and drops).
 */
public final class NatsJetStreamOrderEvents implements JetStreamOrderEvents {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatsJetStreamOrderEvents.class);
    private final io.cift.core.internal.LogLimiter dropLog = new io.cift.core.internal.LogLimiter(java.time.Duration.ofSeconds(10));
    private final io.cift.core.internal.LogLimiter failLog = new io.cift.core.internal.LogLimiter(java.time.Duration.ofSeconds(10));
    private final io.cift.core.internal.LogLimiter duplicateLog = new io.cift.core.internal.LogLimiter(java.time.Duration.ofSeconds(10));
    private final io.cift.core.internal.LogLimiter retryLog = new io.cift.core.internal.LogLimiter(java.time.Duration.ofSeconds(10));


    private final JetStreamConfig config;
    private final Connection nc;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final Semaphore slots;
    private final ScheduledExecutorService retries;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final boolean readOnly;
    private final Map<String, JetStreamSubscription> durables = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final Object windowLock = new Object();
    private Window window;   // guarded by windowLock

    /**
     * Connects; a publisher creates the stream when it is missing and checks its configuration, a reader
     * only checks that it exists.
     *
     * @param config the configuration
     * @param readOnly whether this is a reader
     */
    public NatsJetStreamOrderEvents(JetStreamConfig config, boolean readOnly) {
        this.config = config;
        this.readOnly = readOnly;
        this.slots = new Semaphore(config.maxInFlight());
        try {
            // the URLs as given (credentials included): only messages are redacted
            Options o = NatsConnections.options(config.servers()).errorListener(new ErrorListener() { })
                    .connectionListener((conn, type) -> {
                        epoch.incrementAndGet();   // any change ends trust in open windows
                        logConnection(type);
                    })
                    .build();
            this.nc = Nats.connect(o);
            this.jsm = nc.jetStreamManagement();
            if (readOnly) {
                requireStream();
            } else {
                ensureStream();
            }
            this.js = nc.jetStream();
        } catch (IOException | JetStreamApiException e) {
            closeQuietly();
            // unreachable (I/O) or JetStream not ready (503) is transient; any other API error is a refusal
            boolean unavailable = e instanceof IOException || ((JetStreamApiException) e).getErrorCode() == 503;
            throw new CiftException("NATS JetStream at " + io.cift.core.Redact.text(config.url())
                    + (unavailable ? " is unavailable: " : " refused: ") + e.getMessage(), e,
                    unavailable || io.cift.core.internal.Failures.isTransient(e));
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CiftException("interrupted while connecting to " + io.cift.core.Redact.text(config.url()), e);
        }
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cift-jetstream-retry");
            t.setDaemon(true);
            return t;
        });
    }

    private StreamConfiguration wanted() {
        StreamConfiguration.Builder b = StreamConfiguration.builder().name(config.stream())
                .subjects(config.subjectPrefix() + ".>").storageType(StorageType.File)
                .duplicateWindow(config.duplicateWindow()).maxBytes(config.maxBytes()).replicas(config.replicas());
        if (!config.maxAge().isZero()) {
            b.maxAge(config.maxAge());
        }
        return b.build();
    }

    /** Creates the stream when missing; refuses (or, when asked, updates) one that is configured otherwise. */
    private void ensureStream() throws IOException, JetStreamApiException {
        StreamConfiguration want = wanted();
        StreamConfiguration have = NatsConnections.existingOrCreate(jsm, want, "stream", config.url(), LOG);
        if (have == null) {
            return;
        }
        List<String> diffs = differences(have, want);
        if (diffs.isEmpty()) {
            return;
        }
        if (!config.updateStream()) {
            LOG.warn("stream {} at {} exists with {}: refused (the publisher does not change a stream unless asked)",
                    config.stream(), io.cift.core.Redact.text(config.url()), String.join("; ", diffs));
            throw new CiftException("stream " + config.stream() + " at " + io.cift.core.Redact.text(config.url()) + " exists with "
                    + String.join("; ", diffs) + ": use the stream's own settings, or ask for an update"
                    + " (JetStreamConfig.Builder.updateStream(true))");
        }
        jsm.updateStream(want);
        LOG.info("updated stream {} at {}, as asked: it had {}", config.stream(), io.cift.core.Redact.text(config.url()),
                String.join("; ", diffs));
    }

    /** Whether the connection was lost and not yet back: one warning an outage, however many attempts it takes. */
    private final java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();

    private void logConnection(io.nats.client.ConnectionListener.Events type) {
        switch (type) {
            case DISCONNECTED -> {
                if (lost.compareAndSet(false, true)) {
                    LOG.warn("NATS connection to {} lost; reconnecting (events wait for their acknowledgement and are"
                            + " sent again)", io.cift.core.Redact.text(config.url()));
                }
            }
            case RECONNECTED -> {
                lost.set(false);
                LOG.info("NATS connection to {} back", io.cift.core.Redact.text(config.url()));
            }
            case CLOSED -> LOG.debug("NATS connection to {} closed", io.cift.core.Redact.text(config.url()));
            default -> LOG.debug("NATS connection to {}: {}", io.cift.core.Redact.text(config.url()), type);
        }
    }

    /** What differs between the stream's configuration and the wanted one, as "x, not y" phrases. */
    static List<String> differences(StreamConfiguration have, StreamConfiguration want) {
        List<String> d = new ArrayList<>();
        if (!new java.util.HashSet<>(have.getSubjects()).equals(new java.util.HashSet<>(want.getSubjects()))) {
            d.add("subjects " + have.getSubjects() + ", not " + want.getSubjects());
        }
        if (have.getStorageType() != want.getStorageType()) {
            d.add("storage " + have.getStorageType() + ", not " + want.getStorageType());
        }
        if (!java.util.Objects.equals(nz(have.getMaxAge()), nz(want.getMaxAge()))) {
            d.add("max age " + nz(have.getMaxAge()) + ", not " + nz(want.getMaxAge()));
        }
        if (have.getMaxBytes() != want.getMaxBytes()) {
            d.add("max bytes " + have.getMaxBytes() + ", not " + want.getMaxBytes());
        }
        if (have.getReplicas() != want.getReplicas()) {
            d.add("replicas " + have.getReplicas() + ", not " + want.getReplicas());
        }
        if (!java.util.Objects.equals(nz(have.getDuplicateWindow()), nz(want.getDuplicateWindow()))) {
            d.add("duplicate window " + nz(have.getDuplicateWindow()) + ", not " + nz(want.getDuplicateWindow()));
        }
        return d;
    }

    private static Duration nz(Duration d) {
        return d == null ? Duration.ZERO : d;
    }

    private void requireStream() throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(config.stream());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) {
                throw new CiftException("stream " + config.stream() + " does not exist at " + io.cift.core.Redact.text(config.url())
                        + " (a reader never creates one: publish to it first)", e);
            }
            throw e;
        }
    }

    private void closeQuietly() {
        if (nc != null) {
            NatsConnections.close(nc);
        }
    }

    /**
     * The subject of an event.
     *
     * @param prefix the subject prefix
     * @param e the event
     * @return {@code <prefix>.<symbol>.<event>}
     */
    static String subject(String prefix, OrderEvent e) {
        StringBuilder s = new StringBuilder(prefix.length() + e.symbol().length() + 12).append(prefix).append('.');
        for (int i = 0; i < e.symbol().length(); i++) {
            char c = e.symbol().charAt(i);
            s.append(c == '.' || c == '*' || c == '>' || Character.isWhitespace(c) ? '_' : c);
        }
        return s.append('.').append(e.type().token()).toString();
    }

    @Override
    public void publish(OrderEvent event) {
        if (readOnly) {
            throw new IllegalStateException("a reader of stream " + config.stream() + " does not publish");
        }
        switch (config.backpressure()) {
            case DROP -> {
                if (!slots.tryAcquire()) {
                    dropped.incrementAndGet();
                    dropLog.warn(LOG, "event {} dropped: {} events already in flight (back-pressure DROP)", event.seq(),
                            config.maxInFlight());
                    return;
                }
            }
            case FAIL -> {
                if (!slots.tryAcquire()) {
                    failed.incrementAndGet();
                    failLog.warn(LOG, "event {} refused: {} events already in flight (back-pressure FAIL)", event.seq(),
                            config.maxInFlight());
                    throw new PublishException("more than " + config.maxInFlight() + " events in flight: event " + event.seq()
                            + " refused");
                }
            }
            default -> {
                try {
                    if (!slots.tryAcquire(config.blockTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                        failed.incrementAndGet();
                        failLog.warn(LOG, "event {} refused: no free slot within {}", event.seq(), config.blockTimeout());
                        throw new PublishException("no free slot in " + config.blockTimeout() + " for event " + event.seq());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.incrementAndGet();
                    throw new PublishException("interrupted waiting to publish event " + event.seq());
                }
            }
        }
        String subject = subject(config.subjectPrefix(), event);
        byte[] data = config.codec().encode(event);
        String id = event.messageId();
        if (config.confirmEvery() == 1) {
            send(subject, data, PublishOptions.builder().messageId(id).build(), false);
        } else {
            publishInWindow(subject, data, id);
        }
    }

    /** Events published together and confirmed by the acknowledgement of the last one. */
    private static final class Window {
        final long epoch;
        final String[] subjects;
        final byte[][] data;
        final String[] ids;
        int size;
        volatile boolean failed;   // read by the acknowledgement's callback
        /** Whether the confirming (last) event was already published plainly: its acknowledgement then says duplicate. */
        boolean lastSent;

        Window(int capacity, long epoch) {
            this.epoch = epoch;
            this.subjects = new String[capacity];
            this.data = new byte[capacity][];
            this.ids = new String[capacity];
        }
    }

    private void publishInWindow(String subject, byte[] data, String id) {
        synchronized (windowLock) {
            Window w = window;
            if (w == null) {
                w = new Window(config.confirmEvery(), epoch.get());
                window = w;
                Window opened = w;
                if (!retries.isShutdown()) {
                    retries.schedule(() -> closeWindow(opened), config.confirmLinger().toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            int i = w.size++;
            w.lastSent = false;
            w.subjects[i] = subject;
            w.data[i] = data;
            w.ids[i] = id;
            if (w.size == w.subjects.length) {
                window = null;
                confirm(w);
                return;
            }
            try {
                Headers h = new Headers().put("Nats-Msg-Id", id);
                nc.publish(NatsMessage.builder().subject(subject).headers(h).data(data).build());
                w.lastSent = true;
            } catch (RuntimeException e) {
                w.failed = true;   // the window's acknowledgement will not be trusted: all of it goes again
            }
        }
    }

    /** Closes a window that is still open (linger expired, or a flush). */
    private void closeWindow(Window w) {
        synchronized (windowLock) {
            if (window != w || w.size == 0) {
                return;
            }
            window = null;
            confirm(w);
        }
    }

    /** Publishes the window's last event with an acknowledgement; its outcome settles the whole window. */
    private void confirm(Window w) {
        int last = w.size - 1;
        try {
            boolean expectDuplicate = w.lastSent;
            js.publishAsync(w.subjects[last], w.data[last], PublishOptions.builder().messageId(w.ids[last]).build())
                    .whenComplete((ack, ex) -> {
                        boolean ok = ex == null && !w.failed && epoch.get() == w.epoch;
                        if (ok && ack.isDuplicate() && !expectDuplicate) {
                            duplicates.incrementAndGet();   // the confirming event's id was used before
                            duplicateLog.warn(LOG, "stream {} already held message id {}: another publisher used it; counted,"
                                    + " not taken as published", config.stream(), w.ids[last]);
                            published.addAndGet(w.size - 1);
                            slots.release(w.size);
                            return;
                        }
                        settle(w, ok);
                    });
        } catch (RuntimeException e) {
            settle(w, false);
        }
    }

    private void settle(Window w, boolean confirmed) {
        if (confirmed) {
            published.addAndGet(w.size);
            slots.release(w.size);
            return;
        }
        retried.addAndGet(w.size);
        retryLog.warn(LOG, "a window of {} events to stream {} was not confirmed; sending each again with its own id", w.size,
                config.stream());
        Runnable again = () -> {
            for (int i = 0; i < w.size; i++) {   // each event keeps its slot until its own acknowledgement
                send(w.subjects[i], w.data[i], PublishOptions.builder().messageId(w.ids[i]).build(), true);
            }
        };
        if (retries.isShutdown()) {
            return;
        }
        retries.execute(again);   // never from the client's callback thread: a publish there could block it
    }

    /**
     * Publishes; on failure retries later with the same message id, still holding the slot. A duplicate
     * acknowledgement of a retry is expected (an earlier attempt may have been stored); of a first
     * publish it means another publisher used the id, which is counted and not taken as published.
     */
    private void send(String subject, byte[] data, PublishOptions po, boolean isRetry) {
        try {
            js.publishAsync(subject, data, po).whenComplete((ack, ex) -> {
                if (ex == null) {
                    if (ack.isDuplicate() && !isRetry) {
                        duplicates.incrementAndGet();
                        duplicateLog.warn(LOG, "stream {} already held message id {}: another publisher used it; counted, not"
                                + " taken as published", config.stream(), po.getMessageId());
                    } else {
                        published.incrementAndGet();
                    }
                    slots.release();
                } else {
                    retry(subject, data, po);
                }
            });
        } catch (RuntimeException e) {
            retry(subject, data, po);
        }
    }

    private void retry(String subject, byte[] data, PublishOptions po) {
        retried.incrementAndGet();
        retryLog.warn(LOG, "publish of message {} to stream {} not acknowledged; sending it again in {} ms with the same id",
                po.getMessageId(), config.stream(), config.retryDelay().toMillis());
        if (!retries.isShutdown()) {
            retries.schedule(() -> send(subject, data, po, true), config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void flush() {
        Window open;
        synchronized (windowLock) {
            open = window;
        }
        if (open != null) {
            closeWindow(open);
        }
        long deadline = System.nanoTime() + config.blockTimeout().toNanos();
        while (slots.availablePermits() < config.maxInFlight()) {
            if (System.nanoTime() > deadline) {
                throw new PublishException((config.maxInFlight() - slots.availablePermits())
                        + " events still unacknowledged after " + config.blockTimeout());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException("interrupted while flushing");
            }
        }
    }

    @Override
    public long published() {
        return published.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public long inFlight() {
        return Math.max(0, config.maxInFlight() - slots.availablePermits());
    }

    @Override
    public long retried() {
        return retried.get();
    }

    @Override
    public int consume(String durable, int max, Duration wait, Consumer<OrderEvent> handler) {
        JetStreamSubscription sub = durables.computeIfAbsent(durable, d -> {
            try {
                return js.subscribe(null, PullSubscribeOptions.builder().stream(config.stream()).durable(d)
                        .configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit).build()).build());
            } catch (IOException | JetStreamApiException e) {
                throw new CiftException("cannot create the durable consumer " + d + ": " + e.getMessage(), e);
            }
        });
        int n = 0;
        for (Message m : sub.fetch(max, wait)) {
            handler.accept(config.codec().decode(m.getData()));
            m.ack();
            n++;
        }
        return n;
    }

    @Override
    public List<StoredEvent> replay(long fromStreamSequence, int max) {
        return read(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(Math.max(1, fromStreamSequence)), max);
    }

    @Override
    public List<StoredEvent> replay(Instant from, int max) {
        return read(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(from.atZone(ZoneOffset.UTC)), max);
    }

    private List<StoredEvent> read(ConsumerConfiguration.Builder cc, int max) {
        List<StoredEvent> out = new ArrayList<>();
        JetStreamSubscription sub;
        try {
            sub = js.subscribe(null, PullSubscribeOptions.builder().stream(config.stream())
                    .configuration(cc.ackPolicy(AckPolicy.None).build()).build());
        } catch (IOException | JetStreamApiException e) {
            throw new CiftException("cannot read stream " + config.stream() + ": " + e.getMessage(), e);
        }
        try {
            while (out.size() < max) {
                List<Message> batch = sub.fetch(Math.min(1_000, max - out.size()), Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    break;
                }
                for (Message m : batch) {
                    out.add(new StoredEvent(m.metaData().streamSequence(), config.codec().decode(m.getData())));
                }
            }
        } finally {
            sub.unsubscribe();
        }
        return out;
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public long pending(String durable) {
        try {
            return jsm.getConsumerInfo(config.stream(), durable).getNumPending();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == 10014) {          // consumer not found: it has not started yet
                return storedCount();
            }
            throw new CiftException("cannot read consumer " + durable + " of stream " + config.stream() + ": "
                    + e.getMessage(), e, e.getErrorCode() == 503);
        } catch (IOException e) {
            throw new CiftException("cannot read consumer " + durable + " of stream " + config.stream() + ": "
                    + e.getMessage(), e, true);
        }
    }

    @Override
    public long storedCount() {
        try {
            return jsm.getStreamInfo(config.stream()).getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            throw new CiftException("cannot read stream " + config.stream() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        NatsConnections.close(nc);
    }
}
