package io.cift.core.risk;

import io.cift.core.book.OrderBookListener;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.risk.internal.ArrayRiskCalculator;

import java.util.List;
import java.util.Optional;

/**
 * The pre-trade risk gate, with live positions and open orders per account.
 *
 * <p><b>Checks</b>, in this order, the first failure deciding the {@link RiskReason}: global and account
 * kill switch; account configured; quantity and limit price positive; client order id not used before
 * in this session by the account; maximum order quantity; maximum order notional; a reference price
 * exists for market orders and for the price band; price band; worst-case position (position plus open
 * orders on the same side plus this order within the position limit, both long and short); gross and
 * net exposure; credit (buy orders); maximum open orders; order-rate throttle. A refused order changes
 * nothing (no throttle token spent, client order id not recorded).
 *
 * <p><b>Definitions.</b> Notional = price x quantity in ticks x lots (a market order is valued at the
 * reference price), saturating at {@link Long#MAX_VALUE}. Reference price = last trade price of the
 * instrument, else the mid of the {@link QuoteSource}'s best bid and offer. Exposure values each
 * position at its reference price (at its average cost when there is none):
 * gross = sum |position value| + open buy notional + open sell notional + this order's notional;
 * net = sum position value + open buy notional - open sell notional +/- this order's notional, and
 * |net| must stay within the limit. Credit = open buy notional + sum |position cost| + this buy order's
 * notional. Throttle: a token bucket of {@link AccountLimits#orderBurst()} tokens refilled at
 * {@link AccountLimits#maxOrdersPerSecond()} on the injected {@link NanoClock}.
 *
 * <p><b>State</b> comes from the engine's events through {@link #listener()}: accepted orders become open
 * orders of their owner (the owner id is the account), trades move open quantity into positions (average
 * cost, realized P&amp;L in ticks x lots; the cost basis keeps any rounding remainder, so realized plus
 * cost basis always accounts for every tick), cancels and amends adjust open orders.
 *
 * <p><b>Threading:</b> single writer, like the engine it guards: not thread-safe. <b>Allocation:</b> a
 * check allocates nothing; {@link #lastRejectMessage()} and the query methods allocate.
 */
public interface RiskCalculator extends RiskView {

    /**
     * Creates a calculator.
     *
     * @param clock the clock of the throttle
     * @param quotes where mid prices come from before an instrument trades
     * @return a new calculator with no accounts
     */
    static RiskCalculator create(NanoClock clock, QuoteSource quotes) {
        return new ArrayRiskCalculator(clock, quotes);
    }

    /**
     * Sets (or replaces, at run time) the limits of an account.
     *
     * @param account the account id (the engine's owner id)
     * @param limits the limits
     */
    void setAccountLimits(long account, AccountLimits limits);

    /**
     * Sets (or replaces) an account's overrides for one instrument.
     *
     * @param account the account id, already configured
     * @param symbol the instrument
     * @param limits the overrides
     */
    void setInstrumentLimits(long account, String symbol, InstrumentLimits limits);

    /**
     * Checks a new order and, if it passes, records its client order id and spends a throttle token.
     *
     * @param account the account id
     * @param symbol the instrument
     * @param clientOrderId the order id
     * @param side buy or sell
     * @param type limit or market
     * @param price limit price in ticks (ignored for market orders)
     * @param quantity quantity in lots
     * @return {@link RiskReason#PASSED} or the reason for refusing
     */
    RiskReason checkNew(long account, String symbol, long clientOrderId, Side side, OrderType type, long price, long quantity);

    /**
     * Checks an amend of an open order as if the order were replaced by one with the new price and
     * quantity (per-order limits, price band, position, exposure, credit; kill switches apply too).
     * An order the calculator does not know passes: the engine will reject it.
     *
     * @param account the account id
     * @param symbol the instrument
     * @param orderId the order id
     * @param newPrice the new price
     * @param newQuantity the new open quantity
     * @return {@link RiskReason#PASSED} or the reason for refusing
     */
    RiskReason checkAmend(long account, String symbol, long orderId, long newPrice, long newQuantity);

    /**
     * Turns an account's kill switch on or off; while on, its new orders and amends are refused.
     *
     * @param account the account id
     * @param on the state
     */
    void setKillSwitch(long account, boolean on);

    /**
     * Turns the global kill switch on or off; while on, every new order and amend is refused.
     *
     * @param on the state
     */
    void setGlobalKillSwitch(boolean on);

    /**
     * The listener to register on the matching engine so that open orders and positions follow it.
     *
     * @return the listener
     */
    OrderBookListener listener();

    /**
     * An open order as the calculator tracks it.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param side its side
     * @param price its limit price
     * @param openQuantity its open quantity
     */
    record OpenOrder(String symbol, long orderId, Side side, long price, long openQuantity) {
    }
}
