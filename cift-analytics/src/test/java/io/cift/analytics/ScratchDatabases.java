package io.cift.analytics;


import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A PostgreSQL schema and a ClickHouse database of a test's own, named with a prefix and a random id on
 * the servers {@link TestServers} finds, with URLs that point into them; {@link #drop()} removes both.
 */
public final class ScratchDatabases {

    /** The PostgreSQL schema. */
    public final String schema;
    /** The ClickHouse database. */
    public final String database;
    /** A PostgreSQL URL whose current schema is {@link #schema}. */
    public final String postgresUrl;
    /** A ClickHouse URL of {@link #database}. */
    public final String clickhouseUrl;

    private final String chBase;

    private ScratchDatabases(String name, TestServers.ClickHouseEngine engine) throws Exception {
        String pgBase = TestServers.postgresUrl();
        chBase = TestServers.clickhouseUrl(engine);
        schema = name;
        database = name;
        run(pgBase, "CREATE SCHEMA " + schema);
        run(chBase, "CREATE DATABASE " + database);
        postgresUrl = pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        clickhouseUrl = chBase.replace("/default", "/" + database);
    }

    /**
     * Creates both, the ClickHouse database on 18.16.
     *
     * @param prefix the start of their names
     * @return them
     * @throws Exception when a server refuses
     */
    public static ScratchDatabases create(String prefix) throws Exception {
        return create(prefix, TestServers.ClickHouseEngine.LEGACY);
    }

    /**
     * Creates both.
     *
     * @param prefix the start of their names
     * @param engine the ClickHouse engine to make the database on
     * @return them
     * @throws Exception when a server refuses
     */
    public static ScratchDatabases create(String prefix, TestServers.ClickHouseEngine engine) throws Exception {
        return new ScratchDatabases(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12), engine);
    }

    /** Runs one statement through a pool that picks its driver as the SDK does. */
    private static void run(String url, String sql) throws Exception {
        try (PooledDataSource a = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = a.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Drops both, best effort. */
    public void drop() {
        try {
            run(TestServers.postgresUrl(), "DROP SCHEMA " + schema + " CASCADE");
        } catch (Exception ignored) {
            // best effort
        }
        try {
            run(chBase, "DROP DATABASE IF EXISTS " + database);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
