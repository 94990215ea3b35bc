package io.cift.benchmarks;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.internal.ArrayOrderBook;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Per-command latency of the order book with HdrHistogram, and whole-replay throughput, on the
 * benchmark workload (one thread, commands parsed beforehand). A flow over several symbols runs on a book
 * per symbol, each command sent to its symbol's book. Usage:
 * {@code java -cp benchmarks.jar io.cift.benchmarks.LatencyHarness [workload.csv] [passes]}.
 *
 * <p>Each pass replays all commands into a cleared book. Warm-up passes come first; then throughput
 * passes (no per-command timing, the median is reported) and latency passes (System.nanoTime around
 * every command, so each value includes the timer's own cost of some 20 ns). Every pass's trades are
 * checked against the generator's hash. Bytes allocated per command are read from the thread's
 * allocation counter over the throughput passes.
 */
public final class LatencyHarness {

    private LatencyHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional workload path and number of measured passes
     */
    public static void main(String[] args) {
        Path path = args.length > 0 ? Path.of(args[0]) : Workload.defaultPath();
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Workload w = Workload.load(path);
        TradeChecker checker = new TradeChecker();
        ArrayOrderBook[] book = books(w, checker);
        System.out.printf(Locale.ROOT, "workload %s: %d commands over %d symbol(s), java %s%n", path, w.size, book.length,
                System.getProperty("java.version"));

        for (int i = 0; i < 5; i++) {
            timedPass(w, book, checker, null);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] rates = new double[passes];
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < passes; i++) {
            long t = timedPass(w, book, checker, null);
            rates[i] = w.size * 1e9 / t;
        }
        long alloc = mx.getThreadAllocatedBytes(tid) - alloc0;
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "throughput: median %.2f M commands/s (min %.2f, max %.2f over %d passes)%n",
                rates[passes / 2] / 1e6, rates[0] / 1e6, rates[passes - 1] / 1e6, passes);
        System.out.printf(Locale.ROOT, "allocated: %.3f bytes/command over %d passes%n", (double) alloc / ((long) w.size * passes), passes);

        Histogram h = new Histogram(1_000_000_000L, 3);
        for (int i = 0; i < passes; i++) {
            timedPass(w, book, checker, h);
        }
        System.out.printf(Locale.ROOT, "latency ns/command over %d commands: p50 %d, p90 %d, p99 %d, p99.9 %d, p99.99 %d, max %d, mean %.1f%n",
                h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), h.getMean());
        System.out.printf(Locale.ROOT, "trades per pass %d (verified: %s)%n", checker.trades, w.expectedHash != null);
    }

    /** A book per symbol of the workload, as {@link #main} measures them. */
    static ArrayOrderBook[] books(Workload w, TradeChecker checker) {
        ArrayOrderBook[] book = new ArrayOrderBook[w.symbols.length];
        for (int s = 0; s < book.length; s++) {
            book[s] = new ArrayOrderBook(w.symbols[s],
                    MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build());
        }
        return book;
    }

    /**
     * The throughput pass of {@link #main} as a function, for {@link SideBySide}: each call replays the whole
     * workload into cleared books, checks its trades against the generator's, and returns the nanoseconds it
     * took. Its type is the JDK's, so that a caller in another class loader (another build) can call it.
     *
     * @param workload the workload file
     * @return one timed, verified pass per call
     */
    public static LongSupplier passes(Path workload) {
        Workload w = Workload.load(workload);
        TradeChecker checker = new TradeChecker();
        ArrayOrderBook[] book = books(w, checker);
        return () -> timedPass(w, book, checker, null);
    }

    private static long timedPass(Workload w, ArrayOrderBook[] book, TradeChecker checker, Histogram h) {
        for (ArrayOrderBook b : book) {
            b.clear();
        }
        checker.reset();
        int[] sym = w.symbol;
        long t0 = System.nanoTime();
        if (h == null) {
            for (int i = 0; i < w.size; i++) {
                w.apply(book[sym[i]], i);
            }
        } else {
            for (int i = 0; i < w.size; i++) {
                long s = System.nanoTime();
                w.apply(book[sym[i]], i);
                h.recordValue(System.nanoTime() - s);
            }
        }
        long t = System.nanoTime() - t0;
        checker.verify(w);
        return t;
    }
}
