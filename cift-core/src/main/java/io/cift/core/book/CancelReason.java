package io.cift.core.book;

/** Why (part of) an order left the book without trading. */
public enum CancelReason {
    /** The owner cancelled it. */
    USER,
    /** The unfilled remainder of an IOC limit order. */
    IOC_REMAINDER,
    /** The unfilled remainder of a MARKET order (market orders never rest). */
    MARKET_REMAINDER,
    /** A fill-or-kill order that could not be filled completely at once: nothing traded. */
    FOK_UNFILLED,
    /** Self-trade prevention cancelled or decremented the resting order. */
    STP_RESTING,
    /** Self-trade prevention cancelled or decremented the incoming order. */
    STP_INCOMING,
    /** A kill switch cancelled it ({@code RiskCheckedEngine.killAccount} or {@code killAll}). */
    KILL_SWITCH
}
