package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.journal.EngineEvent;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * A preallocated, reused slot of the event ring. It holds primitives only (enums as in-memory codes,
 * the symbol as an index into a shared {@link SymbolTable}), so that filling it on the matching thread
 * stores no reference and costs the garbage collector's write barrier nothing.
 */
public final class EventSlot implements EngineEvent {
    private static final Kind[] KINDS = Kind.values();
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();
    private static final CommandType[] COMMANDS = CommandType.values();
    private static final ResultCode[] RESULTS = ResultCode.values();
    private static final CancelReason[] REASONS = CancelReason.values();
    private static final byte NONE = -1;

    private final SymbolTable symbols;
    byte kind;
    long commandSeq;
    long eventSeq;
    long tradeSeq;
    int symbol;
    long orderId;
    long ownerId;
    byte side;
    byte orderType;
    byte tif;
    long price;
    long quantity;
    long makerOrderId;
    long makerOwnerId;
    long remaining;
    long makerRemaining;
    byte command;
    byte rejectReason;
    byte cancelReason;
    boolean priorityKept;

    EventSlot(SymbolTable symbols) {
        this.symbols = symbols;
    }

    void clear(Kind k, long commandSequence, long event, int symbolId, long order) {
        kind = (byte) k.ordinal();
        commandSeq = commandSequence;
        eventSeq = event;
        tradeSeq = 0;
        symbol = symbolId;
        orderId = order;
        ownerId = 0;
        side = NONE;
        orderType = NONE;
        tif = NONE;
        price = 0;
        quantity = 0;
        makerOrderId = 0;
        makerOwnerId = 0;
        remaining = 0;
        makerRemaining = 0;
        command = NONE;
        rejectReason = NONE;
        cancelReason = NONE;
        priorityKept = false;
    }

    private static <T> T of(T[] values, byte code) {
        return code < 0 ? null : values[code];
    }

    @Override
    public Kind kind() {
        return KINDS[kind];
    }

    @Override
    public String engineId() {
        return symbols.engineId;
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
        return symbols.name(symbol);
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
        return of(SIDES, side);
    }

    @Override
    public OrderType orderType() {
        return of(TYPES, orderType);
    }

    @Override
    public TimeInForce timeInForce() {
        return of(TIFS, tif);
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
        return of(COMMANDS, command);
    }

    @Override
    public ResultCode rejectReason() {
        return of(RESULTS, rejectReason);
    }

    @Override
    public CancelReason cancelReason() {
        return of(REASONS, cancelReason);
    }

    @Override
    public boolean priorityKept() {
        return priorityKept;
    }

    @Override
    public String toString() {
        return "event " + eventSeq + " (command " + commandSeq + ") " + kind() + " " + symbol() + " order " + orderId;
    }
}
