package io.cift.core.journal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records events as text lines, from a listener or an asynchronous consumer (thread-safe). */
final class EventLog implements OrderBookListener, EngineEventHandler {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Long> eventSeqs = Collections.synchronizedList(new ArrayList<>());
    final List<Long> commandSeqs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onEvent(EngineEvent event, boolean endOfBatch) {
        eventSeqs.add(event.eventSequence());
        commandSeqs.add(event.commandSequence());
        event.replayTo(this);
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        lines.add("A " + symbol + " " + orderId + " " + ownerId + " " + side + " " + type + " " + tif + " " + price + " " + quantity);
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        lines.add("R " + symbol + " " + orderId + " " + command + " " + reason);
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        lines.add("T " + symbol + " " + takerOrderId + " " + takerOwnerId + " " + makerOrderId + " " + makerOwnerId + " "
                + takerSide + " " + price + " " + quantity + " " + takerRemaining + " " + makerRemaining);
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        lines.add("C " + symbol + " " + orderId + " " + cancelledQuantity + " " + remainingQuantity + " " + reason);
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        lines.add("M " + symbol + " " + orderId + " " + newPrice + " " + newQuantity + " " + priorityKept);
    }

    List<String> snapshot() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
