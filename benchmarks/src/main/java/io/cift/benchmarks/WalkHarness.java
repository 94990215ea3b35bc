package io.cift.benchmarks;

import io.cift.core.book.internal.ArrayOrderBook;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a walk over every live order costs: the book's {@code stateHash()} and {@code forEachOrder()}, the two
 * walks an engine snapshot makes on the matching thread. Usage:
 * {@code java -cp benchmarks.jar io.cift.benchmarks.WalkHarness [workload.csv] [rounds]}.
 *
 * <p>The whole workload is applied once (a book per symbol, trades checked against the generator's hash), and
 * the books it leaves are walked: each round times one {@code stateHash()} of every book, then one
 * {@code forEachOrder()} with a visitor that folds every field in. Three warm-up rounds come first; the
 * medians of the measured rounds are reported, in milliseconds for all books and nanoseconds per order.
 */
public final class WalkHarness {

    private WalkHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional workload path and number of measured rounds
     */
    public static void main(String[] args) {
        Path path = args.length > 0 ? Path.of(args[0]) : Workload.defaultPath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Workload w = Workload.load(path);
        TradeChecker checker = new TradeChecker();
        ArrayOrderBook[] book = LatencyHarness.books(w, checker);
        for (int i = 0; i < w.size; i++) {
            w.apply(book[w.symbol[i]], i);
        }
        checker.verify(w);
        long orders = 0;
        for (ArrayOrderBook b : book) {
            orders += b.orderCount();
        }
        System.out.printf(Locale.ROOT, "workload %s: %d live orders in %d book(s) after %d commands, java %s%n", path,
                orders, book.length, w.size, System.getProperty("java.version"));

        Sum sum = new Sum();
        long[] hashNanos = new long[rounds];
        long[] visitNanos = new long[rounds];
        long check = 0;
        for (int r = -3; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (ArrayOrderBook b : book) {
                check += b.stateHash();
            }
            long t1 = System.nanoTime();
            for (ArrayOrderBook b : book) {
                b.forEachOrder(sum);
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                hashNanos[r] = t1 - t0;
                visitNanos[r] = t2 - t1;
            }
        }
        double h = median(hashNanos);
        double v = median(visitNanos);
        System.out.printf(Locale.ROOT, "stateHash:    median %.2f ms (%.1f ns/order)%n", h / 1e6, h / orders);
        System.out.printf(Locale.ROOT, "forEachOrder: median %.2f ms (%.1f ns/order)%n", v / 1e6, v / orders);
        System.out.printf(Locale.ROOT, "both:         %.2f ms over %d rounds (check %x)%n", (h + v) / 1e6, rounds,
                check ^ sum.value);
    }

    private static double median(long[] x) {
        long[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Folds every field of every order in, so that no walk can be optimised away. */
    private static final class Sum implements ArrayOrderBook.OrderVisitor {
        long value;

        @Override
        public void order(long orderId, long ownerId, boolean buy, long price, long open, long filled, boolean postOnly) {
            value = value * 31 + orderId + ownerId + price + open + filled + (buy ? 1 : 0) + (postOnly ? 2 : 0);
        }
    }
}
