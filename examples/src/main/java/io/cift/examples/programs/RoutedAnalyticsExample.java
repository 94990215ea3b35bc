package io.cift.examples.programs;

import io.cift.analytics.BackendUnavailableException;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.RoutedAnalytics;
import io.cift.analytics.RoutingConfig;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.Trade;
import io.cift.analytics.TradeSummaryReport;
import io.cift.core.model.Side;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routed analytics over PostgreSQL (the system of record) and ClickHouse (fed by the sync), printing
 * which backend served each query.
 *
 * <p>Shows: migrations, ingestion into PostgreSQL, the sync to ClickHouse, a narrow query (one user's
 * 30-day report, served by PostgreSQL) and a wide one (every user's trades by symbol, served by
 * ClickHouse while it is up and caught up). Stop ClickHouse ({@code scripts/services.sh stop clickhouse})
 * and run it again: the wide query fails over to PostgreSQL, with the same numbers and no error.
 *
 * <p>Needs PostgreSQL and ClickHouse ({@code scripts/services.sh start postgres clickhouse}); it finds them
 * through {@code CIFT_POSTGRES_URL} and {@code CIFT_CLICKHOUSE_URL} (loopback defaults) and writes the
 * user {@code example-user} there (running it again changes nothing: trades are keyed by id).
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.RoutedAnalyticsExample}
 */
public final class RoutedAnalyticsExample {

    private RoutedAnalyticsExample() {
    }

    /**
     * Runs the example against the servers the environment names.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run(System.out, env("CIFT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"),
                env("CIFT_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:18123/default"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @param postgresUrl the PostgreSQL JDBC URL
     * @param clickhouseUrl the ClickHouse JDBC URL (the driver is picked by the server's version)
     */
    public static void run(PrintStream out, String postgresUrl, String clickhouseUrl) {
        RoutingConfig config = RoutingConfig.builder().postgresUrl(postgresUrl).clickhouseUrl(clickhouseUrl)
                .maxSyncLagRows(0)                    // ClickHouse serves only when it holds every row
                // this example syncs when it says so, so that its output is the same every run; a service keeps
                // the background sync (every 500 ms by default)
                .syncInterval(java.time.Duration.ZERO)
                .build();
        try (RoutedAnalytics analytics = RoutedAnalytics.create(config)) {
            try {
                analytics.migrate();                  // PostgreSQL first, then ClickHouse
            } catch (BackendUnavailableException e) {
                out.println("ClickHouse is unavailable, PostgreSQL serves everything: " + e.getMessage());
            }
            String user = "example-user";
            LocalDate first = LocalDate.of(2026, 1, 5);
            List<PortfolioSnapshot> days = new ArrayList<>();
            List<Trade> trades = new ArrayList<>();
            BigDecimal value = new BigDecimal("1000000.00");
            for (int d = 0; d < 30; d++) {
                Instant close = first.plusDays(d).atTime(21, 0).toInstant(ZoneOffset.UTC);
                value = value.add(BigDecimal.valueOf((d % 7 - 3) * 1_250L, 2));
                days.add(new PortfolioSnapshot(user, close, value));
                trades.add(new Trade(d + 1, user, close.minusSeconds(3_600), d % 3 == 0 ? "MSFT" : "AAPL",
                        d % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.valueOf(10 + d), new BigDecimal("189.50"),
                        new BigDecimal("0.35")));
            }
            analytics.ingestSnapshots(days);
            analytics.ingestTrades(trades);
            try {
                SyncStatus sync = analytics.syncNow();
                out.println("sync: " + sync.rowsCopied() + " rows copied, " + sync.rowsBehind() + " behind");
            } catch (BackendUnavailableException e) {
                out.println("sync: ClickHouse is unavailable; it catches up once it is back");
            }

            PerformanceReport narrow = analytics.performance(PerformanceQuery.of(user)
                    .between(first, first.plusDays(29)));
            out.printf("30-day report of %s: %d days, cumulative return %.6f, served by %s%n", user,
                    narrow.values().size(), narrow.metrics().cumulativeReturn(), narrow.backend());

            TradeSummaryReport wide = analytics.tradeSummary(null, Map.of());
            wide.bySymbol().forEach((symbol, s) -> out.printf("all users, %s: %d trades, %s traded, served by %s%n",
                    symbol, s.tradeCount(), s.grossTradedNotional().stripTrailingZeros().toPlainString(), wide.backend()));
        }
    }
}
