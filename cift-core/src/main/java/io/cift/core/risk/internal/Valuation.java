package io.cift.core.risk.internal;

import io.cift.core.risk.QuoteSource;

/** Values positions at reference prices (the last trade, else the quote's mid, else their cost). Single writer. */
final class Valuation {

    private final QuoteSource quotes;
    /** The net position value computed by the last {@link #positionGross} call. */
    private long scratchNet;

    Valuation(QuoteSource quotes) {
        this.quotes = quotes;
    }

    /** @return the net value the last {@link #positionGross} computed */
    long lastNet() {
        return scratchNet;
    }

    /** The reference price: the last trade, else the mid of a two-sided quote, else 0. */
    long reference(Instrument in) {
        if (in.lastTrade > 0) {
            return in.lastTrade;
        }
        long bid = quotes.bestBid(in.symbol);
        long ask = quotes.bestAsk(in.symbol);
        return bid > 0 && ask > 0 ? (bid + ask) / 2 : 0;
    }

    private long positionValue(Account a, int k) {
        int i = a.held[k];
        long pos = a.position[i];
        if (pos == 0) {
            return 0;
        }
        long ref = reference(a.heldInstruments[k]);
        return ref > 0 ? RiskMath.mul(pos, ref) : a.cost[i];
    }

    /** Gross and net value of the account's positions, in one pass; the net goes to {@link #lastNet()}. */
    long positionGross(Account a) {
        long gross = 0;
        long net = 0;
        for (int k = 0; k < a.heldCount; k++) {
            long v = positionValue(a, k);
            gross = RiskMath.add(gross, Math.abs(v));
            net = RiskMath.add(net, v);
        }
        scratchNet = net;
        return gross;
    }
}
