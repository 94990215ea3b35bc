package io.cift.core.risk.internal;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.PriceBand;
import io.cift.core.risk.RiskReason;

/**
 * The pre-trade checks: kill switches, order validity, client order ids, the throttle, per-order and
 * price-band limits, worst-case position, exposure and credit. Single writer.
 */
final class PreTradeChecks {

    private final RiskState state;
    private final Valuation valuation;
    private final Refusal refusal;
    private final NanoClock clock;
    private final int maxInstruments;
    private final long maxClientIds;

    PreTradeChecks(RiskState state, Valuation valuation, Refusal refusal, NanoClock clock, int maxInstruments,
                   long maxClientIds) {
        this.state = state;
        this.valuation = valuation;
        this.refusal = refusal;
        this.clock = clock;
        this.maxInstruments = maxInstruments;
        this.maxClientIds = maxClientIds;
    }

    /** The kill switches and the account's existence, checked first for new orders and amends alike. */
    RiskReason admit(Account a, long account, String symbol) {
        if (state.globalKill) {
            return refusal.refuse(RiskReason.KILL_SWITCH_GLOBAL, account, symbol, null, 0, 0);
        }
        if (a == null) {
            return refusal.refuse(RiskReason.UNKNOWN_ACCOUNT, account, symbol, null, 0, 0);
        }
        if (a.kill) {
            return refusal.refuse(RiskReason.KILL_SWITCH_ACCOUNT, account, symbol, null, 0, 0);
        }
        return RiskReason.PASSED;
    }

    /** The checks of a new order; passing records its client order id and throttle time. */
    RiskReason checkNew(long account, String symbol, long clientOrderId, Side side, OrderType type,
                               long price, long quantity) {
        Account a = state.accounts.get(account);
        RiskReason admitted = admit(a, account, symbol);
        if (admitted != RiskReason.PASSED) {
            return admitted;
        }
        boolean market = type == OrderType.MARKET;
        if (quantity <= 0) {
            return refusal.refuse(RiskReason.INVALID_ORDER, account, symbol, "quantity", 0, quantity);
        }
        if (!market && price <= 0) {
            return refusal.refuse(RiskReason.INVALID_ORDER, account, symbol, "price", 0, price);
        }
        // an id above every id seen so far cannot be a duplicate: increasing ids skip the bitmap lookup
        if (clientOrderId <= a.maxClientId && a.clientIds.contains(clientOrderId)) {
            return refusal.refuse(RiskReason.DUPLICATE_CLIENT_ORDER_ID, account, symbol, "clientOrderId", 0, clientOrderId);
        }
        if (a.clientIdCount >= maxClientIds) {
            return refusal.refuse(RiskReason.TOO_MANY_CLIENT_ORDER_IDS, account, symbol, "clientOrderIds", maxClientIds, a.clientIdCount + 1);
        }
        if (state.instrumentList.size() >= maxInstruments && state.instruments.get(symbol) == null) {
            return refusal.refuse(RiskReason.TOO_MANY_INSTRUMENTS, account, symbol, "instruments", maxInstruments, state.instrumentList.size() + 1L);
        }
        Instrument in = state.instrument(symbol);
        RiskReason r = checkOrder(a, in, side == Side.BUY, market, price, quantity, 0, 0);
        if (r != RiskReason.PASSED) {
            return r;
        }
        AccountLimits l = a.limits;
        if (a.openOrders + 1 > l.maxOpenOrders()) {
            return refusal.refuse(RiskReason.MAX_OPEN_ORDERS, account, symbol, "maxOpenOrders", l.maxOpenOrders(), a.openOrders + 1);
        }
        boolean throttled = l.maxOrdersPerSecond() != AccountLimits.UNLIMITED;
        long now = throttled ? clock.nanoTime() : 0;
        if (throttled && !Throttle.allows(a.tat, now, l.maxOrdersPerSecond(), l.orderBurst())) {
            return refusal.refuse(RiskReason.RATE_LIMIT, account, symbol, "maxOrdersPerSecond", l.maxOrdersPerSecond(), l.orderBurst());
        }
        a.clientIds.add(clientOrderId);
        a.clientIdCount++;
        if (clientOrderId > a.maxClientId) {
            a.maxClientId = clientOrderId;
        }
        if (throttled) {
            a.tat = Throttle.next(a.tat, now, l.maxOrdersPerSecond());
        }
        return RiskReason.PASSED;
    }

