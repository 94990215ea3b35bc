package io.cift.analytics;

import java.net.URI;


/**
 * Where the integration tests find their servers: environment variables with the loopback defaults
 * {@code scripts/services.sh} uses. A server that does not answer fails the test under {@code CI=true}
 * and skips it otherwise.
 */
public final class TestServers {

    private TestServers() {
    }

    /** @return the PostgreSQL JDBC URL */
    public static String postgresUrl() {
        String url = env("CIFT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        require("PostgreSQL", url, "postgres");
        return url;
    }

    /** @return the JDBC URL of ClickHouse 18.16, the real server (its database {@code default}) */
    public static String clickhouseUrl() {
        return clickhouseUrl(ClickHouseEngine.LEGACY);
    }

    /**
     * The JDBC URL of one of the two ClickHouse engines the tests run on.
     *
     * @param engine which
     * @return its URL (database {@code default})
     */
    public static String clickhouseUrl(ClickHouseEngine engine) {
        String url = env(engine.urlVariable, engine.defaultUrl);
        require(engine.description, url, engine.service);
        return url;
    }

    /** The ClickHouse engines of the tests, each with the service name {@code scripts/services.sh} knows. */
    public enum ClickHouseEngine {
        /** ClickHouse 18.16 from Debian, through the legacy driver. */
        LEGACY("CIFT_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:18123/default", "clickhouse", "ClickHouse 18.16"),
        /** The current engine (chDB behind the test HTTP server), through the current driver. */
        CURRENT("CIFT_CLICKHOUSE_CURRENT_URL", "jdbc:clickhouse://127.0.0.1:18125/default", "clickhouse-current",
                "the current ClickHouse engine");

        final String urlVariable;
        final String defaultUrl;
        /** The name {@code scripts/services.sh} starts, stops and kills it by. */
        public final String service;
        final String description;

        ClickHouseEngine(String urlVariable, String defaultUrl, String service, String description) {
            this.urlVariable = urlVariable;
            this.defaultUrl = defaultUrl;
            this.service = service;
            this.description = description;
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static void require(String what, String jdbcUrl, String service) {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        io.cift.core.testing.ServiceScript.requireReachable(what, u.getHost(), u.getPort(), service);
    }
}
