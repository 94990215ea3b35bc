package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.journal.EngineEvent;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/** A preallocated, reused slot of the event ring. */
public final class EventSlot implements EngineEvent {
    Kind kind;
    long commandSeq;
    long eventSeq;
    long tradeSeq;
    String symbol;
    long orderId;
    long ownerId;
    Side side;
    OrderType orderType;
    TimeInForce tif;
    long price;
    long quantity;
    long makerOrderId;
    long makerOwnerId;
    long remaining;
    long makerRemaining;
    CommandType command;
    ResultCode rejectReason;
    CancelReason cancelReason;
    boolean priorityKept;

    void clear(Kind k, long command, long event, String sym, long order) {
        kind = k;
        commandSeq = command;
        eventSeq = event;
        tradeSeq = 0;
        symbol = sym;
        orderId = order;
        ownerId = 0;
        side = null;
        orderType = null;
        tif = null;
        price = 0;
        quantity = 0;
        makerOrderId = 0;
        makerOwnerId = 0;
        remaining = 0;
        makerRemaining = 0;
        this.command = null;
        rejectReason = null;
        cancelReason = null;
        priorityKept = false;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public long commandSequence() {
        return commandSeq;
    }

    @Override
    public long eventSequence() {
        return eventSeq;
    }

    @Override
    public long tradeSequence() {
        return tradeSeq;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public long orderId() {
        return orderId;
    }

    @Override
    public long ownerId() {
        return ownerId;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public OrderType orderType() {
        return orderType;
    }

    @Override
    public TimeInForce timeInForce() {
        return tif;
    }

    @Override
    public long price() {
        return price;
    }

    @Override
    public long quantity() {
        return quantity;
    }

    @Override
    public long makerOrderId() {
        return makerOrderId;
    }

    @Override
    public long makerOwnerId() {
        return makerOwnerId;
    }

    @Override
    public long remainingQuantity() {
        return remaining;
    }

    @Override
    public long makerRemainingQuantity() {
        return makerRemaining;
    }

    @Override
    public CommandType command() {
        return command;
    }

    @Override
    public ResultCode rejectReason() {
        return rejectReason;
    }

    @Override
    public CancelReason cancelReason() {
        return cancelReason;
    }

    @Override
    public boolean priorityKept() {
        return priorityKept;
    }

    @Override
    public String toString() {
        return "event " + eventSeq + " (command " + commandSeq + ") " + kind + " " + symbol + " order " + orderId;
    }
}
