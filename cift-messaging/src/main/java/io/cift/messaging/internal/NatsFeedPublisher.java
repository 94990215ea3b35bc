package io.cift.messaging.internal;

import io.cift.core.CiftException;
import io.cift.core.feed.FeedMessage;
import io.cift.core.feed.FeedSbe;
import io.cift.core.feed.OrderFeed;
import io.cift.messaging.FeedPublisher;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

import java.util.HashMap;
import java.util.Map;

/** {@link FeedPublisher} on NATS core subjects, SBE payloads. */
public final class NatsFeedPublisher implements FeedPublisher {

    private final Connection nc;
    private final String prefix;
    private final String snapshotSubject;
    private final FeedSbe sbe = new FeedSbe();
    private final byte[] buf = new byte[FeedSbe.MAX_LENGTH];
    private final Map<String, String> subjects = new HashMap<>();
    private Dispatcher requests;
    private long published;

    /**
     * Connects.
     *
     * @param url the server(s)
     * @param subjectPrefix the subjects' prefix
     */
    public NatsFeedPublisher(String url, String subjectPrefix) {
        this.prefix = NatsConnections.requirePrefix(subjectPrefix);
        this.snapshotSubject = prefix + ".s";
        this.nc = NatsConnections.connect(url);
    }

    @Override
    public void accept(FeedMessage m) {
        int n = sbe.encode(m, buf, 0);
        String subject = subject(m);
        byte[] data = java.util.Arrays.copyOf(buf, n);   // the client keeps the array until it is written
        try {
            nc.publish(subject, data);
        } catch (IllegalStateException e) {
            throw new CiftException("NATS connection closed: feed message " + m.seq() + " not sent", e, false);
        }
        published++;
    }

    private String subject(FeedMessage m) {
        String symbol;
        if (m instanceof FeedMessage.OrderAdded a) {
            symbol = a.symbol();
        } else if (m instanceof FeedMessage.OrderExecuted x) {
            symbol = x.symbol();
        } else if (m instanceof FeedMessage.OrderReduced r) {
            symbol = r.symbol();
        } else if (m instanceof FeedMessage.OrderReplaced r) {
            symbol = r.symbol();
        } else if (m instanceof FeedMessage.OrderDeleted d) {
            symbol = d.symbol();
        } else if (m instanceof FeedMessage.SnapshotOrder o) {
            symbol = o.symbol();
        } else {
            return snapshotSubject;
        }
        return subjects.computeIfAbsent(symbol, s -> prefix + ".o." + NatsConnections.token(s));
    }

    @Override
    public synchronized void serveSnapshotRequests(OrderFeed feed) {
        if (requests != null) {
            throw new IllegalStateException("already serving snapshot requests");
        }
        requests = nc.createDispatcher(msg -> {
            feed.requestSnapshot();
            if (msg.getReplyTo() != null) {
                nc.publish(msg.getReplyTo(), "snapshot at the next command".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        });
        requests.subscribe(prefix + ".req");
    }

    @Override
    public void persistIn(String stream, int replicas) {
        if (stream == null || !stream.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("stream must be letters, digits, '_' and '-', got '" + stream + "'");
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be from 1 to 5, got " + replicas);
        }
        java.util.List<String> subjects = java.util.List.of(prefix + ".o.>", snapshotSubject);
        try {
            io.nats.client.api.StreamConfiguration have = NatsConnections.existingOrCreate(nc.jetStreamManagement(),
                    io.nats.client.api.StreamConfiguration.builder().name(stream).subjects(subjects)
                            .storageType(io.nats.client.api.StorageType.File).replicas(replicas).build(),
                    "feed stream", String.valueOf(nc.getConnectedUrl()), LOG);
            if (have != null && !new java.util.HashSet<>(have.getSubjects()).equals(new java.util.HashSet<>(subjects))) {
                throw new CiftException("stream " + stream + " exists with subjects " + have.getSubjects() + ", not " + subjects);
            }
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new CiftException("cannot keep the feed in stream " + stream + ": " + e.getMessage(), e,
                    e instanceof java.io.IOException);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatsFeedPublisher.class);

    @Override
    public long published() {
        return published;
    }

    @Override
    public void close() {
        try {
            nc.flush(java.time.Duration.ofSeconds(5));
        } catch (Exception ignored) {
            // closing anyway
        }
        NatsConnections.close(nc);
    }
}
