package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random command streams over a few symbols, replayable into any engine. */
public final class Commands {

    /** One command; an amend with price 0 keeps the order's own price (so that a lower quantity keeps its place). */
    public record Command(char action, String symbol, long orderId, long owner, Side side, OrderType type, TimeInForce tif,
                          long price, long qty, boolean postOnly) {
        /**
         * Sends the command to an engine.
         *
         * @param e the engine
         * @return its result
         */
        public ResultCode applyTo(MatchingEngine e) {
            return switch (action) {
                case 'N' -> e.submit(symbol, orderId, owner, side, type, tif, price, qty, postOnly);
                case 'C' -> e.cancel(symbol, orderId);
                default -> e.amend(symbol, orderId, price != 0 ? price : e.book(symbol).flatMap(b -> b.order(orderId))
                        .map(io.cift.core.book.OrderView::price).orElse(1L), qty);
            };
        }
    }

    private Commands() {
    }

    public static List<Command> random(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] symbols = {"AAPL", "MSFT", "BRK.B", "ÄÖÜ"};
        List<Command> out = new ArrayList<>(n);
        List<long[]> live = new ArrayList<>();   // {symbol index, id}
        long next = 1;
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(100);
            if (r < 55 || live.isEmpty()) {
                int s = rnd.nextInt(symbols.length);
                long id = next++;
                live.add(new long[] {s, id});
                int t = rnd.nextInt(20);
                OrderType type = t == 0 ? OrderType.MARKET : OrderType.LIMIT;
                TimeInForce tif = t < 14 ? TimeInForce.GTC : t < 18 ? TimeInForce.IOC : TimeInForce.FOK;
                long qty = rnd.nextInt(200) == 0 ? 0 : 1 + rnd.nextInt(50);
                out.add(new Command('N', symbols[s], id, 1 + rnd.nextInt(5), rnd.nextBoolean() ? Side.BUY : Side.SELL,
                        type, tif, type == OrderType.MARKET ? 0 : 990 + rnd.nextInt(21), qty, rnd.nextInt(20) == 0));
            } else if (r < 80) {
                long[] o = live.remove(rnd.nextInt(live.size()));
                out.add(new Command('C', symbols[(int) o[0]], o[1], 0, null, null, null, 0, 0, false));
            } else {
                long[] o = live.get(rnd.nextInt(live.size()));
                out.add(new Command('A', symbols[(int) o[0]], o[1], 0, null, null, null, 990 + rnd.nextInt(21),
                        1 + rnd.nextInt(50), false));
            }
        }
        return out;
    }
}
