package io.cift.messaging;

import io.cift.messaging.internal.NatsJetStreamOrderEvents;


/**
 * Order events on NATS JetStream. Subjects are {@code <prefix>.<symbol>.<event>} (characters a subject
 * token cannot hold become {@code _}). A publisher creates a missing stream; when the stream exists
 * configured otherwise it refuses, naming the differences, unless {@link JetStreamConfig#updateStream()}.
 * A reader ({@link #reader}) never creates or changes a stream.
 *
 * <p>Publishing is asynchronous with at most {@link JetStreamConfig#maxInFlight()} messages awaiting the
 * server's acknowledgement; when that bound is reached the configured {@link Backpressure} applies. Run the
 * publisher as a consumer of a {@link io.cift.core.journal.DurableEngine} ({@link #asConsumer()}) and the
 * matching thread never waits for it at all. Every message carries {@link OrderEvent#messageId()}
 * ({@code engineId-seq}) as its message id, so JetStream drops the duplicates a retry produces: a publish
 * the server did not acknowledge (the server was down, say) is retried with the same id, holding its slot,
 * until it is. Events may then arrive out of order. A first publish that the server acknowledges as a
 * duplicate means another publisher already used that id: it is counted ({@link #duplicates()}), never as
 * published. Consumers get exactly-once processing with {@link EventDeduplicator}; the server's duplicate
 * window is a second guard and may be short. Thread-safe.
 */
public interface JetStreamOrderEvents extends OrderEventPublisher, OrderEventReader {

    /**
     * Connects as a publisher (reconnecting for ever in the background if the server goes away) and
     * creates the stream when it is missing.
     *
     * @param config the configuration
     * @return the connected publisher and reader
     * @throws io.cift.core.CiftException when the server is unreachable, or the stream exists configured
     *                                     otherwise and the configuration does not ask for an update
     */
    static JetStreamOrderEvents connect(JetStreamConfig config) {
        return new NatsJetStreamOrderEvents(config, false);
    }

    /**
     * Connects as a reader: the stream must exist, and nothing about it is changed (its subjects, limits
     * and duplicate window stay as they are, whatever the configuration says).
     *
     * @param config the configuration (its url, stream and codec are used)
     * @return the connected reader
     * @throws io.cift.core.CiftException when the server is unreachable or the stream does not exist
     */
    static OrderEventReader reader(JetStreamConfig config) {
        return new NatsJetStreamOrderEvents(config, true);
    }

    /** @return first publishes the server acknowledged as duplicates: another publisher used the same message id */
    long duplicates();

    /** @return events dropped under {@link Backpressure#DROP} */
    long dropped();

    /** @return publishes retried because the server did not acknowledge them */
    long retried();

    /** @return events sent and not yet acknowledged by the server */
    long inFlight();

    /** @return publishes refused with a {@link PublishException} (no room under the back-pressure policy) */
    long failed();
}
