package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.journal.EngineEvent.Kind;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * The engine's own listener, first in line: numbers every event, keeps the counters, fills a slot of
 * the event sink, then calls the user's synchronous listener (live commands only). Single writer.
 */
final class Sequencer implements OrderBookListener {

    /** Where filled slots go. */
    interface Sink {
        /** @return a slot to fill, or null when the event is not wanted (or dropped) */
        EventSlot claim();

        /** Publishes the slot last claimed. */
        void publish();
    }

    private static final Sink NONE = new Sink() {
        @Override
        public EventSlot claim() {
            return null;
        }

        @Override
        public void publish() {
        }
    };

    final EngineCounters counters;
    private Sink sink = NONE;
    private OrderBookListener user = OrderBookListener.NO_OP;

    Sequencer(EngineCounters counters) {
        this.counters = counters;
    }

    void sink(Sink s) {
        this.sink = s == null ? NONE : s;
    }

    void user(OrderBookListener l) {
        this.user = l;
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        long ev = ++counters.eventSeq;
        EventSlot e = sink.claim();
        if (e != null) {
            e.clear(Kind.ACCEPTED, counters.commandSeq, ev, symbol, orderId);
            e.ownerId = ownerId;
            e.side = side;
            e.orderType = type;
            e.tif = tif;
            e.price = price;
            e.quantity = quantity;
            sink.publish();
        }
        user.onAccepted(symbol, orderId, ownerId, side, type, tif, price, quantity);
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        long ev = ++counters.eventSeq;
        counters.rejects++;
        EventSlot e = sink.claim();
        if (e != null) {
            e.clear(Kind.REJECTED, counters.commandSeq, ev, symbol, orderId);
            e.command = command;
            e.rejectReason = reason;
            sink.publish();
        }
        user.onRejected(symbol, orderId, command, reason);
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        long ev = ++counters.eventSeq;
        long tr = ++counters.tradeSeq;
        counters.addVolume(quantity);
        EventSlot e = sink.claim();
        if (e != null) {
            e.clear(Kind.TRADE, counters.commandSeq, ev, symbol, takerOrderId);
            e.tradeSeq = tr;
            e.ownerId = takerOwnerId;
            e.makerOrderId = makerOrderId;
            e.makerOwnerId = makerOwnerId;
            e.side = takerSide;
            e.price = price;
            e.quantity = quantity;
            e.remaining = takerRemaining;
            e.makerRemaining = makerRemaining;
            sink.publish();
        }
        user.onTrade(symbol, takerOrderId, takerOwnerId, makerOrderId, makerOwnerId, takerSide, price, quantity,
                takerRemaining, makerRemaining);
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        long ev = ++counters.eventSeq;
        EventSlot e = sink.claim();
        if (e != null) {
            e.clear(Kind.CANCELLED, counters.commandSeq, ev, symbol, orderId);
            e.quantity = cancelledQuantity;
            e.remaining = remainingQuantity;
            e.cancelReason = reason;
            sink.publish();
        }
        user.onCancelled(symbol, orderId, cancelledQuantity, remainingQuantity, reason);
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        long ev = ++counters.eventSeq;
        EventSlot e = sink.claim();
        if (e != null) {
            e.clear(Kind.AMENDED, counters.commandSeq, ev, symbol, orderId);
            e.price = newPrice;
            e.quantity = newQuantity;
            e.priorityKept = priorityKept;
            sink.publish();
        }
        user.onAmended(symbol, orderId, newPrice, newQuantity, priorityKept);
    }
}
