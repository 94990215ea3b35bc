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

    /**
     * One deep book: {@code prefill} resting limits over 5,000 ticks a side, then {@code n} commands: 45 % new
     * orders (a tenth of them crossing, one in twenty IOC, one in fifty with an id issued before: live, a
     * duplicate, or gone, reused), 40 % cancels and 15 % amends (half at the order's own price) of ids issued
     * before, anywhere in the book.
     */
    public static List<Command> deep(long seed, int prefill, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Command> out = new ArrayList<>(prefill + n);
        List<Long> ids = new ArrayList<>();
        long next = 1;
        for (int i = 0; i < prefill + n; i++) {
            int r = rnd.nextInt(100);
            if (i < prefill || r < 45 || ids.isEmpty()) {
                boolean buy = rnd.nextBoolean();
                boolean cross = i >= prefill && rnd.nextInt(10) == 0;
                long price = buy ? (cross ? 10_010 : 5_000 + rnd.nextInt(5_000)) : (cross ? 9_990 : 10_001 + rnd.nextInt(5_000));
                long id = i >= prefill && rnd.nextInt(50) == 0 ? ids.get(rnd.nextInt(ids.size())) : next++;
                ids.add(id);
                TimeInForce tif = i >= prefill && rnd.nextInt(20) == 0 ? TimeInForce.IOC : TimeInForce.GTC;
                out.add(new Command('N', "DEEP", id, 1 + rnd.nextInt(3), buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                        tif, price, 1 + rnd.nextInt(20), false));
            } else {
                int k = rnd.nextInt(ids.size());
                long id = ids.get(k);
                if (r < 85) {
                    ids.set(k, ids.get(ids.size() - 1));
                    ids.remove(ids.size() - 1);
                    out.add(new Command('C', "DEEP", id, 0, null, null, null, 0, 0, false));
                } else {
                    out.add(new Command('A', "DEEP", id, 0, null, null, null, rnd.nextBoolean() ? 0 : 5_000 + rnd.nextInt(10_000),
                            1 + rnd.nextInt(20), false));
                }
            }
        }
        return out;
    }
}
