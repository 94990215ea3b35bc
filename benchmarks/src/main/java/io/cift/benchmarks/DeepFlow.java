package io.cift.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a deep-book order flow in {@code cift replay} CSV, deterministic from a seed, with the expected
 * trades (count, volume and the FNV-64 hash {@link TradeChecker} folds) computed by a reference matcher
 * of its own (price-time priority, maker price; an amend keeps priority only when it lowers the quantity at
 * the same price, otherwise it goes to the back of its new price and trades if it crosses). First every
 * symbol's book is filled with resting orders spread over {@code levels} ticks a side; then commands
 * follow: 45 % new limit orders (a tenth of them crossing), 40 % cancels of a random live order anywhere
 * in the book, 8 % amends (half lower the quantity, half move the price), 7 % small market orders.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cift.benchmarks.DeepFlow OUT.csv [commands] [symbols]
 * [resting] [levels] [seed] [amend%]} (defaults 2,000,000, 1, 300,000, 11,000, 42, 8; with 0 amends the new
 * limits take their share, a flow any engine that has no amend can replay); writes {@code OUT.json} beside it.
 */
public final class DeepFlow {

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final long MID = 1_000_000;

    private DeepFlow() {
    }

    private static final class Ord {
        final long id;
        final boolean buy;
        long price;
        long qty;
        int slot;           // position in the symbol's live list

        Ord(long id, boolean buy, long price, long qty) {
            this.id = id;
            this.buy = buy;
            this.price = price;
            this.qty = qty;
        }
    }

    /** One symbol's reference book. */
    private static final class Book {
        final String symbol;
        final TreeMap<Long, ArrayDeque<Ord>> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<Long, ArrayDeque<Ord>> asks = new TreeMap<>();
        final List<Ord> live = new ArrayList<>();

        Book(String symbol) {
            this.symbol = symbol;
        }

        void rest(Ord o) {
            (o.buy ? bids : asks).computeIfAbsent(o.price, p -> new ArrayDeque<>()).addLast(o);
            o.slot = live.size();
            live.add(o);
        }

        void unlink(Ord o) {
            TreeMap<Long, ArrayDeque<Ord>> side = o.buy ? bids : asks;
            ArrayDeque<Ord> q = side.get(o.price);
            q.remove(o);
            if (q.isEmpty()) {
                side.remove(o.price);
            }
            Ord lastLive = live.remove(live.size() - 1);
            if (lastLive != o) {
                live.set(o.slot, lastLive);
                lastLive.slot = o.slot;
            }
        }
    }

    private static long trades;
    private static long volume;
    private static long hash = FNV_OFFSET;

    /** Matches an incoming order; returns what is left of it. */
    private static long match(Book b, long takerId, boolean buy, boolean market, long price, long qty) {
        TreeMap<Long, ArrayDeque<Ord>> opposite = buy ? b.asks : b.bids;
        while (qty > 0 && !opposite.isEmpty()) {
            long best = opposite.firstKey();
            if (!market && (buy ? best > price : best < price)) {
                break;
            }
            ArrayDeque<Ord> level = opposite.get(best);
            Ord maker = level.peekFirst();
            long q = Math.min(qty, maker.qty);
            trades++;
            volume += q;
            long h = hash;
            h = (h ^ takerId) * FNV_PRIME;
            h = (h ^ maker.id) * FNV_PRIME;
            h = (h ^ best) * FNV_PRIME;
            h = (h ^ q) * FNV_PRIME;
            hash = h;
            qty -= q;
            maker.qty -= q;
            if (maker.qty == 0) {
                b.unlink(maker);
            }
        }
        return qty;
    }

