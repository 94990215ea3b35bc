package io.cift.benchmarks;

import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.AnalyticsService;
import io.cift.analytics.Backend;
import io.cift.analytics.BackendSelector;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.RoutedAnalytics;
import io.cift.analytics.RoutingConfig;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The database backends at scale, through the SDK: loads N snapshots and N trades over 1,000 users into
 * PostgreSQL (COPY), syncs them to ClickHouse, then measures p50/p99 of the 30-day performance report of
 * one user, the P&amp;L breakdown of one user and the trade summary across all users, on PostgreSQL alone,
 * ClickHouse alone and the default policy, measured side by side in one run.
 * Usage: {@code java -cp benchmarks.jar io.cift.benchmarks.BackendsHarness [rowsPerTable]} with the servers of
 * {@code scripts/services.sh} (or CIFT_POSTGRES_URL / CIFT_CLICKHOUSE_URL). Data goes to the PostgreSQL
 * schema and ClickHouse database {@code cift_bench}; a rerun with the same size reuses them. A second argument
 * {@code ingest} measures only ingestion (one caller, then two caller threads at once) and the sync;
 * {@code clickhouse-ingest} only the direct ClickHouse
 * ingestion, into a copy of tables an earlier run synced.
 */
public final class BackendsHarness {

    private static final int USERS = 1_000;
    private static final int BATCH = 100_000;
    private static final LocalDate DAY0 = LocalDate.of(2023, 1, 2);

