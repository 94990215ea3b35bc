package io.cift.core.risk.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.OrderBookListener;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * Keeps positions, costs, realized P&amp;L and open orders from the engine's events (accepted, traded,
 * cancelled, amended), for the accounts that have limits. Single writer (the matching thread).
 */
final class PositionKeeper implements OrderBookListener {

    private final RiskState state;

    PositionKeeper(RiskState state) {
        this.state = state;
    }

    /** Adds (sign 1) or removes (sign -1) an order's open quantity and notional from its account. */
    void addOpen(RiskOrder o, long qty, long sign) {
        Account a = o.account;
        int i = o.instrument.index;
        long n = o.price * qty * sign;
        if (o.buy) {
            a.openBuyQty[i] += qty * sign;
            a.openBuyNotional += n;
        } else {
            a.openSellQty[i] += qty * sign;
            a.openSellNotional += n;
        }
    }

    private void reduce(Instrument in, long orderId, long qty) {
        RiskOrder o = in.orders.get(orderId);
        if (o == null) {
            return;
        }
        addOpen(o, qty, -1);
        o.open -= qty;
        if (o.open <= 0) {
            in.orders.remove(orderId);
            Account a = o.account;
            a.openOrders--;
            if (o.prev == null) {
                a.head = o.next;
            } else {
                o.prev.next = o.next;
            }
            if (o.next != null) {
                o.next.prev = o.prev;
            }
            o.prev = null;
            o.account = null;
            o.instrument = null;
            state.release(o);
        }
    }

    private void fill(long account, Instrument in, boolean buy, long price, long qty) {
        Account a = state.accounts.get(account);
        if (a == null) {
            return;
        }
        int i = in.index;
        a.ensure(in);
        long pos = a.position[i];
        long cost = a.cost[i];
        long oldAbsCost = Math.abs(cost);
        long dq = buy ? qty : -qty;
        if (pos == 0 || (pos > 0) == buy) {
            pos += dq;
            cost = RiskMath.add(cost, RiskMath.mul(dq, price));
        } else {
            long absPos = Math.abs(pos);
            long close = Math.min(qty, absPos);
            long removed = close == absPos ? cost : RiskMath.mulDiv(cost, close, absPos);
            a.realized[i] = RiskMath.add(a.realized[i], RiskMath.add(RiskMath.mul(pos > 0 ? close : -close, price), -removed));
            cost -= removed;
            pos += buy ? close : -close;
            long rest = qty - close;
            if (rest > 0) {
                pos = buy ? rest : -rest;
                cost = RiskMath.add(cost, RiskMath.mul(pos, price));
            }
        }
        a.position[i] = pos;
        a.cost[i] = cost;
        a.absCost += Math.abs(cost) - oldAbsCost;
    }

    // ---- the listener
    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        Account a = state.accounts.get(ownerId);
        if (a == null) {
            return;
        }
        Instrument in = state.instrument(symbol);
        a.ensure(in);
        RiskOrder o = state.acquire();
        o.id = orderId;
        o.account = a;
        o.instrument = in;
        o.buy = side == Side.BUY;
        o.price = price;
        o.open = quantity;
        o.prev = null;
        o.next = a.head;
        if (a.head != null) {
            a.head.prev = o;
        }
        a.head = o;
        a.openOrders++;
        in.orders.put(orderId, o);
        addOpen(o, quantity, 1);
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        Instrument in = state.instrument(symbol);
        in.lastTrade = price;
        boolean takerBuys = takerSide == Side.BUY;
        fill(takerOwnerId, in, takerBuys, price, quantity);
        fill(makerOwnerId, in, !takerBuys, price, quantity);
        reduce(in, takerOrderId, quantity);
        reduce(in, makerOrderId, quantity);
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        Instrument in = state.instruments.get(symbol);
        if (in != null) {
            reduce(in, orderId, cancelledQuantity);
        }
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        Instrument in = state.instruments.get(symbol);
        RiskOrder o = in == null ? null : in.orders.get(orderId);
        if (o == null) {
            return;
        }
        addOpen(o, o.open, -1);
        o.price = newPrice;
        o.open = newQuantity;
        addOpen(o, newQuantity, 1);
    }
}