    /**
     * Writes the flow.
     *
     * @param args output path, then optional commands, symbols, resting orders, levels a side, seed
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int symbols = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int resting = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
        int levels = args.length > 4 ? Integer.parseInt(args[4]) : 11_000;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
        int amendPct = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        SplittableRandom r = new SplittableRandom(seed);
        Book[] books = new Book[symbols];
        for (int s = 0; s < symbols; s++) {
            books[s] = new Book(symbols == 1 ? "SYM" : String.format(Locale.ROOT, "S%02d", s));
        }
        long nextId = 1;
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("symbol,action,order_id,side,type,tif,price,qty\n");
            for (int i = 0; i < resting; i++) {
                Book b = books[i % symbols];
                boolean buy = r.nextBoolean();
                long price = buy ? MID - 1 - r.nextInt(levels) : MID + 1 + r.nextInt(levels);
                long qty = 1 + r.nextInt(100);
                Ord o = new Ord(nextId++, buy, price, qty);
                b.rest(o);
                line(w, b.symbol, "NEW", o.id, buy, "LIMIT", "GTC", price, qty);
                lines++;
            }
            for (int i = 0; i < commands; i++) {
                Book b = books[r.nextInt(symbols)];
                int roll = r.nextInt(100);
                if (roll < 40 && !b.live.isEmpty()) {
                    Ord o = b.live.get(r.nextInt(b.live.size()));
                    b.unlink(o);
                    line(w, b.symbol, "CANCEL", o.id, o.buy, "", "", 0, 0);
                } else if (roll < 40 + amendPct && !b.live.isEmpty()) {
                    Ord o = b.live.get(r.nextInt(b.live.size()));
                    if (r.nextBoolean() && o.qty > 1) {
                        long q = 1 + r.nextLong(o.qty - 1);          // lower at the same price: priority kept
                        o.qty = q;
                        line(w, b.symbol, "AMEND", o.id, o.buy, "", "", o.price, q);
                    } else {
                        long price = o.buy ? MID - 1 - r.nextInt(levels) : MID + 1 + r.nextInt(levels);
                        if (price == o.price) {
                            price += o.buy ? -1 : 1;                   // a move: the same price would keep priority
                        }
                        long q = 1 + r.nextInt(100);
                        b.unlink(o);
                        line(w, b.symbol, "AMEND", o.id, o.buy, "", "", price, q);
                        long left = match(b, o.id, o.buy, false, price, q);
                        if (left > 0) {
                            o.price = price;
                            o.qty = left;
                            b.rest(o);
                        }
                    }
                } else if (roll < 93 || b.live.isEmpty()) {
                    boolean buy = r.nextBoolean();
                    long price;
                    if (r.nextInt(10) == 0 && !(buy ? b.asks : b.bids).isEmpty()) {
                        long best = (buy ? b.asks : b.bids).firstKey();      // crossing: a few ticks through the touch
                        price = buy ? best + r.nextInt(3) : Math.max(1, best - r.nextInt(3));
                    } else {
                        price = buy ? MID - 1 - r.nextInt(levels) : MID + 1 + r.nextInt(levels);
                    }
                    long qty = 1 + r.nextInt(100);
                    long id = nextId++;
                    line(w, b.symbol, "NEW", id, buy, "LIMIT", "GTC", price, qty);
                    long left = match(b, id, buy, false, price, qty);
                    if (left > 0) {
                        b.rest(new Ord(id, buy, price, left));
                    }
                } else {
                    boolean buy = r.nextBoolean();
                    long qty = 1 + r.nextInt(20);
                    long id = nextId++;
                    line(w, b.symbol, "NEW", id, buy, "MARKET", "IOC", 0, qty);
                    match(b, id, buy, true, 0, qty);
                }
                lines++;
            }
        }
        long live = 0;
        int deepest = 0;
        for (Book b : books) {
            live += b.live.size();
            deepest = Math.max(deepest, Math.min(b.bids.size(), b.asks.size()));
        }
        String json = String.format(Locale.ROOT, "{\n  \"commands\": %d,\n  \"symbols\": %d,\n  \"trades\": %d,\n"
                        + "  \"traded_volume\": %d,\n  \"trade_hash_fnv64\": \"%016x\",\n  \"live_orders_at_end\": %d,\n"
                        + "  \"levels_a_side_at_end_min\": %d,\n  \"seed\": %d\n}\n",
                lines, symbols, trades, volume, hash, live, deepest, seed);
        Files.writeString(out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".json"), json);
        System.out.print(json);
    }

    private static void line(BufferedWriter w, String symbol, String action, long id, boolean buy, String type, String tif,
                             long price, long qty) throws IOException {
        w.write(symbol);
        w.write(',');
        w.write(action);
        w.write(',');
        w.write(Long.toString(id));
        w.write(',');
        w.write(action.equals("NEW") ? (buy ? "BUY" : "SELL") : "");
        w.write(',');
        w.write(type);
        w.write(',');
        w.write(tif);
        w.write(',');
        w.write(action.equals("CANCEL") || type.equals("MARKET") ? "" : Long.toString(price));
        w.write(',');
        w.write(action.equals("CANCEL") ? "" : Long.toString(qty));
        w.write('\n');
    }
}
