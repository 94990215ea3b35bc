package io.cift.analytics;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Immutable configuration of a {@link RoutedAnalytics} service, built with {@link #builder()} or read from
 * properties ({@link #fromProperties}). Every setting has a default.
 */
public final class RoutingConfig {

    /** Rows ClickHouse may lag behind PostgreSQL and still serve. */
    public static final long DEFAULT_MAX_SYNC_LAG_ROWS = 0;
    /** How often the background sync runs. */
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(500);
    /** How long an open circuit stays open before one probe call is let through. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(2);

    private final String postgresUrl;
    private final String clickhouseUrl;
    private final String clickhouseDriver;
    private final String clickhouseCluster;
    private final int poolSize;
    private final Duration connectTimeout;
    private final long maxSyncLagRows;
    private final Duration syncInterval;
    private final Duration openDuration;
    private final boolean embeddedFallback;
    private final BackendSelector selector;

    private RoutingConfig(Builder b) {
        this.postgresUrl = b.postgresUrl;
        this.clickhouseUrl = b.clickhouseUrl;
        this.clickhouseDriver = b.clickhouseDriver;
        this.clickhouseCluster = b.clickhouseCluster;
        this.poolSize = b.poolSize;
        this.connectTimeout = b.connectTimeout;
        this.maxSyncLagRows = b.maxSyncLagRows;
        this.syncInterval = b.syncInterval;
        this.openDuration = b.openDuration;
        this.embeddedFallback = b.embeddedFallback;
        this.selector = b.selector;
    }

    /** @return a builder with every setting at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code cift.postgres.url}, {@code cift.clickhouse.url}, {@code cift.clickhouse.driver},
     * {@code cift.clickhouse.cluster},
     * {@code cift.pool.size}, {@code cift.connect.timeout.ms}, {@code cift.sync.max.lag.rows},
     * {@code cift.sync.interval.ms}, {@code cift.circuit.open.ms}, {@code cift.fallback.embedded}; missing
     * keys keep their defaults.
     *
     * @param p the properties
     * @return a builder holding them
     */
    public static Builder fromProperties(Properties p) {
        return fromSettings(io.cift.core.config.CiftSettings.of(p, java.util.Map.of()));
    }

    /**
     * A builder holding the routing keys of some settings (explicit, then file, then environment):
     * {@code cift.postgres.url}, {@code cift.clickhouse.url}, {@code cift.clickhouse.driver},
     * {@code cift.clickhouse.cluster},
     * {@code cift.pool.size}, {@code cift.connect.timeout.ms}, {@code cift.sync.max.lag.rows},
     * {@code cift.sync.interval.ms}, {@code cift.circuit.open.ms}, {@code cift.fallback.embedded}; what they
     * leave out keeps its default.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        Builder b = builder();
        settings.get("cift.postgres.url").ifPresent(b::postgresUrl);
        settings.get("cift.clickhouse.url").ifPresent(b::clickhouseUrl);
        settings.get("cift.clickhouse.driver").ifPresent(b::clickhouseDriver);
        settings.get("cift.clickhouse.cluster").ifPresent(b::clickhouseCluster);
        settings.getInt("cift.pool.size").ifPresent(b::poolSize);
        settings.getMillis("cift.connect.timeout.ms").ifPresent(b::connectTimeout);
        settings.getLong("cift.sync.max.lag.rows").ifPresent(b::maxSyncLagRows);
        settings.getMillis("cift.sync.interval.ms").ifPresent(b::syncInterval);
        settings.getMillis("cift.circuit.open.ms").ifPresent(b::openDuration);
        settings.getBoolean("cift.fallback.embedded").ifPresent(b::embeddedFallback);
        return b;
    }

    /** @return the PostgreSQL JDBC URL */
    public String postgresUrl() {
        return postgresUrl;
    }

    /** @return the ClickHouse JDBC URL, or null to run without ClickHouse */
    public String clickhouseUrl() {
        return clickhouseUrl;
    }

    /**
     * @return the ClickHouse driver class to instantiate, or null (the default) to pick it by the server's
     *         version: the current driver from ClickHouse 20.7 on, the legacy one before
     */
    public String clickhouseDriver() {
        return clickhouseDriver;
    }

    /**
     * @return the ClickHouse cluster (in the servers' {@code remote_servers}) whose shards hold the tables, or
     *         null (the default) for one server
     */
    public String clickhouseCluster() {
        return clickhouseCluster;
    }

    /** @return connections per pool */
    public int poolSize() {
        return poolSize;
    }

    /** @return how long a call waits for a connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return rows ClickHouse may lag and still serve */
    public long maxSyncLagRows() {
        return maxSyncLagRows;
    }

    /** @return how often the background sync runs (zero: no background sync) */
    public Duration syncInterval() {
        return syncInterval;
    }

    /** @return how long an open circuit waits before a probe */
    public Duration openDuration() {
        return openDuration;
    }

    /** @return whether the embedded service mirrors every batch and serves when both databases fail */
    public boolean embeddedFallback() {
        return embeddedFallback;
    }

    /** @return the routing strategy */
    public BackendSelector selector() {
        return selector;
    }

    /** Builds a {@link RoutingConfig}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        private String clickhouseUrl = "jdbc:clickhouse://127.0.0.1:18123/default";
        private String clickhouseDriver;
        private String clickhouseCluster;
        private int poolSize = AnalyticsBackends.DEFAULT_POOL_SIZE;
        private Duration connectTimeout = AnalyticsBackends.DEFAULT_CONNECT_TIMEOUT;
        private long maxSyncLagRows = DEFAULT_MAX_SYNC_LAG_ROWS;
        private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
        private Duration openDuration = DEFAULT_OPEN_DURATION;
        private boolean embeddedFallback;
        private BackendSelector selector = BackendSelector.byQueryShape();

        private Builder() {
        }

        /** @param url the PostgreSQL JDBC URL @return this builder */
        public Builder postgresUrl(String url) {
            if (url == null || !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("postgresUrl must be a JDBC URL, got '" + io.cift.core.Redact.text(url) + "'");
            }
            this.postgresUrl = url;
            return this;
        }

        /** @param url the ClickHouse JDBC URL, or null for none @return this builder */
        public Builder clickhouseUrl(String url) {
            if (url != null && !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("clickhouseUrl must be a JDBC URL, got '" + io.cift.core.Redact.text(url) + "'");
            }
            this.clickhouseUrl = url;
            return this;
        }

        /**
         * @param driver the ClickHouse driver class to use whatever the server's version, or null (the
         *               default) to pick it by the version
         * @return this builder
         */
        public Builder clickhouseDriver(String driver) {
            if (driver != null && driver.isBlank()) {
                throw new IllegalArgumentException("clickhouseDriver must be a class name or null, got '" + driver + "'");
            }
            this.clickhouseDriver = driver;
            return this;
        }

        /**
         * Shards the analytics tables over a ClickHouse cluster: migrations create each table on every shard
         * ({@code ON CLUSTER}, which needs the servers' ZooKeeper) and a {@code Distributed} table over them,
         * sharded by user id; the URL points at any one shard, and everything else works unchanged.
         *
         * @param cluster a cluster name of the servers' {@code remote_servers} (letters, digits, underscores),
         *                or null (the default) for one server
         * @return this builder
         */
        public Builder clickhouseCluster(String cluster) {
            this.clickhouseCluster = cluster == null ? null
                    : io.cift.analytics.internal.ClickHouseAnalyticsService.requireClusterName(cluster);
            return this;
        }

        /** @param size at least 1 @return this builder */
        public Builder poolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, got " + size);
            }
            this.poolSize = size;
            return this;
        }

        /** @param timeout at least 250 ms @return this builder */
        public Builder connectTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectTimeout must be at least 250 ms, got " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** @param rows not negative @return this builder */
        public Builder maxSyncLagRows(long rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("maxSyncLagRows must not be negative, got " + rows);
            }
            this.maxSyncLagRows = rows;
            return this;
        }

        /** @param interval zero for no background sync @return this builder */
        public Builder syncInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("syncInterval must not be negative, got " + interval);
            }
            this.syncInterval = interval;
            return this;
        }

        /** @param d at least 10 ms @return this builder */
        public Builder openDuration(Duration d) {
            if (d == null || d.toMillis() < 10) {
                throw new IllegalArgumentException("openDuration must be at least 10 ms, got " + d);
            }
            this.openDuration = d;
            return this;
        }

        /** @param allow whether the embedded service may serve as the last resort @return this builder */
        public Builder embeddedFallback(boolean allow) {
            this.embeddedFallback = allow;
            return this;
        }

        /** @param s the routing strategy @return this builder */
        public Builder selector(BackendSelector s) {
            this.selector = Objects.requireNonNull(s, "selector");
            return this;
        }

        /** @return the configuration */
        public RoutingConfig build() {
            return new RoutingConfig(this);
        }
    }
}
