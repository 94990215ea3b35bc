package io.cift.benchmarks;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * How often the machine itself stops a running thread: one thread reads {@link System#nanoTime()} in a tight
 * loop for a while and records every gap between two reads (HdrHistogram). Whatever stalls it (interrupts,
 * the hypervisor, the scheduler) stalls a matching thread just as much, so the counts of long gaps bound the
 * tail latencies any benchmark can show on this machine. Usage:
 * {@code java -cp benchmarks.jar io.cift.benchmarks.JitterHarness [seconds]}.
 */
public final class JitterHarness {

    private static final long[] THRESHOLDS_NS = {1_000, 10_000, 20_000, 50_000, 100_000};

    private JitterHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional number of seconds to measure (default 10)
     */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Histogram gaps = new Histogram(10_000_000_000L, 3);
        long[] over = new long[THRESHOLDS_NS.length];
        spin(1_000_000_000L, null, null);                       // a second of warm-up, not counted
        long reads = spin(seconds * 1_000_000_000L, gaps, over);
        System.out.printf(Locale.ROOT, "%d s, %d reads: gap p50 %d ns, p99.99 %d ns, max %.1f us%n", seconds, reads,
                gaps.getValueAtPercentile(50), gaps.getValueAtPercentile(99.99), gaps.getMaxValue() / 1e3);
        for (int i = 0; i < THRESHOLDS_NS.length; i++) {
            System.out.printf(Locale.ROOT, "stalls over %3d us: %7d (%.1f per second)%n", THRESHOLDS_NS[i] / 1_000,
                    over[i], over[i] / (double) seconds);
        }
    }

    private static long spin(long nanos, Histogram gaps, long[] over) {
        long end = System.nanoTime() + nanos;
        long prev = System.nanoTime();
        long reads = 0;
        while (prev < end) {
            long now = System.nanoTime();
            long gap = now - prev;
            prev = now;
            reads++;
            if (gaps != null) {
                gaps.recordValue(gap);
                for (int i = 0; i < THRESHOLDS_NS.length && gap > THRESHOLDS_NS[i]; i++) {
                    over[i]++;
                }
            }
        }
        return reads;
    }
}
