package io.cift.messaging;

import java.util.function.Consumer;

/**
 * Delivers order events to a handler, from a given sequence number on. Implementations are thread-safe and
 * say on which thread the handler runs (the in-process bus: the subscribing thread for the events it still
 * holds, then the publishing thread); one subscription's handler is never called by two threads at once.
 */
public interface OrderEventSubscriber {

    /**
     * Starts delivering events with {@code seq >= fromSeq} (those still held, then new ones) to {@code handler}.
     *
     * @param fromSeq the first sequence number wanted (1: everything held)
     * @param handler receives the events in sequence order; must not throw
     * @return closing it stops the delivery
     */
    AutoCloseable subscribe(long fromSeq, Consumer<OrderEvent> handler);
}
