package io.cift.core.book.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ListenerFailureHandler;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * Passes every event to a user's listener and contains whatever it throws: the failure is counted and
 * handed to a {@link ListenerFailureHandler}, never thrown into the book. Single writer, like the book.
 */
public final class ContainedListener implements OrderBookListener {

    private final OrderBookListener delegate;
    private final ListenerFailureHandler handler;
    private long failures;

    /**
     * Wraps a listener.
     *
     * @param delegate the user's listener
     * @param handler told of each failure
     */
    public ContainedListener(OrderBookListener delegate, ListenerFailureHandler handler) {
        this.delegate = delegate;
        this.handler = handler;
    }

    /**
     * How many callbacks threw.
     *
     * @return the count
     */
    public long failures() {
        return failures;
    }

    private void failed(String callback, String symbol, long orderId, Throwable t) {
        failures++;
        try {
            handler.onFailure(callback, symbol, orderId, t, failures);
        } catch (Throwable ignored) {
            // a failing handler must not reach the book either
        }
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        try {
            delegate.onAccepted(symbol, orderId, ownerId, side, type, tif, price, quantity);
        } catch (Throwable t) {
            failed("onAccepted", symbol, orderId, t);
        }
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        try {
            delegate.onRejected(symbol, orderId, command, reason);
        } catch (Throwable t) {
            failed("onRejected", symbol, orderId, t);
        }
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        try {
            delegate.onTrade(symbol, takerOrderId, takerOwnerId, makerOrderId, makerOwnerId, takerSide, price, quantity,
                    takerRemaining, makerRemaining);
        } catch (Throwable t) {
            failed("onTrade", symbol, takerOrderId, t);
        }
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        try {
            delegate.onCancelled(symbol, orderId, cancelledQuantity, remainingQuantity, reason);
        } catch (Throwable t) {
            failed("onCancelled", symbol, orderId, t);
        }
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        try {
            delegate.onAmended(symbol, orderId, newPrice, newQuantity, priorityKept);
        } catch (Throwable t) {
            failed("onAmended", symbol, orderId, t);
        }
    }
}
