package io.cift.messaging;

import io.cift.core.feed.FeedMessage;

import java.util.function.Consumer;

/**
 * Receives an order feed that a {@link FeedPublisher} sends, decoded, in order, on the subscription's own
 * thread; pair it with a {@link io.cift.core.feed.BookBuilder} and call {@link #requestSnapshot()} when
 * the builder reports a gap.
 */
public interface FeedSubscription extends AutoCloseable {

    /**
     * Subscribes to a feed on NATS ({@code PREFIX.>}).
     *
     * @param url the server, {@code nats://host:port} (several, comma-separated)
     * @param subjectPrefix the publisher's prefix
     * @param each told of every message, in order, on the subscription's thread
     * @return the subscription
     * @throws io.cift.core.CiftException when the server cannot be reached
     */
    static FeedSubscription nats(String url, String subjectPrefix, Consumer<FeedMessage> each) {
        return new io.cift.messaging.internal.NatsFeedSubscription(url, subjectPrefix, each);
    }

    /**
     * Replays a feed kept in a JetStream stream ({@link FeedPublisher#persistIn}) from its first message,
     * in order, into {@code each} on the calling thread, and returns when it has read everything the
     * stream held when called.
     *
     * @param url the server(s)
     * @param stream the stream
     * @param each told of every message
     * @return how many messages were read
     * @throws io.cift.core.CiftException when the stream cannot be read
     */
    static long replay(String url, String stream, Consumer<FeedMessage> each) {
        return io.cift.messaging.internal.NatsFeedSubscription.replay(url, stream, each);
    }

    /** Asks the publisher for a snapshot (it comes in the feed, at the publisher's next command boundary). */
    void requestSnapshot();

    /** @return messages received */
    long received();

    /** @return messages that could not be decoded (skipped; the sequence numbers then show a gap) */
    long undecodable();

    @Override
    void close();
}
