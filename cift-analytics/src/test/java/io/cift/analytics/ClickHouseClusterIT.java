package io.cift.analytics;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-shard deployment of {@link ClickHouseClusterServers} on loopback: the
 * cluster {@code cift} is defined on its shards, and a Distributed table over a local table on each
 * spreads rows by user across both and reads them back whole.
 */
class ClickHouseClusterIT {

    private static void run(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDistributedTableSpreadsRowsOverBothShardsAndReadsThemWhole() throws Exception {
        String[] shards = java.util.Arrays.stream(ClickHouseClusterServers.shards()).map(u -> u + "default")
                .toArray(String[]::new);
        assertThat(count(shards[0], "SELECT count() FROM system.clusters WHERE cluster = 'cift'")).isEqualTo(2);
        String local = "cift_cl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            for (String shard : shards) {
                run(shard, "CREATE TABLE " + local + " (user_id String, v UInt64) ENGINE = MergeTree() ORDER BY user_id");
            }
            run(shards[0], "CREATE TABLE " + local + "_all AS " + local
                    + " ENGINE = Distributed(cift, default, " + local + ", cityHash64(user_id))");
            try (PooledDataSource ds = AnalyticsBackends.pooled(shards[0] + "?insert_distributed_sync=1", null, 1,
                    Duration.ofSeconds(5)); Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + local + "_all (user_id, v) VALUES (?, ?)")) {
                for (int i = 0; i < 1_000; i++) {
                    ps.setString(1, "user" + (i % 97));
                    ps.setLong(2, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            long one = count(shards[0], "SELECT count() FROM " + local);
            long two = count(shards[1], "SELECT count() FROM " + local);
            assertThat(one).as("shard 1 holds some users").isPositive();
            assertThat(two).as("shard 2 holds the others").isPositive();
            assertThat(one + two).isEqualTo(1_000);
            assertThat(count(shards[0], "SELECT count() FROM " + local + "_all")).isEqualTo(1_000);
            assertThat(count(shards[0], "SELECT sum(v) FROM " + local + "_all")).isEqualTo(999L * 1_000 / 2);
            assertThat(count(shards[0], "SELECT uniqExact(user_id) FROM " + local + "_all")).isEqualTo(97);
        } finally {
            run(shards[0], "DROP TABLE IF EXISTS " + local + "_all");
            for (String shard : shards) {
                run(shard, "DROP TABLE IF EXISTS " + local);
            }
        }
    }
}
