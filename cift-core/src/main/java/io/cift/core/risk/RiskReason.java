package io.cift.core.risk;

/** The outcome of a pre-trade check: {@link #PASSED} or the check that refused the order. */
public enum RiskReason {
    /** Every check passed. */
    PASSED,
    /** The global kill switch is on. */
    KILL_SWITCH_GLOBAL,
    /** The account's kill switch is on. */
    KILL_SWITCH_ACCOUNT,
    /** The account has no limits configured; unknown accounts are never let through. */
    UNKNOWN_ACCOUNT,
    /** Quantity not positive, or a limit price not positive. */
    INVALID_ORDER,
    /** The client order id was already used by this account in this session. */
    DUPLICATE_CLIENT_ORDER_ID,
    /** The account sent orders faster than its rate limit allows. */
    RATE_LIMIT,
    /** The order quantity exceeds the maximum. */
    MAX_ORDER_QUANTITY,
    /** The order notional (price x quantity) exceeds the maximum. */
    MAX_ORDER_NOTIONAL,
    /** A market order (or a price band check) needs a reference price and the instrument has none. */
    NO_REFERENCE_PRICE,
    /** The limit price is further from the reference price than the band allows. */
    PRICE_BAND,
    /** Position plus open orders on the same side plus this order would exceed the position limit. */
    POSITION_LIMIT,
    /** The account's gross notional exposure would exceed its limit. */
    GROSS_EXPOSURE,
    /** The account's net notional exposure would exceed its limit. */
    NET_EXPOSURE,
    /** Open buy notional plus position cost would exceed the account's credit. */
    CREDIT_LIMIT,
    /** The account already has the maximum number of open orders. */
    MAX_OPEN_ORDERS,
    /** The gate already tracks the most instruments it takes (100,000): an order in another one is refused. */
    TOO_MANY_INSTRUMENTS,
    /** The account already used the most client order ids a session takes (100,000,000). */
    TOO_MANY_CLIENT_ORDER_IDS
}
