package io.cift.messaging.internal;

import io.cift.core.feed.FeedMessage;
import io.cift.core.feed.FeedSbe;
import io.cift.messaging.FeedSubscription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** {@link FeedSubscription} on NATS: one wildcard subscription, so messages arrive in publish order. */
public final class NatsFeedSubscription implements FeedSubscription {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatsFeedSubscription.class);
    private final Connection nc;
    private final String prefix;
    private final Dispatcher dispatcher;
    private final FeedSbe sbe = new FeedSbe();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    /**
     * Connects and subscribes.
     *
     * @param url the server(s)
     * @param subjectPrefix the publisher's prefix
     * @param each told of every message
     */
    public NatsFeedSubscription(String url, String subjectPrefix, Consumer<FeedMessage> each) {
        this.prefix = NatsConnections.requirePrefix(subjectPrefix);
        this.nc = NatsConnections.connect(url);
        String requests = prefix + ".req";
        this.dispatcher = nc.createDispatcher(msg -> {
            if (msg.getSubject().equals(requests)) {
                return;
            }
            FeedMessage m;
            try {
                byte[] d = msg.getData();
                m = sbe.decode(d, 0, d.length);
            } catch (IllegalArgumentException e) {
                undecodable.incrementAndGet();
                LOG.warn("feed message on {} could not be decoded (skipped): {}", msg.getSubject(), e.getMessage());
                return;
            }
            received.incrementAndGet();
            each.accept(m);
        });
        dispatcher.subscribe(prefix + ".>");
        try {
            nc.flush(java.time.Duration.ofSeconds(5));   // subscribed at the server before this returns
        } catch (Exception e) {
            NatsConnections.close(nc);
            throw new io.cift.core.CiftException("NATS at " + io.cift.core.Redact.text(url) + " did not confirm the subscription: "
                    + e, e, true);
        }
    }

    /**
     * Reads a stream from its first message to the last one it held when called.
     *
     * @param url the server(s)
     * @param stream the stream
     * @param each told of every message
     * @return how many were read
     */
    public static long replay(String url, String stream, Consumer<FeedMessage> each) {
        Connection nc = NatsConnections.connect(url);
        try {
            long last = nc.jetStreamManagement().getStreamInfo(stream).getStreamState().getLastSequence();
            io.nats.client.JetStreamSubscription sub = nc.jetStream().subscribe(null,
                    io.nats.client.PullSubscribeOptions.builder().stream(stream).configuration(
                            io.nats.client.api.ConsumerConfiguration.builder().ackPolicy(io.nats.client.api.AckPolicy.None)
                                    .deliverPolicy(io.nats.client.api.DeliverPolicy.All).build()).build());
            FeedSbe sbe = new FeedSbe();
            long n = 0;
            long streamSeq = 0;
            try {
                while (streamSeq < last) {
                    java.util.List<io.nats.client.Message> batch = sub.fetch(1_000, java.time.Duration.ofSeconds(2));
                    if (batch.isEmpty()) {
                        throw new io.cift.core.CiftException("stream " + stream + " stopped at message " + streamSeq + " of "
                                + last, null, true);
                    }
                    for (io.nats.client.Message m : batch) {
                        streamSeq = m.metaData().streamSequence();
                        byte[] d = m.getData();
                        each.accept(sbe.decode(d, 0, d.length));
                        n++;
                    }
                }
            } finally {
                sub.unsubscribe();
            }
            return n;
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new io.cift.core.CiftException("cannot read stream " + stream + ": " + e.getMessage(), e,
                    e instanceof java.io.IOException);
        } finally {
            NatsConnections.close(nc);
        }
    }

    @Override
    public void requestSnapshot() {
        nc.publish(prefix + ".req", new byte[0]);
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        NatsConnections.close(nc);
    }
}
