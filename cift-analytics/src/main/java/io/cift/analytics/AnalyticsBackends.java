package io.cift.analytics;

import com.zaxxer.hikari.HikariConfig;
import io.cift.analytics.internal.ClickHouseAnalyticsService;
import io.cift.analytics.internal.ClickHouseDrivers;
import io.cift.analytics.internal.HikariPool;
import io.cift.analytics.internal.PostgresAnalyticsService;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Factories of the database-backed {@link AnalyticsService}s. They sit on plain JDBC: pass any pooled
 * {@link DataSource} (the driver is yours to pick), or let {@link #pooled} build a HikariCP pool.
 * Tested with PostgreSQL 15 and pgjdbc 42.7, with a current ClickHouse engine (26.5) through the current
 * driver {@code com.clickhouse:jdbc-v2} (the default), and with ClickHouse 18.16 through the legacy driver
 * {@code ru.yandex.clickhouse:clickhouse-jdbc:0.3.2} (classifier {@code shaded}, optional). {@link #pooled}
 * picks the ClickHouse driver by the server's version; the schema suits the version it is migrated on.
 * Stateless: call it from any thread; the services it makes are thread-safe.
 */
public final class AnalyticsBackends {

    /** Connections per pool unless configured. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** How long to wait for a connection unless configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private AnalyticsBackends() {
    }

    /**
     * The PostgreSQL service (the system of record) over a data source. Call {@code migrate()} on it, or
     * {@link #migrate(AnalyticsService)}, before first use.
     *
     * @param ds a pooled data source
     * @param url its JDBC URL, used in messages only
     * @return the service
     */
    public static AnalyticsService postgres(DataSource ds, String url) {
        return new PostgresAnalyticsService(ds, url);
    }

    /**
     * The ClickHouse service over a data source.
     *
     * @param ds a pooled data source
     * @param url its JDBC URL, used in messages only
     * @return the service
     */
    public static AnalyticsService clickhouse(DataSource ds, String url) {
        return new ClickHouseAnalyticsService(ds, url);
    }

    /**
     * The ClickHouse service over one shard of a cluster: {@code migrate()} creates each table on every
     * shard of the cluster ({@code ON CLUSTER}, which needs the servers' ZooKeeper) and a {@code Distributed}
     * table over them, sharded by user id (marks by symbol); ingestion, the sync and every query then work
     * unchanged through any shard. The database must exist on every shard.
     *
     * @param ds a pooled data source of one shard
     * @param url its JDBC URL, used in messages only
     * @param cluster a cluster of the servers' {@code remote_servers} (letters, digits and underscores), or
     *                null for one server
     * @return the service
     * @throws IllegalArgumentException when the cluster name is not a plain identifier
     */
    public static AnalyticsService clickhouse(DataSource ds, String url, String cluster) {
        return new ClickHouseAnalyticsService(ds, url, cluster);
    }

    /**
     * Creates or upgrades a service's schema (versioned, safe to run twice): the same as
     * {@link AnalyticsService#migrate()}.
     *
     * @param service a service
     * @return how many schema versions were applied (0 for a service without a schema)
     */
    public static int migrate(AnalyticsService service) {
        return service.migrate();
    }

    /** The read timeout a PostgreSQL URL without {@code socketTimeout} gets: a query may run this long. */
    public static final Duration DEFAULT_POSTGRES_SOCKET_TIMEOUT = Duration.ofMinutes(2);

    /**
     * A HikariCP pool (add {@code com.zaxxer:HikariCP} to use it: the BOM manages its version).
     *
     * @param url the JDBC URL
     * @param driverClass the driver class to instantiate directly; null lets DriverManager pick, except for
     *                    ClickHouse, where null picks the driver by the server's version (an HTTP
     *                    {@code SELECT version()} before the first connection): the current driver from
     *                    20.7 on, the legacy one (with {@code compress=false}) before
     * @param poolSize maximum connections, at least 1
     * @param connectTimeout how long a caller waits for a connection, at least 250 ms
     * @return the pool; close it when done. A PostgreSQL URL without {@code socketTimeout} gets
     *         {@link #DEFAULT_POSTGRES_SOCKET_TIMEOUT}, so that a call to a server that hangs fails (as
     *         unavailable) instead of waiting for ever; set {@code socketTimeout=N} (seconds, 0 for none) in
     *         the URL for another bound
     */
    public static PooledDataSource pooled(String url, String driverClass, int poolSize, Duration connectTimeout) {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, got " + connectTimeout);
        }
        HikariConfig c = new HikariConfig();
        if (driverClass == null && ClickHouseDrivers.isClickHouse(url)) {
            c.setDataSource(ClickHouseDrivers.dataSource(url, connectTimeout));
        } else {
            c.setJdbcUrl(url);
            if (driverClass != null) {
                c.setDriverClassName(driverClass);
            }
            if (url.startsWith("jdbc:postgresql:") && !url.contains("socketTimeout=")) {
                // without it a server that hangs (rather than dies) holds a call for ever
                c.addDataSourceProperty("socketTimeout", Long.toString(DEFAULT_POSTGRES_SOCKET_TIMEOUT.toSeconds()));
            }
        }
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(connectTimeout.toMillis());
        c.setValidationTimeout(Math.max(250, connectTimeout.toMillis() / 2));
        c.setInitializationFailTimeout(-1);   // start even when the server is down: calls fail, the pool recovers
        c.setPoolName("cift-" + (url.startsWith("jdbc:postgresql") ? "postgres" : "clickhouse"));
        return new HikariPool(new com.zaxxer.hikari.HikariDataSource(c));
    }
}
