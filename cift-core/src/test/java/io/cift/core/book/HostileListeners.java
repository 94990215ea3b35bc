package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/** A listener that throws on every n-th callback and sleeps a millisecond on every m-th. */
final class HostileListeners implements OrderBookListener {
    private final int throwEvery;
    private final int sleepEvery;
    long calls;
    long thrown;
    long slept;

    HostileListeners(int throwEvery, int sleepEvery) {
        this.throwEvery = throwEvery;
        this.sleepEvery = sleepEvery;
    }

    private void call() {
        calls++;
        if (calls % sleepEvery == 0) {
            slept++;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (calls % throwEvery == 0) {
            thrown++;
            throw new IllegalStateException("listener failure #" + thrown);
        }
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        call();
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        call();
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        call();
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        call();
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        call();
    }
}
