package io.cift.core.book;

/**
 * The outcome of a command sent to an {@link OrderBook} or {@link MatchingEngine}. Every code but
 * {@link #ACCEPTED} is a rejection: the book was left exactly as it was, and the same code was
 * passed to {@link OrderBookListener#onRejected}.
 */
public enum ResultCode {
    /** The command was carried out (an accepted order may still be cancelled at once, e.g. an IOC remainder). */
    ACCEPTED,
    /** The quantity (or the amended open quantity) was zero, negative, or above {@link OrderBook#MAX_QUANTITY}. */
    INVALID_QUANTITY,
    /** A limit price (or an amended price) was zero, negative, or above {@link OrderBook#MAX_PRICE}. */
    INVALID_PRICE,
    /** Post-only was asked for an order that is not a GTC limit order. */
    INVALID_POST_ONLY,
    /** A post-only order (or the amend of one) would have taken liquidity. */
    POST_ONLY_WOULD_TAKE,
    /** A new order used an id that is live in the book. */
    DUPLICATE_ORDER_ID,
    /** A cancel or amend named an order that is not live in the book. */
    UNKNOWN_ORDER_ID,
    /** The engine is configured with a fixed list of symbols and this one is not on it. */
    UNKNOWN_SYMBOL,
    /** A risk gate in front of the engine refused the command; it never reached the book. */
    RISK_REJECTED,
    /**
     * A durable engine's asynchronous consumers are too far behind (see its lag policy); the command was
     * neither journaled nor applied, and no event was published for it.
     */
    CONSUMERS_BEHIND,
    /**
     * A durable engine's journal cannot take the command (its writer failed, or it stayed full past the
     * lag timeout); the command was neither journaled nor applied, and no event was published for it.
     */
    JOURNAL_UNAVAILABLE,
    /**
     * A new order named a symbol longer than {@link MatchingEngine#MAX_SYMBOL_BYTES} UTF-8 bytes, so no book was
     * created for it; or a durable engine refused a symbol it cannot journal (null, blank, or that long), and
     * then the command was neither journaled nor applied, and no event was published for it.
     */
    INVALID_SYMBOL,
    /**
     * The command names a symbol the engine has no room for: it already holds
     * {@link MatchingEngineConfig#maxSymbols()} books created on demand (a durable engine: its journal already
     * names that many symbols). Nothing was created; a durable engine neither journaled the command nor
     * published an event for it.
     */
    TOO_MANY_SYMBOLS;

    /**
     * Tells whether this code means the command was carried out.
     *
     * @return {@code true} only for {@link #ACCEPTED}
     */
    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
