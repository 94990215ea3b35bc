package io.cift.core.risk.internal;

import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;

import java.util.Arrays;

/** One account's risk state; per-instrument values in arrays indexed by the instrument's dense index. */
final class Account {
    final long id;
    AccountLimits limits;
    boolean kill;
    /** GCRA theoretical arrival time of the next order. */
    long tat = Long.MIN_VALUE;
    long openOrders;
    long openBuyNotional;
    long openSellNotional;
    /** Sum over instruments of |cost basis|. */
    long absCost;
    /** Client order ids used this session. */
    final ClientIdSet clientIds = new ClientIdSet();
    /** How many client order ids were recorded. */
    long clientIdCount;
    /** The highest client order id recorded; ids above it need no lookup. */
    long maxClientId = Long.MIN_VALUE;
    RiskOrder head;

    long[] position = new long[0];
    long[] cost = new long[0];
    long[] realized = new long[0];
    long[] openBuyQty = new long[0];
    long[] openSellQty = new long[0];
    boolean[] touched = new boolean[0];
    InstrumentLimits[] overrides = new InstrumentLimits[0];
    /** Instruments touched, in first-seen order, and the same as objects. */
    int[] held = new int[4];
    Instrument[] heldInstruments = new Instrument[4];
    int heldCount;

    Account(long id) {
        this.id = id;
    }

    /** Makes room for instrument {@code in} and marks it touched (allocates only for new instruments). */
    void ensure(Instrument in) {
        int i = in.index;
        if (i >= position.length) {
            int n = Math.max(i + 1, position.length * 2);
            position = Arrays.copyOf(position, n);
            cost = Arrays.copyOf(cost, n);
            realized = Arrays.copyOf(realized, n);
            openBuyQty = Arrays.copyOf(openBuyQty, n);
            openSellQty = Arrays.copyOf(openSellQty, n);
            touched = Arrays.copyOf(touched, n);
            overrides = Arrays.copyOf(overrides, n);
        }
        if (!touched[i]) {
            touched[i] = true;
            if (heldCount == held.length) {
                held = Arrays.copyOf(held, heldCount * 2);
                heldInstruments = Arrays.copyOf(heldInstruments, heldCount * 2);
            }
            heldInstruments[heldCount] = in;
            held[heldCount++] = i;
        }
    }
}
