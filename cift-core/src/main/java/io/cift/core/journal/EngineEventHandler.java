package io.cift.core.journal;

import io.cift.core.book.OrderBookListener;

/**
 * An asynchronous consumer of a {@link DurableEngine}'s events. Each consumer runs on its own thread and
 * gets every event in order, and only once the command that produced it is durable. What it throws is
 * contained and counted ({@link DurableEngine#consumerFailures()}); the next event still comes.
 */
@FunctionalInterface
public interface EngineEventHandler {

    /**
     * One event.
     *
     * @param event the event, valid only during this call
     * @param endOfBatch whether no further event is available right now (a good moment to flush)
     * @throws Exception anything; it is contained and counted
     */
    void onEvent(EngineEvent event, boolean endOfBatch) throws Exception;

    /**
     * A handler that passes every event to an {@link OrderBookListener}, for listeners written for the
     * synchronous engine.
     *
     * @param listener the listener
     * @return the handler
     */
    static EngineEventHandler of(OrderBookListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return (event, endOfBatch) -> event.replayTo(listener);
    }
}
