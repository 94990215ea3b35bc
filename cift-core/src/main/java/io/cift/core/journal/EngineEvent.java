package io.cift.core.journal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * One event of a {@link DurableEngine}, as an asynchronous consumer sees it: a view of a preallocated
 * ring slot, valid only during {@link EngineEventHandler#onEvent} (copy what you keep). Every event
 * carries the journal sequence number of the command that produced it and its own engine-wide number;
 * both survive restarts, so {@code (engine id, event sequence)} identifies an event for ever.
 * Accessors that do not apply to the event's {@link #kind()} return 0, false or null.
 */
public interface EngineEvent {

    /** What happened. */
    enum Kind {
        /** A new order passed validation. */
        ACCEPTED,
        /** A command was refused. */
        REJECTED,
        /** Two orders traded. */
        TRADE,
        /** Quantity of an order was cancelled. */
        CANCELLED,
        /** A resting order was amended. */
        AMENDED
    }

    /** @return what happened */
    Kind kind();

    /** @return the id of the engine that produced it (stored with its journal) */
    String engineId();

    /** @return the journal sequence number of the command that produced this event */
    long commandSequence();

    /** @return this event's number, from 1, counted over the engine's whole history */
    long eventSequence();

    /** @return for a trade, its number from 1 over the engine's whole history; otherwise 0 */
    long tradeSequence();

    /** @return the instrument */
    String symbol();

    /** @return the order the event is about (the taker, for a trade) */
    long orderId();

    /** @return the order's owner (ACCEPTED), or the taker's owner (TRADE) */
    long ownerId();

    /** @return the order's side (ACCEPTED), or the taker's side (TRADE) */
    Side side();

    /** @return the order type (ACCEPTED) */
    OrderType orderType();

    /** @return the time in force (ACCEPTED) */
    TimeInForce timeInForce();

    /** @return the limit price (ACCEPTED, 0 for market orders), the trade price (TRADE), or the new price (AMENDED) */
    long price();

    /** @return the order quantity (ACCEPTED), traded (TRADE), cancelled (CANCELLED), or the new open quantity (AMENDED) */
    long quantity();

    /** @return the maker order (TRADE) */
    long makerOrderId();

    /** @return the maker's owner (TRADE) */
    long makerOwnerId();

    /** @return the taker's open quantity after a trade (TRADE), or what is still open after a cancel (CANCELLED) */
    long remainingQuantity();

    /** @return the maker's open quantity after the trade (TRADE) */
    long makerRemainingQuantity();

    /** @return the refused command (REJECTED) */
    CommandType command();

    /** @return why it was refused (REJECTED) */
    ResultCode rejectReason();

    /** @return why it was cancelled (CANCELLED) */
    CancelReason cancelReason();

    /** @return whether the order kept its time priority (AMENDED) */
    boolean priorityKept();

    /**
     * Calls the {@link OrderBookListener} method that matches this event.
     *
     * @param l the listener
     */
    default void replayTo(OrderBookListener l) {
        switch (kind()) {
            case ACCEPTED -> l.onAccepted(symbol(), orderId(), ownerId(), side(), orderType(), timeInForce(), price(), quantity());
            case REJECTED -> l.onRejected(symbol(), orderId(), command(), rejectReason());
            case TRADE -> l.onTrade(symbol(), orderId(), ownerId(), makerOrderId(), makerOwnerId(), side(), price(), quantity(),
                    remainingQuantity(), makerRemainingQuantity());
            case CANCELLED -> l.onCancelled(symbol(), orderId(), quantity(), remainingQuantity(), cancelReason());
            case AMENDED -> l.onAmended(symbol(), orderId(), price(), quantity(), priorityKept());
            default -> throw new IllegalStateException("unexpected kind " + kind());
        }
    }
}
