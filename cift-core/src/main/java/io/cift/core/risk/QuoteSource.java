package io.cift.core.risk;

/**
 * Best bid and offer of an instrument, for the mid price the price band falls back on when an
 * instrument has not traded yet. {@link io.cift.core.book.OrderBook#NO_PRICE} (0) means none. Called on the
 * thread that runs the risk checks (the matching thread), so it must not block.
 */
public interface QuoteSource {

    /** A source with no quotes at all. */
    QuoteSource NONE = new QuoteSource() {
        @Override
        public long bestBid(String symbol) {
            return 0;
        }

        @Override
        public long bestAsk(String symbol) {
            return 0;
        }
    };

    /**
     * The best bid.
     *
     * @param symbol the instrument
     * @return its price in ticks, or 0 when there is none
     */
    long bestBid(String symbol);

    /**
     * The best offer.
     *
     * @param symbol the instrument
     * @return its price in ticks, or 0 when there is none
     */
    long bestAsk(String symbol);
}
