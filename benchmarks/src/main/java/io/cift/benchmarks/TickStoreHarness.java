package io.cift.benchmarks;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QuestDbConfig;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Tick store benchmark: the QuestDB writer's ingest rate from one thread (single writes with the ILP
 * client's auto-flush, and 50,000-tick batches), then the time of one day of 1-minute bars over the
 * 10 million ticks of that day, for QuestDB and the embedded store side by side. QuestDB runs as a
 * separate server ({@code scripts/services.sh start questdb}; {@code CIFT_QUESTDB_URL}, default
 * {@value QuestDbConfig#DEFAULT_URL}); the tables {@code bench_ticks*} are dropped before and after.
 * Usage: {@code java -Xmx6g -cp benchmarks.jar io.cift.benchmarks.TickStoreHarness [ticks] [queries]}.
 */
public final class TickStoreHarness {

    private static final long DAY = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long DAY_MICROS = 86_400_000_000L;

    private TickStoreHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional tick count (default 10,000,000) and query repetitions (default 21)
     * @throws SQLException when the tables cannot be dropped
     */
    public static void main(String[] args) throws SQLException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        String url = System.getenv().getOrDefault("CIFT_QUESTDB_URL", QuestDbConfig.DEFAULT_URL);
        QuestDbConfig base = QuestDbConfig.fromUrl(url).build();
        System.out.printf(Locale.ROOT, "%,d ticks of one symbol over one day, questdb at %s, java %s, %d cores%n", n, url,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        drop(base, "bench_ticks", "bench_ticks_batch", "bench_ticks_warm", "bench_ticks_raw");

        long t0 = System.nanoTime();
        double sink = 0;
        Gen g = new Gen(n);
        for (int i = 0; i < n; i++) {
            sink += g.next().last();
        }
        report("generating the ticks alone (no store)", n, System.nanoTime() - t0);

        // warm-up: the writer path and the server's ILP path get JIT-compiled
        try (TickStore warm = TickStore.questDb(QuestDbConfig.fromUrl(url).table("bench_ticks_warm").build())) {
            Gen w = new Gen(1_000_000);
            for (int i = 0; i < 1_000_000; i++) {
                warm.write(w.next());
            }
            warm.flush();
        }

        try (TickStore q = TickStore.questDb(QuestDbConfig.fromUrl(url).table("bench_ticks").build());
             TickStore e = TickStore.embedded()) {
            Gen gq = new Gen(n);
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                q.write(gq.next());
            }
            q.flush();
            long written = System.nanoTime() - s;
            report("questdb write(Tick), auto-flush every " + base.autoFlushRows() + " rows, until the last flush is acknowledged",
                    n, written);
            q.bars("ES", BarInterval.DAY, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
            report("  ... until every row is applied and readable", n, System.nanoTime() - s);

            try (TickStore qb = TickStore.questDb(QuestDbConfig.fromUrl(url).table("bench_ticks_batch").build())) {
                Gen gb = new Gen(n);
                List<Tick> batch = new ArrayList<>(50_000);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    batch.add(gb.next());
                    if (batch.size() == 50_000) {
                        qb.write(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    qb.write(batch);
                }
                report("questdb write(List) in batches of 50,000 (one ILP request each)", n, System.nanoTime() - s);
            }

            // the same rows through the bare ILP client, no CIFT code: what the wrapper costs
            TickStore.questDb(QuestDbConfig.fromUrl(url).table("bench_ticks_raw").build()).close();   // creates the table
            try (io.questdb.client.Sender raw = io.questdb.client.Sender.builder(io.questdb.client.Sender.Transport.HTTP)
                         .address(base.host()).port(base.httpPort()).autoFlushRows(base.autoFlushRows()).build()) {
                Gen gr = new Gen(n);
                s = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Tick t = gr.next();
                    raw.table("bench_ticks_raw").symbol("symbol", t.symbol()).doubleColumn("bid", t.bid())
                            .doubleColumn("ask", t.ask()).doubleColumn("bid_size", t.bidSize())
                            .doubleColumn("ask_size", t.askSize()).doubleColumn("last", t.last())
                            .doubleColumn("last_size", t.lastSize()).at(t.timestampMicros(), java.time.temporal.ChronoUnit.MICROS);
                }
                raw.flush();
                report("bare ILP client (questdb-client Sender, same rows and auto-flush)", n, System.nanoTime() - s);
            }

            Gen ge = new Gen(n);
            s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                e.write(ge.next());
            }
            report("embedded write(Tick)", n, System.nanoTime() - s);

            Instant from = Instant.ofEpochSecond(DAY / 1_000_000L);
            Instant to = from.plusSeconds(86_400);
            List<Bar> qBars = q.bars("ES", BarInterval.MINUTE, from, to);
            List<Bar> eBars = e.bars("ES", BarInterval.MINUTE, from, to);
            System.out.printf(Locale.ROOT, "%nbars: questdb %d, embedded %d, same OHLC and volume: %s%n", qBars.size(), eBars.size(),
                    sameBars(qBars, eBars));
            long[] qt = new long[queries];
            long[] et = new long[queries];
            for (int i = 0; i < queries; i++) {     // interleaved, so both see the same machine
                s = System.nanoTime();
                q.bars("ES", BarInterval.MINUTE, from, to);
                qt[i] = System.nanoTime() - s;
                s = System.nanoTime();
                e.bars("ES", BarInterval.MINUTE, from, to);
                et[i] = System.nanoTime() - s;
            }
            Arrays.sort(qt);
            Arrays.sort(et);
            System.out.printf(Locale.ROOT, "one day of 1-minute bars over %,d ticks, %d runs each:%n", n, queries);
            System.out.printf(Locale.ROOT, "  questdb   median %8.2f ms  min %8.2f ms  max %8.2f ms%n", qt[queries / 2] / 1e6,
                    qt[0] / 1e6, qt[queries - 1] / 1e6);
            System.out.printf(Locale.ROOT, "  embedded  median %8.2f ms  min %8.2f ms  max %8.2f ms%n", et[queries / 2] / 1e6,
                    et[0] / 1e6, et[queries - 1] / 1e6);
            System.out.printf(Locale.ROOT, "  embedded / questdb median: %.2f%n", (double) et[queries / 2] / qt[queries / 2]);
        } finally {
            drop(base, "bench_ticks", "bench_ticks_batch", "bench_ticks_warm", "bench_ticks_raw");
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static boolean sameBars(List<Bar> a, List<Bar> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Bar x = a.get(i);
            Bar y = b.get(i);
            if (x.startMicros() != y.startMicros() || x.open() != y.open() || x.high() != y.high() || x.low() != y.low()
                    || x.close() != y.close() || x.volume() != y.volume() || x.ticks() != y.ticks()
                    || Math.abs(x.vwap() - y.vwap()) > 1e-9 * Math.abs(y.vwap())) {
                return false;
            }
        }
        return true;
    }

    private static void report(String what, long n, long nanos) {
        System.out.printf(Locale.ROOT, "%-100s %8.0f ms  %,12.0f ticks/s%n", what, nanos / 1e6, n * 1e9 / nanos);
    }

    private static void drop(QuestDbConfig c, String... tables) throws SQLException {
        try (Connection conn = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
             Statement st = conn.createStatement()) {
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS " + t);   // constant names, no input
            }
        }
    }

    /** Ticks of "ES" evenly spread over the day, a random walk in quarter points, sizes 1 to 10. */
    private static final class Gen {
        private final SplittableRandom r = new SplittableRandom(6);
        private final long step;
        private long i;
        private double px = 5_000;

        Gen(long n) {
            this.step = DAY_MICROS / n;
        }

        Tick next() {
            px += (r.nextInt(3) - 1) * 0.25;
            double size = 1 + r.nextInt(10);
            return new Tick("ES", DAY + i++ * step, px - 0.25, px + 0.25, size, size + 1, px, size);
        }
    }
}