    private BackendsHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional rows per table (default 10,000,000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        String pgBase = env("CIFT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String chBase = env("CIFT_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:18123/default");
        try (Connection c = DriverManager.getConnection(pgBase); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS cift_bench");
        }
        clickhouse(chBase, "CREATE DATABASE IF NOT EXISTS cift_bench");
        if (args.length > 1 && args[1].equals("clickhouse-ingest")) {
            chIngestRate(chBase);            // only the direct ClickHouse ingestion, after a run that synced the tables
            return;
        }
        String pgUrl = pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=cift_bench";
        String chUrl = chBase.replace("/default", "/cift_bench");
        RoutingConfig.Builder base = RoutingConfig.builder().postgresUrl(pgUrl).clickhouseUrl(chUrl)
                .syncInterval(Duration.ZERO).poolSize(4);
        System.out.printf(Locale.ROOT, "%d snapshots and %d trades over %d users; java %s%n", rows, rows, USERS,
                System.getProperty("java.version"));
        try (RoutedAnalytics loader = RoutedAnalytics.create(base.build())) {
            loader.migrate();
            long have = count(pgUrl, "cift_snapshots");
            if (have != rows) {
                if (have != 0) {
                    throw new IllegalStateException("cift_bench holds " + have + " snapshots, not " + rows
                            + ": drop schema and database cift_bench first");
                }
                load(loader, rows);
            } else {
                System.out.println("data already loaded: reusing it");
            }
            // steady-state ingestion into the full tables: 500,000 trades of 50 new users, then their sync
            long t1 = System.nanoTime();
            SplittableRandom extra = new SplittableRandom(System.nanoTime());
            int extraUsers = 50;
            String prefix = "extra" + Long.toHexString(System.nanoTime()) + "-";
            for (int u = 0; u < extraUsers; u++) {
                loader.ingestTrades(userTrades(extra, prefix + u));
            }
            double ingestSecs = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "ingest 500000 more trades into the full table (batches of 10,000): %.1f s (%.0f rows/s)%n",
                    ingestSecs, 500_000 / ingestSecs);
            // the same from two caller threads at once (each batch still its own transaction on its own connection)
            String prefix2 = "extra2" + Long.toHexString(System.nanoTime()) + "-";
            long t2 = System.nanoTime();
            Thread[] callers = new Thread[2];
            Throwable[] failed = new Throwable[1];
            for (int th = 0; th < callers.length; th++) {
                int first = th * extraUsers / 2;
                SplittableRandom rnd = new SplittableRandom(th);
                callers[th] = new Thread(() -> {
                    for (int u = first; u < first + extraUsers / 2; u++) {
                        loader.ingestTrades(userTrades(rnd, prefix2 + u));
                    }
                });
                callers[th].setUncaughtExceptionHandler((t, e) -> failed[0] = e);
                callers[th].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            if (failed[0] != null) {
                throw new IllegalStateException("a caller thread failed", failed[0]);
            }
            double twoSecs = (System.nanoTime() - t2) / 1e9;
            System.out.printf(Locale.ROOT, "ingest 500000 more trades from two threads (batches of 10,000): %.1f s (%.0f rows/s)%n",
                    twoSecs, 500_000 / twoSecs);
            List<io.cift.analytics.Mark> marks = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                marks.add(new io.cift.analytics.Mark("SYM" + k, BigDecimal.valueOf(10_000 + k, 2)));
            }
            loader.ingestMarks(marks);
            long t0 = System.nanoTime();
            SyncStatus s = loader.syncNow();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "sync: %d rows copied in %.1f s (%.0f rows/s), lag now %d%n", s.rowsCopied(), secs,
                    s.rowsCopied() / secs, s.rowsBehind());
        }
        chIngestRate(chBase);
        if (args.length > 1 && args[1].equals("ingest")) {
            return;                       // ingestion and sync only
        }
        // one unmeasured pass over all three first, so no configuration profits from the JIT warming up on another
        for (boolean measured : new boolean[]{false, true}) {
            run(base, "postgresql only", BackendSelector.fixed(Backend.POSTGRESQL), measured);
            run(base, "clickhouse only", BackendSelector.fixed(Backend.CLICKHOUSE), measured);
            run(base, "default policy", BackendSelector.byQueryShape(), measured);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static long count(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String user(int u) {
        return String.format(Locale.ROOT, "user%04d", u);
    }

    private static void load(AnalyticsService s, long rows) {
        long perUser = rows / USERS;
        SplittableRandom rnd = new SplittableRandom(1);
        List<PortfolioSnapshot> snaps = new ArrayList<>(BATCH);
        long t0 = System.nanoTime();
        long n = 0;
        for (int u = 0; u < USERS; u++) {
            double v = 1_000_000;
            for (long k = 0; k < perUser; k++) {
                v *= 1 + (rnd.nextDouble() - 0.499) * 0.01;
                Instant ts = DAY0.plusDays(k / 10).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        .plusSeconds(3_600L * (k % 10) + rnd.nextInt(3_600));
                snaps.add(new PortfolioSnapshot(user(u), ts, BigDecimal.valueOf(Math.round(v * 100), 2)));
                if (snaps.size() == BATCH) {
                    s.ingestSnapshots(snaps);
                    n += snaps.size();
                    snaps.clear();
                }
            }
        }
        if (!snaps.isEmpty()) {
            s.ingestSnapshots(snaps);
            n += snaps.size();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "ingest snapshots into postgresql (COPY): %d rows in %.1f s (%.0f rows/s)%n", n, secs, n / secs);
        List<Trade> trades = new ArrayList<>(BATCH);
        t0 = System.nanoTime();
        n = 0;
        for (int u = 0; u < USERS; u++) {
            for (long k = 1; k <= perUser; k++) {
                trades.add(trade(rnd, user(u), k));
                if (trades.size() == BATCH) {
                    s.ingestTrades(trades);
                    n += trades.size();
                    trades.clear();
                }
            }
        }
        if (!trades.isEmpty()) {
            s.ingestTrades(trades);
            n += trades.size();
        }
        secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "ingest trades into postgresql (COPY): %d rows in %.1f s (%.0f rows/s)%n",
                n, secs, n / secs);
    }

    /** One batch of a new user's trades: ids 1 to 10,000. */
    private static List<Trade> userTrades(SplittableRandom rnd, String user) {
        List<Trade> batch = new ArrayList<>(10_000);
        for (long k = 1; k <= 10_000; k++) {
            batch.add(trade(rnd, user, k));
        }
        return batch;
    }

    private static Trade trade(SplittableRandom rnd, String user, long id) {
        return new Trade(id, user, DAY0.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(id * 60),
                "SYM" + rnd.nextInt(20), rnd.nextBoolean() ? Side.BUY : Side.SELL, BigDecimal.valueOf(1 + rnd.nextInt(500)),
                BigDecimal.valueOf(5_000 + rnd.nextInt(10_000), 2), BigDecimal.valueOf(rnd.nextInt(500), 2));
    }

    /**
     * Direct ingestion into ClickHouse through the SDK (binary rows, batches of 100,000), into a scratch copy of the
     * synced snapshot table, so that it already holds the 10 M stored rows, once the server's background merges
     * of that copy have settled. The rows are made beforehand: the figure is the SDK's and the server's.
     */
    private static void chIngestRate(String chBase) throws Exception {
        clickhouse(chBase, "DROP DATABASE IF EXISTS cift_bench_ingest");
        clickhouse(chBase, "CREATE DATABASE cift_bench_ingest");
        String url = chBase.replace("/default", "/cift_bench_ingest");
        try (var ds = AnalyticsBackends.pooled(url, null, 2, Duration.ofSeconds(5))) {
            AnalyticsService ch = AnalyticsBackends.clickhouse(ds, url);
            AnalyticsBackends.migrate(ch);
            long stored;
            double settled;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO cift_snapshots SELECT * FROM cift_bench.cift_snapshots");
                long t0 = System.nanoTime();
                for (int i = 0; i < 600 && merging(st); i++) {
                    Thread.sleep(500);
                }
                settled = (System.nanoTime() - t0) / 1e9;
                try (ResultSet rs = st.executeQuery("SELECT count() FROM cift_snapshots")) {
                    rs.next();
                    stored = rs.getLong(1);
                }
            }
            SplittableRandom rnd = new SplittableRandom(2);
            int total = 1_000_000;
            String[] users = new String[USERS];
            for (int u = 0; u < USERS; u++) {
                users[u] = user(u);
            }
            List<List<PortfolioSnapshot>> batches = new ArrayList<>();
            for (int i = 0; i < total; i += BATCH) {
                List<PortfolioSnapshot> batch = new ArrayList<>(BATCH);
                for (int k = i; k < i + BATCH; k++) {
                    batch.add(new PortfolioSnapshot(users[k % USERS], Instant.ofEpochSecond(1_700_000_000L + k),
                            BigDecimal.valueOf(100_000 + rnd.nextInt(1_000_000), 2)));
                }
                batches.add(batch);
            }
            long t0 = System.nanoTime();
            for (List<PortfolioSnapshot> batch : batches) {
                ch.ingestSnapshots(batch);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count() FROM cift_snapshots")) {
                rs.next();
                if (rs.getLong(1) != stored + total) {   // a figure counts only when every row landed
                    throw new IllegalStateException("clickhouse holds " + rs.getLong(1) + " snapshots after the ingestion, not "
                            + (stored + total));
                }
            }
            System.out.printf(Locale.ROOT, "ingest snapshots into clickhouse directly (binary, %d rows stored, merges settled"
                    + " after %.0f s): %d rows in %.2f s (%.0f rows/s)%n", stored, settled, total, secs, total / secs);
        }
        clickhouse(chBase, "DROP DATABASE cift_bench_ingest");
    }

