package io.cift.analytics;


import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A ClickHouse database of a test's own on every shard of the two-shard cluster {@code cift} that
 * {@link ClickHouseClusterServers} gives (created and dropped {@code ON CLUSTER}), with the URL of each shard
 * into it.
 */
public final class ShardedDatabase implements AutoCloseable {
    /** The cluster's name in the shards' {@code remote_servers}. */
    public static final String CLUSTER = "cift";

    /** The database. */
    public final String database;
    private final String[] shards;

    private ShardedDatabase(String database) throws Exception {
        this.database = database;
        this.shards = ClickHouseClusterServers.shards();
        run(shards[0] + "default", "CREATE DATABASE " + database + " ON CLUSTER " + CLUSTER);
    }

    /**
     * Creates one, after checking that both shards answer (a failure in CI, a skip elsewhere).
     *
     * @param prefix the start of its name
     * @return it
     * @throws Exception when a shard refuses
     */
    public static ShardedDatabase create(String prefix) throws Exception {
        return new ShardedDatabase(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /**
     * The URL of one shard, into the database.
     *
     * @param shard 0 or 1
     * @return the JDBC URL
     */
    public String url(int shard) {
        return shards[shard] + database;
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
            run(shards[0] + "default", "DROP DATABASE IF EXISTS " + database + " ON CLUSTER " + CLUSTER);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
