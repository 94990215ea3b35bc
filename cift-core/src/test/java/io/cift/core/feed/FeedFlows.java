package io.cift.core.feed;

import io.cift.core.book.MatchingEngine;
import io.cift.core.journal.Commands;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderView;
import io.cift.core.book.PriceLevel;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Random deep, many-symbol command flows for the feed's tests (here and in other modules), as
 * {@link Commands.Command}s, and the engine's own L3 view to compare with.
 */
public final class FeedFlows {

    public static final String[] SYMBOLS = {"AAPL", "MSFT", "BRK.B", "ÄÖÜ,\"Q\""};

    private FeedFlows() {
    }

    /**
     * A flow over four symbols and 400 ticks a side of the mid: GTC limits (some post-only), IOC, FOK and
     * market orders from five owners (so self-trade prevention acts), cancels anywhere in the book, amends
     * that lower the quantity in place or move the price (some across the book).
     */
    public static List<Commands.Command> random(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Commands.Command> out = new ArrayList<>(n);
        List<long[]> live = new ArrayList<>();   // {symbol index, id}
        long next = 1;
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(100);
            if (r < 55 || live.isEmpty()) {
                int s = rnd.nextInt(SYMBOLS.length);
                long id = next++;
                int t = rnd.nextInt(40);
                OrderType type = t == 0 ? OrderType.MARKET : OrderType.LIMIT;
                TimeInForce tif = t < 32 ? TimeInForce.GTC : t < 37 ? TimeInForce.IOC : TimeInForce.FOK;
                if (type == OrderType.LIMIT && tif == TimeInForce.GTC) {
                    live.add(new long[] {s, id});
                }
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                // resting interest far from the mid, aggressive orders across it
                long offset = rnd.nextInt(10) < 8 ? 1 + rnd.nextInt(400) : -rnd.nextInt(30);
                long price = side == Side.BUY ? 10_000 - offset : 10_000 + offset;
                out.add(new Commands.Command('N', SYMBOLS[s], id, 1 + rnd.nextInt(5), side, type, tif,
                        type == OrderType.MARKET ? 0 : price, 1 + rnd.nextInt(60), rnd.nextInt(25) == 0));
            } else if (r < 88) {
                long[] o = live.remove(rnd.nextInt(live.size()));
                out.add(new Commands.Command('C', SYMBOLS[(int) o[0]], o[1], 0, null, null, null, 0, 0, false));
            } else {
                long[] o = live.get(rnd.nextInt(live.size()));
                boolean move = rnd.nextBoolean();
                out.add(new Commands.Command('A', SYMBOLS[(int) o[0]], o[1], 0, null, null, null,
                        move ? 10_000 + rnd.nextInt(801) - 400 : 0, 1 + rnd.nextInt(60), false));
            }
        }
        return out;
    }

    /** The engine's resting orders of one symbol, in the feed's order. */
    public static List<L3Order> engineOrders(MatchingEngine e, String symbol) {
        List<L3Order> out = new ArrayList<>();
        OrderBook book = e.book(symbol).orElse(null);
        if (book == null) {
            return out;
        }
        for (Side side : new Side[] {Side.BUY, Side.SELL}) {
            for (PriceLevel l : book.depth(side, Integer.MAX_VALUE)) {
                for (OrderView o : book.ordersAt(side, l.price())) {
                    out.add(new L3Order(symbol, side, o.price(), o.orderId(), o.openQuantity()));
                }
            }
        }
        return out;
    }

    /** All of the engine's resting orders, symbols sorted. */
    public static List<L3Order> engineOrders(MatchingEngine e) {
        List<L3Order> out = new ArrayList<>();
        for (String s : new TreeSet<>(e.symbols())) {
            out.addAll(engineOrders(e, s));
        }
        return out;
    }
}