    /** The checks of an amend (an order the gate does not track passes). */
    RiskReason checkAmend(long account, String symbol, long orderId, long newPrice, long newQuantity) {
        Account a = state.accounts.get(account);
        RiskReason admitted = admit(a, account, symbol);
        if (admitted != RiskReason.PASSED) {
            return admitted;
        }
        Instrument in = state.instruments.get(symbol);
        RiskOrder o = in == null ? null : in.orders.get(orderId);
        if (o == null || o.account != a) {
            return RiskReason.PASSED;
        }
        if (newQuantity <= 0) {
            return refusal.refuse(RiskReason.INVALID_ORDER, account, symbol, "quantity", 0, newQuantity);
        }
        if (newPrice <= 0) {
            return refusal.refuse(RiskReason.INVALID_ORDER, account, symbol, "price", 0, newPrice);
        }
        return checkOrder(a, in, o.buy, false, newPrice, newQuantity, o.open, RiskMath.mul(o.price, o.open));
    }

    /**
     * The per-order, band, position, exposure and credit checks. {@code replacedQty} and
     * {@code replacedNotional} are an amended order's current open quantity and notional, which the
     * new values replace.
     */
    private RiskReason checkOrder(Account a, Instrument in, boolean buy, boolean market, long price, long qty,
                                  long replacedQty, long replacedNotional) {
        int i = in.index;
        a.ensure(in);
        AccountLimits l = a.limits;
        InstrumentLimits ov = a.overrides[i];
        long account = a.id;
        String symbol = in.symbol;

        long maxQty = ov != null && ov.maxOrderQuantity() != InstrumentLimits.INHERIT ? ov.maxOrderQuantity() : l.maxOrderQuantity();
        if (qty > maxQty) {
            return refusal.refuse(RiskReason.MAX_ORDER_QUANTITY, account, symbol, "maxOrderQuantity", maxQty, qty);
        }
        long ref = valuation.reference(in);
        if (market && ref == 0) {
            return refusal.refuse(RiskReason.NO_REFERENCE_PRICE, account, symbol, null, 0, 0);
        }
        long notional = RiskMath.mul(market ? ref : price, qty);
        long maxNotional = ov != null && ov.maxOrderNotional() != InstrumentLimits.INHERIT ? ov.maxOrderNotional() : l.maxOrderNotional();
        if (notional > maxNotional) {
            return refusal.refuse(RiskReason.MAX_ORDER_NOTIONAL, account, symbol, "maxOrderNotional", maxNotional, notional);
        }
        PriceBand band = ov != null && ov.priceBand() != null ? ov.priceBand() : l.priceBand();
        if (!market && !band.isNone()) {
            if (ref == 0) {
                return refusal.refuse(RiskReason.NO_REFERENCE_PRICE, account, symbol, null, 0, 0);
            }
            long allowed = band.allowedDistance(ref);
            long distance = Math.abs(price - ref);
            if (distance > allowed) {
                return refusal.refuse(RiskReason.PRICE_BAND, account, symbol, "priceBand " + band + " around reference " + ref,
                        allowed, price);
            }
        }
        long maxPos = ov != null && ov.maxPosition() != InstrumentLimits.INHERIT ? ov.maxPosition() : l.maxPosition();
        long pos = a.position[i];
        if (buy) {
            long worst = RiskMath.add(RiskMath.add(pos, a.openBuyQty[i] - replacedQty), qty);
            if (worst > maxPos) {
                return refusal.refuse(RiskReason.POSITION_LIMIT, account, symbol, "maxPosition", maxPos, worst);
            }
        } else {
            long worst = RiskMath.add(RiskMath.add(-pos, a.openSellQty[i] - replacedQty), qty);
            if (worst > maxPos) {
                return refusal.refuse(RiskReason.POSITION_LIMIT, account, symbol, "maxPosition", maxPos, -worst);
            }
        }
        long openBuy = a.openBuyNotional - (buy ? replacedNotional : 0);
        long openSell = a.openSellNotional - (buy ? 0 : replacedNotional);
        if (l.maxGrossExposure() != AccountLimits.UNLIMITED || l.maxNetExposure() != AccountLimits.UNLIMITED) {
            long gross = RiskMath.add(RiskMath.add(RiskMath.add(valuation.positionGross(a), openBuy), openSell), notional);
            long positionNet = valuation.lastNet();
            if (gross > l.maxGrossExposure()) {
                return refusal.refuse(RiskReason.GROSS_EXPOSURE, account, symbol, "maxGrossExposure", l.maxGrossExposure(), gross);
            }
            long net = RiskMath.add(RiskMath.add(positionNet, openBuy), -openSell);
            net = buy ? RiskMath.add(net, notional) : RiskMath.add(net, -notional);
            if (Math.abs(net) > l.maxNetExposure()) {
                return refusal.refuse(RiskReason.NET_EXPOSURE, account, symbol, "maxNetExposure", l.maxNetExposure(), net);
            }
        }
        if (buy) {
            long used = RiskMath.add(RiskMath.add(openBuy, a.absCost), notional);
            if (used > l.creditLimit()) {
                return refusal.refuse(RiskReason.CREDIT_LIMIT, account, symbol, "creditLimit", l.creditLimit(), used);
            }
        }
        return RiskReason.PASSED;
    }
}
