package io.cift.analytics;


import io.cift.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL + ClickHouse behind the router: sync, routing by shape and lag, and a real ClickHouse outage. */
class RoutedAnalyticsIT {

    /** @return the ClickHouse engine this class runs on (18.16 here; a subclass runs the current one) */
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.LEGACY;
    }

    private String pgUrl;
    private String chUrl;
    private ScratchDatabases scratch;
    private final List<RoutedAnalytics> open = new ArrayList<>();

    @BeforeEach
    void databases() throws Exception {
        scratch = ScratchDatabases.create("cift_rt_", engine());
        pgUrl = scratch.postgresUrl;
        chUrl = scratch.clickhouseUrl;
    }

    @AfterEach
    void drop() {
        open.forEach(RoutedAnalytics::close);
        scratch.drop();
    }

    private RoutedAnalytics routed(RoutingConfig.Builder b) {
        RoutedAnalytics r = RoutedAnalytics.create(b.postgresUrl(pgUrl).clickhouseUrl(chUrl).build());
        open.add(r);
        r.migrate();
        return r;
    }

    static List<Trade> trades(String user, int from, int n) {
        List<Trade> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(new Trade(i, user, Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i), "S" + (i % 3),
                    i % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.valueOf(1 + i % 7), new BigDecimal("100.25").add(BigDecimal.valueOf(i % 5)),
                    new BigDecimal("0.1")));
        }
        return out;
    }

    static List<PortfolioSnapshot> snapshots(String user, int days) {
        List<PortfolioSnapshot> out = new ArrayList<>();
        double v = 1_000;
        for (int d = 0; d < days; d++) {
            for (int k = 0; k < 3; k++) {
                v *= 1 + Math.sin(d * 7 + k) * 0.01;
                out.add(new PortfolioSnapshot(user, Instant.parse("2026-01-05T09:00:00Z").plusSeconds(86_400L * d + 3_600L * k),
                        BigDecimal.valueOf(Math.round(v * 100), 2)));
            }
        }
        return out;
    }

    @Test
    void aBackgroundSyncStartedBeforeMigrationWaitsForTheSchemaWithoutWarning() throws Exception {
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                io.cift.analytics.internal.RoutingAnalyticsService.class)) {
            RoutedAnalytics r = RoutedAnalytics.create(RoutingConfig.builder().postgresUrl(pgUrl).clickhouseUrl(chUrl)
                    .syncInterval(Duration.ofMillis(50)).build());
            open.add(r);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (r.syncFailures() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);                       // several runs before the schema exists
            }
            assertThat(r.syncFailures()).isGreaterThanOrEqualTo(3);
            r.migrate();
            r.ingestTrades(trades("u1", 1, 10));
            deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (r.syncLagRows() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(r.syncLagRows()).as("the sync caught up once migrated").isZero();
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN)).as("not a stall").isEmpty();
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "waits for the schema")).hasSize(1);
        }
    }

    @Test
    void syncMakesClickHouseAgreeWithPostgresAndIsIdempotent() throws Exception {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ZERO));
        assertThat(r.migrate()).as("both schemas exist: running again applies nothing").isZero();
        r.ingestSnapshots(snapshots("u1", 40));
        r.ingestTrades(trades("u1", 1, 300));
        r.ingestTrades(trades("u2", 1000, 200));
        r.ingestMarks(List.of(new Mark("S0", new BigDecimal("101")), new Mark("S1", new BigDecimal("102")),
                new Mark("S2", new BigDecimal("103"))));
        assertThat(r.syncLagRows()).isPositive();
        SyncStatus s = r.syncNow();
        assertThat(s.caughtUp()).isTrue();
        assertThat(s.rowsCopied()).isEqualTo(120 + 300 + 200 + 3);

        try (PooledDataSource chDs = AnalyticsBackends.pooled(chUrl, null, 2, Duration.ofSeconds(5));
             PooledDataSource pgDs = AnalyticsBackends.pooled(pgUrl, null, 2, Duration.ofSeconds(5))) {
            AnalyticsService ch = AnalyticsBackends.clickhouse(chDs, chUrl);
            AnalyticsService pg = AnalyticsBackends.postgres(pgDs, pgUrl);
            assertSame(pg, ch);
            // a crash after ClickHouse took a batch but before the watermark moved: the rows are copied again
            try (Connection c = pgDs.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE cift_sync_state SET last_seq = 0");
            }
            assertThat(r.syncNow().rowsCopied()).isEqualTo(623);
            assertSame(pg, ch);
        }
    }

    private static void assertSame(AnalyticsService pg, AnalyticsService ch) {
        assertThat(ch.performance(PerformanceQuery.of("u1")).metrics()).isEqualTo(pg.performance(PerformanceQuery.of("u1")).metrics());
        assertThat(ch.performance(PerformanceQuery.of("u1")).values()).isEqualTo(pg.performance(PerformanceQuery.of("u1")).values());
        PnlReport a = pg.pnl("u1", PnlMethod.FIFO, Map.of());
        PnlReport b = ch.pnl("u1", PnlMethod.FIFO, Map.of());
        assertThat(b.totals().totalPnl()).isEqualByComparingTo(a.totals().totalPnl());
        assertThat(b.totals().realizedPnl()).isEqualByComparingTo(a.totals().realizedPnl());
        assertThat(b.totals().tradeCount()).isEqualTo(a.totals().tradeCount()).isEqualTo(300);
        TradeSummaryReport x = pg.tradeSummary(null, Map.of());
        TradeSummaryReport y = ch.tradeSummary(null, Map.of());
        assertThat(y.bySymbol().keySet()).isEqualTo(x.bySymbol().keySet());
        x.bySymbol().forEach((sym, p) -> {
            SymbolSummary q = y.bySymbol().get(sym);
            assertThat(q.tradeCount()).isEqualTo(p.tradeCount());
            assertThat(q.totalPnl()).isEqualByComparingTo(p.totalPnl());
            assertThat(q.grossTradedNotional()).isEqualByComparingTo(p.grossTradedNotional());
        });
    }

    @Test
    void theMetersCountCallsPerBackendAndShowTheLag() {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ZERO));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry reg = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new io.cift.analytics.metrics.RoutedAnalyticsMetrics(r).bindTo(reg);
        r.ingestTrades(trades("u1", 1, 20));
        r.syncNow();
        r.trades("u1", Long.MIN_VALUE, 10);                 // narrow: PostgreSQL
        r.tradeSummary(null, Map.of());                     // wide: ClickHouse
        r.tradeSummary(null, Map.of());
        assertThat(reg.get(io.cift.analytics.metrics.RoutedAnalyticsMetrics.CALLS).tag("backend", "postgresql")
                .functionCounter().count()).isEqualTo(1);
        assertThat(reg.get(io.cift.analytics.metrics.RoutedAnalyticsMetrics.CALLS).tag("backend", "clickhouse")
                .functionCounter().count()).isEqualTo(2);
        assertThat(reg.get(io.cift.analytics.metrics.RoutedAnalyticsMetrics.AVAILABLE).tag("backend", "clickhouse")
                .gauge().value()).isEqualTo(1);
        assertThat(reg.get(io.cift.analytics.metrics.RoutedAnalyticsMetrics.SYNC_LAG).gauge().value()).isZero();
        r.ingestTrades(trades("u1", 100, 5));
        r.refreshSyncStatus();
        assertThat(reg.get(io.cift.analytics.metrics.RoutedAnalyticsMetrics.SYNC_LAG).gauge().value()).isEqualTo(5);
    }

    @Test
    void defaultPolicyRoutesByShapeAndKeepsClickHouseOutWhileBehind() {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ZERO));
        r.ingestTrades(trades("u1", 1, 50));
        r.syncNow();
        assertThat(r.trades("u1", Long.MIN_VALUE, 10).backend()).isEqualTo("postgresql");
        assertThat(r.tradeSummary(null, Map.of()).backend()).isEqualTo("clickhouse");
        r.ingestTrades(trades("u1", 100, 5));
        TradeSummaryReport behind = r.tradeSummary(null, Map.of());
        assertThat(behind.backend()).as("ClickHouse is behind").isEqualTo("postgresql");
        assertThat(behind.bySymbol().values().stream().mapToLong(SymbolSummary::tradeCount).sum()).isEqualTo(55);
        r.syncNow();
        TradeSummaryReport caughtUp = r.tradeSummary(null, Map.of());
        assertThat(caughtUp.backend()).isEqualTo("clickhouse");
        assertThat(caughtUp.bySymbol().values().stream().mapToLong(SymbolSummary::tradeCount).sum()).isEqualTo(55);

        RoutedAnalytics prefer = routed(RoutingConfig.builder().syncInterval(Duration.ZERO)
                .selector(BackendSelector.prefer(Backend.CLICKHOUSE)));
        prefer.syncNow();
        assertThat(prefer.trades("u1", Long.MIN_VALUE, 10).backend()).isEqualTo("clickhouse");
        RoutedAnalytics fixed = routed(RoutingConfig.builder().syncInterval(Duration.ZERO)
                .selector(BackendSelector.fixed(Backend.POSTGRESQL)));
        assertThat(fixed.tradeSummary(null, Map.of()).backend()).isEqualTo("postgresql");
    }

    @Test
    void clickHouseOutageFallsBackToPostgresAndTrafficReturnsAfterTheSyncCatchesUp() throws Exception {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ofMillis(100))
                .openDuration(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(1))
                .selector(BackendSelector.prefer(Backend.CLICKHOUSE)));
        r.ingestTrades(trades("u1", 1, 100));
        r.syncNow();
        assertThat(r.trades("u1", Long.MIN_VALUE, 5).backend()).isEqualTo("clickhouse");
        try {
            TestServers.stopClickHouse(engine());
            List<String> served = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                TradePage p = r.trades("u1", Long.MIN_VALUE, 5);          // every call succeeds
                assertThat(p.trades()).hasSize(5);
                served.add(p.backend());
                TradeSummaryReport s = r.tradeSummary(null, Map.of());
                served.add(s.backend());
            }
            assertThat(served).containsOnly("postgresql");
            assertThat(r.isAvailable(Backend.CLICKHOUSE)).as("the circuit is open").isFalse();
            r.ingestTrades(trades("u1", 500, 10));                        // written while ClickHouse is away
        } finally {
            TestServers.startClickHouse(engine());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TradeSummaryReport back;
        do {
            Thread.sleep(100);
            back = r.tradeSummary(null, Map.of());
        } while (!back.backend().equals("clickhouse") && System.nanoTime() < deadline);
        assertThat(back.backend()).as("traffic returns without a restart").isEqualTo("clickhouse");
        assertThat(back.bySymbol().values().stream().mapToLong(SymbolSummary::tradeCount).sum())
                .as("served only once the sync caught up").isEqualTo(110);
        assertThat(r.trades("u1", Long.MIN_VALUE, 5).backend()).isEqualTo("clickhouse");
    }

    @Test
    void theLagNeverMissesWritesThatRaceASync() throws Exception {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ZERO));
        try (PooledDataSource pgDs = AnalyticsBackends.pooled(pgUrl, null, 1, Duration.ofSeconds(5))) {
            int id = 1;
            for (int round = 0; round < 25; round++) {
                int from = id;
                id += 8;
                java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    for (int k = 0; k < 8; k++) {
                        r.ingestTrades(trades("u1", from + k, 1));
                    }
                });
                r.syncNow();
                writer.get();
                long behind;
                try (Connection c = pgDs.getConnection(); Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM cift_trades WHERE seq >"
                             + " coalesce((SELECT last_seq FROM cift_sync_state WHERE table_name = 'cift_trades'), 0)")) {
                    rs.next();
                    behind = rs.getLong(1);
                }
                assertThat(r.syncLagRows()).as("round %d: the lag covers every row ClickHouse misses", round)
                        .isGreaterThanOrEqualTo(behind);
            }
        }
    }

    @Test
    void permanentErrorsDoNotFailOver() {
        RoutedAnalytics r = routed(RoutingConfig.builder().syncInterval(Duration.ZERO));
        assertThatThrownBy(() -> r.trades("u1", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.isAvailable(Backend.POSTGRESQL)).isTrue();
    }
}
