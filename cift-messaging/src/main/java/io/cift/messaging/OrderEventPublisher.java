package io.cift.messaging;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * Publishes order events. Behind a {@link io.cift.core.journal.DurableEngine}, register
 * {@link #asConsumer()}: the publisher then runs on its own thread, gets only durable events, and never
 * holds up the matching thread. {@link #engineListener(String, long)} numbers a plain engine's callbacks
 * itself and publishes on the matching thread, which suits the in-process bus only. Implementations
 * document their threading and what happens when the consumer side cannot keep up.
 */
public interface OrderEventPublisher extends AutoCloseable {

    /**
     * The in-process default: synchronous delivery to subscribers, the last {@code capacity} events kept
     * for replay.
     *
     * @param capacity events kept for subscribers starting from an earlier sequence number
     * @return a bus that is both publisher and subscriber
     */
    static InProcessOrderEvents inProcess(int capacity) {
        return new io.cift.messaging.internal.InProcessOrderEventBus(capacity);
    }

    /**
     * Publishes one event.
     *
     * @param event the event
     */
    void publish(OrderEvent event);

    /** Waits until everything published so far is acknowledged (a no-op where publishing is synchronous). */
    default void flush() {
    }

    /** @return how many events were published */
    long published();

    @Override
    void close();

    /**
     * An asynchronous consumer for a {@link io.cift.core.journal.DurableEngine}
     * ({@code DurableEngineConfig.Builder.consumer("events", publisher.asConsumer())}): every durable
     * event is published with the engine's id and event number. Allocates one event object per event.
     *
     * @return the consumer
     */
    default io.cift.core.journal.EngineEventHandler asConsumer() {
        return (event, endOfBatch) -> publish(OrderEvent.of(event));
    }

    /**
     * A listener for a plain {@link io.cift.core.book.MatchingEngine} that numbers every event from
     * {@code firstSeq} under {@code engineId} and publishes it on the matching thread. Allocates one event
     * object per callback. Not thread-safe (the engine is single-writer). A publisher that does I/O
     * belongs behind a durable engine instead ({@link #asConsumer()}).
     *
     * @param engineId the engine's id: unique to this engine and numbering
     * @param firstSeq the number of the first event
     * @return the listener
     */
    default OrderBookListener engineListener(String engineId, long firstSeq) {
        java.util.Objects.requireNonNull(engineId, "engineId");
        OrderEventPublisher self = this;
        return new OrderBookListener() {
            private long seq = firstSeq;

            @Override
            public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                                   long price, long quantity) {
                self.publish(new OrderEvent.Accepted(engineId, seq++, symbol, orderId, ownerId, side, type, tif, price, quantity));
            }

            @Override
            public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
                self.publish(new OrderEvent.Rejected(engineId, seq++, symbol, orderId, command, reason));
            }

            @Override
            public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                                Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
                self.publish(new OrderEvent.Trade(engineId, seq++, symbol, takerOrderId, takerOwnerId, makerOrderId, makerOwnerId,
                        takerSide, price, quantity, takerRemaining, makerRemaining));
            }

            @Override
            public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                                    CancelReason reason) {
                self.publish(new OrderEvent.Cancelled(engineId, seq++, symbol, orderId, cancelledQuantity, remainingQuantity, reason));
            }

            @Override
            public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
                self.publish(new OrderEvent.Amended(engineId, seq++, symbol, orderId, newPrice, newQuantity, priorityKept));
            }
        };
    }
}
