package io.cift.core.risk.internal;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/** What the risk gate knows: accounts, instruments, the kill switch, and a pool of order records. Single writer. */
final class RiskState {

    final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>();
    final Object2ObjectHashMap<String, Instrument> instruments = new Object2ObjectHashMap<>();
    final List<Instrument> instrumentList = new ArrayList<>();
    boolean globalKill;
    private RiskOrder freeOrders;

    /** The instrument of a symbol, created on first use. */
    Instrument instrument(String symbol) {
        Instrument in = instruments.get(symbol);
        if (in == null) {
            if (symbol == null || symbol.isBlank()) {
                throw new IllegalArgumentException("symbol must not be blank, got '" + symbol + "'");
            }
            in = new Instrument(symbol, instrumentList.size());
            instruments.put(symbol, in);
            instrumentList.add(in);
        }
        return in;
    }

    /** @return an order record from the pool */
    RiskOrder acquire() {
        RiskOrder o = freeOrders;
        if (o == null) {
            return new RiskOrder();
        }
        freeOrders = o.next;
        o.next = null;
        return o;
    }

    /** Returns an order record to the pool. */
    void release(RiskOrder o) {
        o.next = freeOrders;
        freeOrders = o;
    }
}
