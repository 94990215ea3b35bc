package io.cift.analytics;

import java.net.URI;


/**
 * Where the integration tests find their servers: containers of the version matrix when the tests use them
 * ({@link io.cift.core.testing.Containers#use()}), else environment variables with the loopback defaults
 * {@code scripts/services.sh} uses. A server that does not answer fails the test under {@code CI=true}
 * and skips it otherwise.
 */
public final class TestServers {

    private TestServers() {
    }

    /** @return the PostgreSQL JDBC URL: PostgreSQL 15 (bookworm) in a container, or the services.sh server */
    public static String postgresUrl() {
        return postgresUrl(io.cift.core.testing.ServerImage.POSTGRES_15);
    }

    /**
     * The JDBC URL of a PostgreSQL of the version matrix: in a container when the tests use containers,
     * else the services.sh server for the default release (a test of another release is then skipped).
     *
     * @param image the release's image
     * @return the URL
     */
    public static String postgresUrl(io.cift.core.testing.ServerImage image) {
        io.cift.core.testing.Containers.Server s = io.cift.core.testing.Containers.sharedOrHost(image,
                io.cift.core.testing.ServerImage.POSTGRES_15);
        if (s != null) {
            return s.jdbcUrl();
        }
        String url = env("CIFT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        require("PostgreSQL", url, "postgres");
        return url;
    }

    /** @return the JDBC URL of ClickHouse 18.16: in a container, or the services.sh server */
    public static String clickhouseUrl() {
        return clickhouseUrl(ClickHouseEngine.LEGACY);
    }

    /**
     * The JDBC URL of one of the two ClickHouse engines the tests run on: 18.16 in a container when the tests
     * use containers (else the services.sh server), the current engine always on its services.sh server (chDB
     * is no Debian package to build an image from).
     *
     * @param engine which
     * @return its URL (database {@code default})
     */
    public static String clickhouseUrl(ClickHouseEngine engine) {
        if (engine == ClickHouseEngine.LEGACY && io.cift.core.testing.Containers.use()) {
            return legacyContainer().jdbcUrl();
        }
        String url = env(engine.urlVariable, engine.defaultUrl);
        require(engine.description, url, engine.service);
        return url;
    }

    /**
     * Stops a ClickHouse engine as an outage would (its URL stays valid for {@link #startClickHouse}).
     *
     * @param engine which
     */
    public static void stopClickHouse(ClickHouseEngine engine) {
        control(engine, io.cift.core.testing.Containers.Server::stopServer, "stop");
    }

    /**
     * Kills a ClickHouse engine as a crash would (SIGKILL, no shutdown).
     *
     * @param engine which
     */
    public static void killClickHouse(ClickHouseEngine engine) {
        control(engine, io.cift.core.testing.Containers.Server::killServer, "kill");
    }

    /**
     * Starts a stopped or killed ClickHouse engine again and waits until it answers.
     *
     * @param engine which
     */
    public static void startClickHouse(ClickHouseEngine engine) {
        control(engine, io.cift.core.testing.Containers.Server::startServer, "start");
    }

    /** Does to the engine's container what the services.sh verb does to its server. */
    private static void control(ClickHouseEngine engine, java.util.function.Consumer<io.cift.core.testing.Containers.Server> action,
                                String verb) {
        if (inContainer(engine)) {
            action.accept(legacyContainer());
        } else {
            io.cift.core.testing.ServiceScript.run(java.util.Map.of(), verb, engine.service);
        }
    }

    private static boolean inContainer(ClickHouseEngine engine) {
        return engine == ClickHouseEngine.LEGACY && io.cift.core.testing.Containers.use();
    }

    private static io.cift.core.testing.Containers.Server legacyContainer() {
        return io.cift.core.testing.Containers.shared(io.cift.core.testing.ServerImage.CLICKHOUSE_18_16);
    }

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
