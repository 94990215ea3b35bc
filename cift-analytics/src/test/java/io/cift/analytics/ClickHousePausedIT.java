package io.cift.analytics;

import io.cift.core.testing.Containers;
import io.cift.core.testing.ServerImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fail-over from a ClickHouse that hangs rather than dies (its container paused): every call is still
 * served, by PostgreSQL, each within the driver's socket timeout, the breaker opens so that later calls do not
 * wait at all, and once the server goes on traffic returns to it after the sync caught up.
 */
class ClickHousePausedIT {

    @Test
    void aHungClickHouseFailsOverToPostgresAndTrafficReturnsAfterwards() throws Exception {
        try (Containers.Server pg = Containers.start(ServerImage.POSTGRES_15);
             Containers.Server ch = Containers.start(ServerImage.CLICKHOUSE_18_16)) {
            String pgUrl = pg.jdbcUrl();
            String chUrl = ch.jdbcUrl() + "?socket_timeout=2000";
            try (RoutedAnalytics r = RoutedAnalytics.create(RoutingConfig.builder().postgresUrl(pgUrl).clickhouseUrl(chUrl)
                    .syncInterval(Duration.ofMillis(100)).openDuration(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(1))
                    .selector(BackendSelector.prefer(Backend.CLICKHOUSE)).build())) {
                r.migrate();
                r.ingestTrades(RoutedAnalyticsIT.trades("u1", 1, 100));
                r.syncNow();
                assertThat(r.trades("u1", Long.MIN_VALUE, 5).backend()).isEqualTo("clickhouse");
                ch.pause();
                List<String> served = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    TradePage p = r.trades("u1", Long.MIN_VALUE, 5);
                    assertThat(p.trades()).hasSize(5);
                    served.add(p.backend());
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(served).containsOnly("postgresql");
                assertThat(r.isAvailable(Backend.CLICKHOUSE)).as("the circuit is open").isFalse();
                assertThat(millis).as("ten calls, the first bounded by the 2 s socket timeout, the rest not waiting")
                        .isLessThan(10_000);
                r.ingestTrades(RoutedAnalyticsIT.trades("u1", 500, 10));   // written while ClickHouse hangs
                ch.unpause();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                TradeSummaryReport back;
                do {
                    Thread.sleep(200);
                    back = r.tradeSummary(null, Map.of());
                } while (!back.backend().equals("clickhouse") && System.nanoTime() < deadline);
                assertThat(back.backend()).as("traffic returns without a restart").isEqualTo("clickhouse");
                assertThat(back.bySymbol().values().stream().mapToLong(SymbolSummary::tradeCount).sum())
                        .as("served only once the sync caught up").isEqualTo(110);
            }
        }
    }
}
