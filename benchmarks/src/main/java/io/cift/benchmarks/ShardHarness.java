package io.cift.benchmarks;

import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.AnalyticsService;
import io.cift.analytics.PooledDataSource;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ClickHouse on two shards beside one server, through the SDK: loads the same trades (users × trades
 * each, 20 symbols) into a single 18.16 server and into the two-shard cluster {@code cift} (Distributed
 * tables, sharded by user), then alternates the two and measures p50/p99 of the trade summary of one user
 * and of all users. On one machine the shards share its cores and disk, so the figures show the
 * overhead of the distributed plan, not the speed-up of separate hosts.
 * Usage: {@code ShardHarness [users] [tradesPerUser]} with {@code scripts/services.sh start clickhouse
 * clickhouse-cluster} running. The data goes to databases {@code cift_shard_bench}; a rerun with the same
 * size measures the data already there.
 */
public final class ShardHarness {

    private static final String DB = "cift_shard_bench";

    private ShardHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional users (default 500) and trades per user (default 2,000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int perUser = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String single = "jdbc:clickhouse://127.0.0.1:18123/";
        String shard = "jdbc:clickhouse://127.0.0.1:18131/";
        long rows = (long) users * perUser;
        boolean reuse = count(single + "default", "SELECT count() FROM system.tables WHERE database = '" + DB
                + "' AND name = 'cift_trades'") == 1
                && count(single + DB, "SELECT count() FROM cift_trades") == rows
                && count(shard + DB, "SELECT count() FROM cift_trades") == rows;
        if (!reuse) {
            run(single + "default", "DROP DATABASE IF EXISTS " + DB);
            run(single + "default", "CREATE DATABASE " + DB);
            run(shard + "default", "DROP DATABASE IF EXISTS " + DB + " ON CLUSTER cift");
            run(shard + "default", "CREATE DATABASE " + DB + " ON CLUSTER cift");
        }
        try (PooledDataSource one = AnalyticsBackends.pooled(single + DB, null, 4, Duration.ofSeconds(5));
             PooledDataSource two = AnalyticsBackends.pooled(shard + DB, null, 4, Duration.ofSeconds(5))) {
            AnalyticsService[] services = {AnalyticsBackends.clickhouse(one, single + DB),
                    AnalyticsBackends.clickhouse(two, shard + DB, "cift")};
            String[] names = {"one server", "two shards"};
            for (int k = 0; k < 2 && !reuse; k++) {
                services[k].migrate();
                long t0 = System.nanoTime();
                load(services[k], users, perUser);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%-11s loaded %,d trades in %.1f s: %,.0f rows/s%n", names[k],
                        (long) users * perUser, secs, users * (double) perUser / secs);
            }
            Histogram[][] h = new Histogram[2][2];
            for (int k = 0; k < 2; k++) {
                for (int q = 0; q < 2; q++) {
                    h[k][q] = new Histogram(3_600_000_000L, 3);
                }
            }
            SplittableRandom rnd = new SplittableRandom(7);
            for (int round = -1; round < 5; round++) {   // one unmeasured round first
                for (int k = 0; k < 2; k++) {
                    for (int i = 0; i < 20; i++) {
                        String user = "user" + rnd.nextInt(users);
                        long t = System.nanoTime();
                        services[k].tradeSummary(user, Map.of());
                        record(h[k][0], t, round);
                    }
                    for (int i = 0; i < 3; i++) {
                        long t = System.nanoTime();
                        services[k].tradeSummary(null, Map.of());
                        record(h[k][1], t, round);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-11s %28s %28s%n", "", "one user: p50 / p99 ms", "all users: p50 / p99 ms");
            for (int k = 0; k < 2; k++) {
                System.out.printf(Locale.ROOT, "%-11s %18.2f / %7.2f %18.1f / %7.1f%n", names[k],
                        h[k][0].getValueAtPercentile(50) / 1e6, h[k][0].getValueAtPercentile(99) / 1e6,
                        h[k][1].getValueAtPercentile(50) / 1e6, h[k][1].getValueAtPercentile(99) / 1e6);
            }
        }
    }

    private static void record(Histogram h, long t0, int round) {
        long ns = System.nanoTime() - t0;
        if (round >= 0) {
            h.recordValue(ns);
        }
    }

    private static void load(AnalyticsService s, int users, int perUser) {
        Instant day0 = Instant.parse("2024-01-02T14:30:00Z");
        List<Trade> batch = new ArrayList<>(50_000);
        long id = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < perUser; i++) {
                id++;
                batch.add(new Trade(id, "user" + u, day0.plusSeconds(60L * i), "SYM" + (id % 20),
                        i % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.valueOf(1 + id % 9),
                        BigDecimal.valueOf(10_000 + id % 500, 2), BigDecimal.ZERO));
                if (batch.size() == 50_000) {
                    s.ingestTrades(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            s.ingestTrades(batch);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static void run(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
