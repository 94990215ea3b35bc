package io.cift.benchmarks;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The engine fed one command at a time against the same engine fed in batches that look ahead, alternating in
 * one JVM on a workload parsed beforehand. Usage:
 * {@code java -cp benchmarks.jar io.cift.benchmarks.BatchHarness [workload.csv] [rounds] [batch size]}.
 *
 * <p>A batch is the next commands of the workload: {@link MatchingEngine#prefetch} for each of its cancels and
 * amends first, then every command applied as usual. Each pass opens a new engine (a book per symbol, as
 * {@code MatchingEngine.create} makes them, each preallocating {@code -Dcift.bench.capacity} orders, by default
 * 2^19 shared among the flow's symbols, at least 8,192 a book, so that no pass grows a pool) and replays the whole workload; every pass's trades are checked against
 * the generator's hash. Three warm-up rounds, then the medians of the measured rounds in commands per second.
 */
public final class BatchHarness {


    private BatchHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional workload path, number of measured rounds and batch size
     */
    public static void main(String[] args) {
        Path path = args.length > 0 ? Path.of(args[0]) : Workload.defaultPath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Workload w = Workload.load(path);
        System.out.printf(Locale.ROOT, "workload %s: %d commands over %d symbol(s), batches of %d, java %s%n", path, w.size,
                w.symbols.length, size, System.getProperty("java.version"));
        int capacity = Integer.getInteger("cift.bench.capacity", Math.max(8192, (1 << 19) / w.symbols.length));
        TradeChecker checker = new TradeChecker();
        double[] single = new double[rounds];
        double[] batched = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean batches = ((r & 1) == 0) == (k == 0);   // ABBA: each variant goes first every other round
                long t = batches ? batchedPass(w, checker, capacity, size) : singlePass(w, checker, capacity);
                if (r >= 0) {
                    (batches ? batched : single)[r] = w.size * 1e9 / t;
                }
            }
        }
        report("one command at a time", single);
        report("batches, looking ahead", batched);
        System.out.printf(Locale.ROOT, "batches / one at a time: %.2fx (medians)%n", median(batched) / median(single));
    }

    private static void report(String name, double[] rates) {
        double[] s = rates.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-23s median %.2f M commands/s (min %.2f, max %.2f)%n", name,
                s[s.length / 2] / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static MatchingEngine engine(TradeChecker checker, int capacity) {
        checker.reset();
        return MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(capacity).listener(checker).build());
    }

    private static long singlePass(Workload w, TradeChecker checker, int capacity) {
        MatchingEngine e = engine(checker, capacity);
        long t0 = System.nanoTime();
        for (int i = 0; i < w.size; i++) {
            w.apply(e, w.symbols[w.symbol[i]], i);
        }
        long t = System.nanoTime() - t0;
        checker.verify(w);
        return t;
    }

    private static long batchedPass(Workload w, TradeChecker checker, int capacity, int size) {
        MatchingEngine e = engine(checker, capacity);
        long t0 = System.nanoTime();
        for (int from = 0; from < w.size; from += size) {
            int to = Math.min(w.size, from + size);
            for (int i = from; i < to; i++) {
                if (w.action[i] != Workload.NEW) {
                    e.prefetch(w.symbols[w.symbol[i]], w.orderId[i]);
                }
            }
            for (int i = from; i < to; i++) {
                w.apply(e, w.symbols[w.symbol[i]], i);
            }
        }
        long t = System.nanoTime() - t0;
        checker.verify(w);
        return t;
    }
}
