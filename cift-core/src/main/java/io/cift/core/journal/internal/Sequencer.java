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
    /** Rejections by result code (indexed by ordinal, in memory only), since the engine opened, replay included. */
    final long[] rejectsByReason = new long[ResultCode.values().length];
    final SymbolTable symbols = new SymbolTable();
    private Sink sink = NONE;
    /**
     * Whether some consumer wants each kind (the others are numbered and counted but not handed off): a field
     * each, read for every event without an array's load and bounds check.
     */
    private boolean wantAccepted;
    private boolean wantRejected;
    private boolean wantTrade;
    private boolean wantCancelled;
    private boolean wantAmended;
    private OrderBookListener user = OrderBookListener.NO_OP;
    /** Engine state that follows the events, live and replayed (the risk gate's positions). */
    private OrderBookListener state = OrderBookListener.NO_OP;
    /** {@link #state}, then {@link #user}. */
    private OrderBookListener after = OrderBookListener.NO_OP;

    Sequencer(EngineCounters counters) {
        this.counters = counters;
    }

    void sink(Sink s) {
        sink(s, java.util.EnumSet.allOf(Kind.class));
    }

    void sink(Sink s, java.util.Set<Kind> kinds) {
        this.sink = s == null ? NONE : s;
        boolean any = s != null;
        wantAccepted = any && kinds.contains(Kind.ACCEPTED);
        wantRejected = any && kinds.contains(Kind.REJECTED);
        wantTrade = any && kinds.contains(Kind.TRADE);
        wantCancelled = any && kinds.contains(Kind.CANCELLED);
        wantAmended = any && kinds.contains(Kind.AMENDED);
    }

    void user(OrderBookListener l) {
        this.user = l;
        combine();
    }

    void state(OrderBookListener l) {
        this.state = l;
        combine();
    }

    private void combine() {
        after = state == OrderBookListener.NO_OP ? user
                : user == OrderBookListener.NO_OP ? state : OrderBookListener.both(state, user);
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        long ev = ++counters.eventSeq;
        EventSlot e = wantAccepted ? sink.claim() : null;
        if (e != null) {
            e.clear(Kind.ACCEPTED, counters.commandSeq, ev, symbols.id(symbol), orderId);
            e.ownerId = ownerId;
            e.side = (byte) side.ordinal();
            e.orderType = (byte) type.ordinal();
            e.tif = (byte) tif.ordinal();
            e.price = price;
            e.quantity = quantity;
            sink.publish();
        }
        after.onAccepted(symbol, orderId, ownerId, side, type, tif, price, quantity);
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        long ev = ++counters.eventSeq;
        counters.rejects++;
        rejectsByReason[reason.ordinal()]++;
        EventSlot e = wantRejected ? sink.claim() : null;
        if (e != null) {
            e.clear(Kind.REJECTED, counters.commandSeq, ev, symbols.id(symbol), orderId);
            e.command = (byte) command.ordinal();
            e.rejectReason = (byte) reason.ordinal();
            sink.publish();
        }
        after.onRejected(symbol, orderId, command, reason);
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        long ev = ++counters.eventSeq;
        long tr = ++counters.tradeSeq;
        counters.addVolume(quantity);
        EventSlot e = wantTrade ? sink.claim() : null;
        if (e != null) {
            e.clear(Kind.TRADE, counters.commandSeq, ev, symbols.id(symbol), takerOrderId);
            e.tradeSeq = tr;
            e.ownerId = takerOwnerId;
            e.makerOrderId = makerOrderId;
            e.makerOwnerId = makerOwnerId;
            e.side = (byte) takerSide.ordinal();
            e.price = price;
            e.quantity = quantity;
            e.remaining = takerRemaining;
            e.makerRemaining = makerRemaining;
            sink.publish();
        }
        after.onTrade(symbol, takerOrderId, takerOwnerId, makerOrderId, makerOwnerId, takerSide, price, quantity,
                takerRemaining, makerRemaining);
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        long ev = ++counters.eventSeq;
        EventSlot e = wantCancelled ? sink.claim() : null;
        if (e != null) {
            e.clear(Kind.CANCELLED, counters.commandSeq, ev, symbols.id(symbol), orderId);
            e.quantity = cancelledQuantity;
            e.remaining = remainingQuantity;
            e.cancelReason = (byte) reason.ordinal();
            sink.publish();
        }
        after.onCancelled(symbol, orderId, cancelledQuantity, remainingQuantity, reason);
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        long ev = ++counters.eventSeq;
        EventSlot e = wantAmended ? sink.claim() : null;
        if (e != null) {
            e.clear(Kind.AMENDED, counters.commandSeq, ev, symbols.id(symbol), orderId);
            e.price = newPrice;
            e.quantity = newQuantity;
            e.priorityKept = priorityKept;
            sink.publish();
        }
        after.onAmended(symbol, orderId, newPrice, newQuantity, priorityKept);
    }
}
