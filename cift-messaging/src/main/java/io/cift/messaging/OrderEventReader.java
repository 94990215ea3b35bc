package io.cift.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads stored order events. A reader never creates or changes the stream it reads. Thread-safe.
 */
public interface OrderEventReader extends AutoCloseable {

    /**
     * Delivers up to {@code max} events from a durable consumer (created on first use), acknowledging each
     * one after {@code handler} returns; a crash before the acknowledgement redelivers it, so pair it with
     * an {@link EventDeduplicator} for exactly-once processing.
     *
     * @param durable the consumer's name
     * @param max how many at most
     * @param wait how long to wait for the first one
     * @param handler receives the events
     * @return how many were delivered (0 when none came within {@code wait})
     */
    int consume(String durable, int max, Duration wait, Consumer<OrderEvent> handler);

    /**
     * Reads stored events from a stream sequence number on, without a durable consumer.
     *
     * @param fromStreamSequence the first stream sequence number (1: the beginning)
     * @param max how many at most
     * @return the events, in stream order
     */
    List<StoredEvent> replay(long fromStreamSequence, int max);

    /**
     * Reads stored events published at or after a time.
     *
     * @param from the time
     * @param max how many at most
     * @return the events, in stream order
     */
    List<StoredEvent> replay(Instant from, int max);

    /** @return messages the stream holds now */
    long storedCount();

    /**
     * How far a durable consumer is behind: stored events it has not been delivered yet (one request to the
     * server).
     *
     * @param durable the consumer's name
     * @return the count (everything stored when the consumer has not started)
     * @throws io.cift.core.CiftException when the server cannot say
     */
    long pending(String durable);

    @Override
    void close();
}
