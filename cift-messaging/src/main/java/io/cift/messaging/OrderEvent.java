package io.cift.messaging;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * One event of a matching engine: the engine's id and the event's number in the order the engine
 * produced it ({@link #seq()}). The pair identifies the event for ever, across engines and restarts
 * (a {@link io.cift.core.journal.DurableEngine} keeps the numbering in its journal): it is the message
 * id a broker uses to drop the duplicates a retry produces, and what a consumer deduplicates on
 * ({@link EventDeduplicator}). Immutable.
 */
public sealed interface OrderEvent {

    /** @return the id of the engine that produced the event */
    String engineId();

    /** @return the engine's event sequence number, from 1 */
    long seq();

    /** @return {@code engineId-seq}, unique across engines and restarts */
    default String messageId() {
        return engineId() + "-" + seq();
    }

    /**
     * The event a durable engine handed to a consumer, as an immutable value.
     *
     * @param e the engine's event
     * @return the order event
     */
    static OrderEvent of(io.cift.core.journal.EngineEvent e) {
        String id = e.engineId();
        long seq = e.eventSequence();
        return switch (e.kind()) {
            case ACCEPTED -> new Accepted(id, seq, e.symbol(), e.orderId(), e.ownerId(), e.side(), e.orderType(), e.timeInForce(),
                    e.price(), e.quantity());
            case REJECTED -> new Rejected(id, seq, e.symbol(), e.orderId(), e.command(), e.rejectReason());
            case TRADE -> new Trade(id, seq, e.symbol(), e.orderId(), e.ownerId(), e.makerOrderId(), e.makerOwnerId(), e.side(),
                    e.price(), e.quantity(), e.remainingQuantity(), e.makerRemainingQuantity());
            case CANCELLED -> new Cancelled(id, seq, e.symbol(), e.orderId(), e.quantity(), e.remainingQuantity(), e.cancelReason());
            case AMENDED -> new Amended(id, seq, e.symbol(), e.orderId(), e.price(), e.quantity(), e.priorityKept());
        };
    }

    /** @return the instrument */
    String symbol();

    /** @return the order the event is about (the taker, for a trade) */
    long orderId();

    /** @return the kind of event */
    EventType type();

    /**
     * A new order passed validation.
     *
     * @param engineId the engine's id
     * @param seq sequence number
     * @param symbol instrument
     * @param orderId order id
     * @param ownerId owner (account)
     * @param side side
     * @param orderType limit or market
     * @param tif time in force
     * @param price limit price (0 for market)
     * @param quantity quantity
     */
    record Accepted(String engineId, long seq, String symbol, long orderId, long ownerId, Side side, OrderType orderType, TimeInForce tif,
                    long price, long quantity) implements OrderEvent {
        @Override
        public EventType type() {
            return EventType.ACCEPTED;
        }
    }

    /**
     * A command was refused.
     *
     * @param engineId the engine's id
     * @param seq sequence number
     * @param symbol instrument
     * @param orderId order id
     * @param command the command
     * @param reason why
     */
    record Rejected(String engineId, long seq, String symbol, long orderId, CommandType command, ResultCode reason) implements OrderEvent {
        @Override
        public EventType type() {
            return EventType.REJECTED;
        }
    }

    /**
     * Two orders traded at the maker's price.
     *
     * @param engineId the engine's id
     * @param seq sequence number
     * @param symbol instrument
     * @param orderId the taker order
     * @param takerOwnerId taker's owner
     * @param makerOrderId the maker order
     * @param makerOwnerId maker's owner
     * @param takerSide the taker's side
     * @param price trade price
     * @param quantity trade quantity
     * @param takerRemaining taker's open quantity after the trade
     * @param makerRemaining maker's open quantity after the trade
     */
    record Trade(String engineId, long seq, String symbol, long orderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                 Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) implements OrderEvent {
        @Override
        public EventType type() {
            return EventType.TRADE;
        }
    }

    /**
     * Quantity of an order was cancelled.
     *
     * @param engineId the engine's id
     * @param seq sequence number
     * @param symbol instrument
     * @param orderId order id
     * @param cancelledQuantity cancelled
     * @param remainingQuantity still open (0: the order is gone)
     * @param reason why
     */
    record Cancelled(String engineId, long seq, String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                     CancelReason reason) implements OrderEvent {
        @Override
        public EventType type() {
            return EventType.CANCELLED;
        }
    }

    /**
     * A resting order was amended.
     *
     * @param engineId the engine's id
     * @param seq sequence number
     * @param symbol instrument
     * @param orderId order id
     * @param newPrice new price
     * @param newQuantity new open quantity
     * @param priorityKept whether it kept its queue position
     */
    record Amended(String engineId, long seq, String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept)
            implements OrderEvent {
        @Override
        public EventType type() {
            return EventType.AMENDED;
        }
    }
}
