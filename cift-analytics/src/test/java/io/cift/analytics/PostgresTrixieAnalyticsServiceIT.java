package io.cift.analytics;

/**
 * The PostgreSQL contract (and its own tests) on PostgreSQL 17 from Debian 13 (trixie), in a container; the
 * default release, PostgreSQL 15 from Debian 12, runs as {@link PostgresAnalyticsServiceIT}.
 */
class PostgresTrixieAnalyticsServiceIT extends PostgresAnalyticsServiceIT {

    @Override
    protected String baseUrl() {
        return TestServers.postgresUrl(io.cift.core.testing.ServerImage.POSTGRES_17);
    }
}
