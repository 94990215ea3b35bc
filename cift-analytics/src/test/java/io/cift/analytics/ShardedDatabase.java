package io.cift.analytics;

import io.cift.core.testing.ServiceScript;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A ClickHouse database of a test's own on every shard of the two-shard cluster {@code cift} that
 * {@code scripts/services.sh start clickhouse-cluster} runs (created and dropped {@code ON CLUSTER}), with
 * the URL of each shard into it.
 */
public final class ShardedDatabase implements AutoCloseable {
    /** The cluster's name in the shards' {@code remote_servers}. */
    public static final String CLUSTER = "cift";
    private static final String[] SHARDS = {"jdbc:clickhouse://127.0.0.1:18131/", "jdbc:clickhouse://127.0.0.1:18132/"};

    /** The database. */
    public final String database;

    private ShardedDatabase(String database) throws Exception {
        this.database = database;
        run(SHARDS[0] + "default", "CREATE DATABASE " + database + " ON CLUSTER " + CLUSTER);
    }

    /**
     * Creates one, after checking that both shards answer (a failure in CI, a skip elsewhere).
     *
     * @param prefix the start of its name
     * @return it
     * @throws Exception when a shard refuses
     */
    public static ShardedDatabase create(String prefix) throws Exception {
        ServiceScript.requireReachable("ClickHouse shard 1", "127.0.0.1", 18131, "clickhouse-cluster");
        ServiceScript.requireReachable("ClickHouse shard 2", "127.0.0.1", 18132, "clickhouse-cluster");
        return new ShardedDatabase(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /**
     * The URL of one shard, into the database.
     *
     * @param shard 0 or 1
     * @return the JDBC URL
     */
    public String url(int shard) {
        return SHARDS[shard] + database;
    }

    /**
     * A number a query gives on one shard (its own tables only when it names a local table).
     *
     * @param shard 0 or 1
     * @param sql a query of one number
     * @return the number
     * @throws Exception when the shard refuses
     */
    public long number(int shard, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url(shard), null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void run(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            run(SHARDS[0] + "default", "DROP DATABASE IF EXISTS " + database + " ON CLUSTER " + CLUSTER);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
