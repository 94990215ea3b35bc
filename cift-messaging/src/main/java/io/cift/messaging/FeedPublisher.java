package io.cift.messaging;

import io.cift.core.feed.FeedMessage;
import io.cift.core.feed.OrderFeed;

import java.util.function.Consumer;

/**
 * Sends an order feed's messages to consumers in other processes, in their SBE form
 * ({@link io.cift.core.feed.FeedSbe}). Give it to an {@link OrderFeed} as the feed's sink. Not
 * thread-safe: the feed's thread calls {@link #accept}.
 */
public interface FeedPublisher extends Consumer<FeedMessage>, AutoCloseable {

    /**
     * A publisher on NATS core subjects: order messages on {@code PREFIX.o.SYMBOL} (a symbol's {@code .},
     * {@code *}, {@code >} and blanks become {@code _}), snapshot brackets on {@code PREFIX.s}; a consumer
     * subscribes to {@code PREFIX.>} and gets the whole feed in order. Core NATS keeps nothing and may drop
     * messages for a slow consumer: consumers find the gap by the sequence numbers and ask for a snapshot.
     *
     * @param url the server, {@code nats://host:port} (several, comma-separated)
     * @param subjectPrefix the subjects' prefix, such as {@code cift.feed}
     * @return the connected publisher
     * @throws io.cift.core.CiftException when the server cannot be reached
     * @throws IllegalArgumentException when the URL or prefix is malformed
     */
    static FeedPublisher nats(String url, String subjectPrefix) {
        return new io.cift.messaging.internal.NatsFeedPublisher(url, subjectPrefix);
    }

    /**
     * Answers consumers' snapshot requests (on {@code PREFIX.req}) by asking the feed for a snapshot at its
     * next command boundary.
     *
     * @param feed the feed this publisher sends
     */
    void serveSnapshotRequests(OrderFeed feed);

    /**
     * Keeps the feed in a JetStream stream over its subjects ({@code PREFIX.o.>} and {@code PREFIX.s}), which
     * the server fills from what this publisher sends (without acknowledging each message to it); a
     * consumer replays it with {@link FeedSubscription#replay}. Creates the stream when missing; refuses one
     * that exists with other subjects, naming them.
     *
     * @param stream the stream's name
     * @param replicas its replicas (1, or 3 on a cluster)
     * @throws io.cift.core.CiftException when the server refuses or JetStream is not enabled
     */
    void persistIn(String stream, int replicas);

    /** @return messages sent */
    long published();

    /** Flushes what is buffered and disconnects. */
    @Override
    void close();
}
