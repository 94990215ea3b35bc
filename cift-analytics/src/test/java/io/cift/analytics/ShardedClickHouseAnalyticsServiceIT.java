package io.cift.analytics;

import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on the two-shard deployment: a database of the test's own on both shards, the service
 * connected to shard 1 with {@code cluster = "cift"}, so that migrations create the local tables on both
 * shards and Distributed tables over them; every contract test then runs through them unchanged.
 */
class ShardedClickHouseAnalyticsServiceIT extends AnalyticsServiceContractTest {

    private ShardedDatabase db;

    @Override
    protected AnalyticsService newService() {
        try {
            db = ShardedDatabase.create("cift_sh_");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        PooledDataSource ds = AnalyticsBackends.pooled(db.url(0), null, 4, Duration.ofSeconds(5));
        AnalyticsService s = AnalyticsBackends.clickhouse(ds, db.url(0), ShardedDatabase.CLUSTER);
        assertThat(AnalyticsBackends.migrate(s)).isEqualTo(1);
        assertThat(AnalyticsBackends.migrate(s)).as("safe to run twice").isZero();
        return new ClosingService(s, () -> {
            ds.close();
            db.close();
        });
    }

    @Override
    protected String expectedBackend() {
        return "clickhouse";
    }

    @Test
    void migrationsMakeLocalTablesOnEveryShardAndBothShardsHoldData() throws Exception {
        for (int shard = 0; shard < 2; shard++) {
            for (String table : List.of("cift_trades", "cift_snapshots", "cift_marks")) {
                assertThat(db.number(shard, "SELECT count() FROM system.tables WHERE database = currentDatabase()"
                        + " AND name = '" + table + "_local' AND engine LIKE 'ReplacingMergeTree%'"))
                        .as("%s_local on shard %d", table, shard + 1).isEqualTo(1);
                assertThat(db.number(shard, "SELECT count() FROM system.tables WHERE database = currentDatabase()"
                        + " AND name = '" + table + "' AND engine = 'Distributed'"))
                        .as("%s on shard %d", table, shard + 1).isEqualTo(1);
            }
        }
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            trades.add(new Trade(i, "user" + (i % 40), Instant.parse("2026-03-02T10:00:00Z").plusSeconds(i), "S" + (i % 3),
                    i % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.ONE, new BigDecimal("10.5"), BigDecimal.ZERO));
        }
        service.ingestTrades(trades);
        long one = db.number(0, "SELECT count() FROM cift_trades_local");
        long two = db.number(1, "SELECT count() FROM cift_trades_local");
        assertThat(one).as("shard 1 holds some users' trades").isPositive();
        assertThat(two).as("shard 2 holds the others'").isPositive();
        assertThat(one + two).isEqualTo(400);
        assertThat(db.number(0, "SELECT uniqExact(user_id) FROM cift_trades_local")
                + db.number(1, "SELECT uniqExact(user_id) FROM cift_trades_local"))
                .as("each user's trades on one shard (the 40 users counted once over both)").isEqualTo(40);
        assertThat(service.tradeSummary(null, Map.of()).bySymbol()).containsOnlyKeys("S0", "S1", "S2");
        assertThat(service.trades("user7", 0, 100).trades()).hasSize(10);
    }

    @Test
    void anUnknownClusterIsRefusedNamingIt() {
        PooledDataSource ds = AnalyticsBackends.pooled(db.url(0), null, 1, Duration.ofSeconds(5));
        try {
            AnalyticsService s = AnalyticsBackends.clickhouse(ds, db.url(0), "nosuch");
            assertThatThrownBy(s::migrate).hasMessageContaining("cluster 'nosuch' is not defined");
        } finally {
            ds.close();
        }
        assertThatThrownBy(() -> AnalyticsBackends.clickhouse(ds, db.url(0), "x; DROP TABLE t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cift.clickhouse.cluster")
                .hasMessageContaining("x; DROP TABLE t");
    }
}
