package io.cift.benchmarks;

import io.cift.analytics.DailyValue;
import io.cift.analytics.PerformanceAnalytics;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlCalculator;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The embedded analytics: the full performance report (metrics, benchmark-relative, drawdown episodes,
 * monthly returns) over 2,520 daily values, and the P&amp;L breakdown of 1,000,000 trades over 50 symbols.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnalyticsBenchmark {

    private List<DailyValue> values;
    private List<DailyValue> benchmark;

    /** 1,000,000 trades over 50 symbols and their marks, per P&amp;L method. */
    @State(Scope.Benchmark)
    public static class Trades {
        /** The P&amp;L method measured. */
        @Param({"FIFO", "AVERAGE_COST"})
        public PnlMethod method;
        List<Trade> trades;
        Map<String, BigDecimal> marks;

        /** Builds the trades (seeded, so every run measures the same work). */
        @Setup
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(7);
            trades = new ArrayList<>(1_000_000);
            marks = new HashMap<>();
            Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
            for (int i = 0; i < 1_000_000; i++) {
                String sym = "SYM" + rnd.nextInt(50);
                trades.add(new Trade(i + 1, "u1", t0.plusMillis(i), sym, rnd.nextBoolean() ? Side.BUY : Side.SELL,
                        BigDecimal.valueOf(1 + rnd.nextInt(100)), BigDecimal.valueOf(9_000 + rnd.nextInt(2_000), 2),
                        BigDecimal.valueOf(rnd.nextInt(100), 2)));
            }
            for (int s = 0; s < 50; s++) {
                marks.put("SYM" + s, BigDecimal.valueOf(10_000 + s, 2));
            }
        }
    }

    /** Builds the daily values (seeded, so every run measures the same work). */
    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        values = new ArrayList<>();
        benchmark = new ArrayList<>();
        double v = 1_000_000;
        double b = 4_000;
        LocalDate d = LocalDate.of(2016, 1, 4);
        for (int i = 0; i < 2_520; i++) {
            values.add(new DailyValue(d, v));
            benchmark.add(new DailyValue(d, b));
            double common = (rnd.nextDouble() - 0.49) * 0.02;
            v *= 1 + common + (rnd.nextDouble() - 0.5) * 0.01;
            b *= 1 + common;
            d = d.plusDays(d.getDayOfWeek().getValue() >= 5 ? 8 - d.getDayOfWeek().getValue() : 1);
        }
    }

    /**
     * The full performance report over 2,520 daily values with a benchmark.
     *
     * @return the report
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PerformanceReport performanceReport2520Days() {
        return PerformanceAnalytics.compute(values, benchmark, "embedded");
    }

    /** The same daily values and benchmark as CSV files, for the command line. */
    @State(Scope.Benchmark)
    public static class Files {
        java.nio.file.Path values;
        java.nio.file.Path benchmark;
        picocli.CommandLine cli;
        java.io.StringWriter out;

        /**
         * Writes the files.
         *
         * @param a the benchmark's state, whose values they hold
         * @throws java.io.IOException when they cannot be written
         */
        @Setup
        public void setUp(AnalyticsBenchmark a) throws java.io.IOException {
            values = write(a.values, "values");
            benchmark = write(a.benchmark, "benchmark");
            cli = io.cift.examples.cli.CiftCommand.newCommandLine();     // built once, as by one process
            out = new java.io.StringWriter();
            cli.setOut(new java.io.PrintWriter(out));
        }

        private static java.nio.file.Path write(List<DailyValue> v, String name) throws java.io.IOException {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("cift-" + name, ".csv");
            p.toFile().deleteOnExit();
            StringBuilder sb = new StringBuilder("date,total_value\n");
            for (DailyValue d : v) {
                sb.append(d.date()).append(',').append(d.value()).append('\n');
            }
            java.nio.file.Files.writeString(p, sb);
            return p;
        }
    }

    /**
     * quantstats' statistics, rolling series and tables over 2,520 daily values with a benchmark.
     *
     * @return the report
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public io.cift.analytics.QuantStatsReport quantstats2520Days() {
        return io.cift.analytics.QuantStats.compute(values, benchmark, 252, 0);
    }

    /**
     * From the daily values to the JSON text of quantstats' statistics, rolling series and tables, as the command
     * line writes them (the work the quantstats side of the comparison does from its values).
     *
     * @return the JSON's length
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int quantstatsToJson2520Days() {
        return io.cift.examples.cli.AnalyticsJson.quantStatsText(io.cift.analytics.QuantStats.compute(values, benchmark, 252, 0))
                .length();
    }

    /**
     * From the CSV files to the JSON on the output: {@code cift analytics performance --values V.csv --benchmark
     * B.csv --json} run in-process on a command line built once (parsing the arguments, reading both files, both
     * reports with the quantstats statistics, rolling series and tables, and writing the JSON).
     *
     * @param f the files
     * @return the JSON's length
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int valuesToJsonCommandLine(Files f) {
        f.out.getBuffer().setLength(0);
        int rc = f.cli.execute("analytics", "performance", "--values", f.values.toString(), "--benchmark", f.benchmark.toString(),
                "--json");
        if (rc != 0) {
            throw new IllegalStateException("cift analytics performance failed: " + rc);
        }
        return f.out.getBuffer().length();
    }

    /**
     * The P&amp;L breakdown of 1,000,000 trades.
     *
     * @param t the trades
     * @return the report
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PnlReport pnlBreakdown1mTrades(Trades t) {
        return PnlCalculator.compute(t.trades, t.marks, t.method, "embedded");
    }
}