    private static boolean merging(Statement st) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count() FROM system.merges")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** One statement through a pool that picks the ClickHouse driver by the server's version, as the SDK does. */
    private static void clickhouse(String url, String sql) throws Exception {
        try (var ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void run(RoutingConfig.Builder base, String label, BackendSelector selector, boolean print) {
        try (RoutedAnalytics r = RoutedAnalytics.create(base.selector(selector).build())) {
            r.refreshSyncStatus();
            SplittableRandom rnd = new SplittableRandom(3);
            String[] served = new String[3];
            Histogram perf = measure(300, 30, i -> {
                LocalDate from = DAY0.plusDays(rnd.nextInt(900));
                served[0] = r.performance(PerformanceQuery.of(user(rnd.nextInt(USERS))).between(from, from.plusDays(29))).backend();
            });
            Histogram pnl = measure(40, 5, i -> served[1] = r.pnl(user(rnd.nextInt(USERS)), PnlMethod.FIFO,
                    Map.of()).backend());
            Histogram all = measure(7, 2, i -> served[2] = r.tradeSummary(null, Map.of()).backend());
            if (!print) {
                return;
            }
            System.out.printf(Locale.ROOT, "%-16s | 30-day report, one user: p50 %7.3f ms p99 %7.3f ms (%s)"
                            + " | P&L one user: p50 %7.1f ms p99 %7.1f ms (%s) | summary all users: p50 %8.1f ms p99 %8.1f ms (%s)%n",
                    label, ms(perf, 50), ms(perf, 99), served[0], ms(pnl, 50), ms(pnl, 99), served[1], ms(all, 50), ms(all, 99), served[2]);
        }
    }

    private static Histogram measure(int n, int warmup, Consumer<Integer> call) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < warmup + n; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            if (i >= warmup) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    private static double ms(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1e6;
    }
}
