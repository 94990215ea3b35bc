package io.cift.analytics.internal;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Picks the JDBC driver for a ClickHouse URL by the server's version: the current driver
 * ({@code com.clickhouse:jdbc-v2}, class {@value #CURRENT}) for ClickHouse 20.7 and later, the legacy one
 * ({@code ru.yandex.clickhouse:clickhouse-jdbc}, class {@value #LEGACY}) for older servers, which the
 * current driver refuses. The version comes from an HTTP {@code SELECT version()} before the first
 * connection; the legacy driver also gets {@code compress=false} unless the URL says otherwise (18.16
 * answers compressed requests with an empty body).
 */
public final class ClickHouseDrivers {
    /** The current driver's class. */
    public static final String CURRENT = "com.clickhouse.jdbc.Driver";
    /** The legacy driver's class. */
    public static final String LEGACY = "ru.yandex.clickhouse.ClickHouseDriver";
    private static final int LEGACY_BEFORE_MAJOR = 20;
    private static final int LEGACY_BEFORE_MINOR = 7;

    private ClickHouseDrivers() {
    }

    /** Whether a URL names ClickHouse. */
    public static boolean isClickHouse(String url) {
        return url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:");
    }

    /** Whether a server version (such as {@code 18.16.1}) needs the legacy driver. */
    static boolean needsLegacy(String version) {
        String[] p = version.trim().split("\\.");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return major < LEGACY_BEFORE_MAJOR || (major == LEGACY_BEFORE_MAJOR && minor < LEGACY_BEFORE_MINOR);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Host, port, TLS and credentials of a ClickHouse JDBC URL. */
    record Endpoint(URI http, String user, String password) {
    }

    static Endpoint endpoint(String url) {
        String rest = url.substring(url.startsWith("jdbc:ch:") ? "jdbc:ch:".length() : "jdbc:clickhouse:".length());
        String scheme = "http";
        if (rest.startsWith("https:")) {
            scheme = "https";
            rest = rest.substring("https:".length());
        } else if (rest.startsWith("http:")) {
            rest = rest.substring("http:".length());
        }
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("not a ClickHouse JDBC URL (jdbc:clickhouse://host:port/database): "
                    + io.cift.core.Redact.text(url));
        }
        URI u = URI.create("x:" + rest);
        Map<String, String> params = params(u.getRawQuery());
        if ("true".equalsIgnoreCase(params.get("ssl"))) {
            scheme = "https";
        }
        int port = u.getPort() > 0 ? u.getPort() : "https".equals(scheme) ? 8443 : 8123;
        String host = u.getHost() == null ? "127.0.0.1" : u.getHost();
        return new Endpoint(URI.create(scheme + "://" + host + ":" + port + "/"), params.get("user"), params.get("password"));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                int i = kv.indexOf('=');
                String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
                m.put(k, i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    /**
     * Asks a ClickHouse server its version over HTTP.
     *
     * @param url the JDBC URL
     * @param timeout connect and read timeout
     * @return the version, such as {@code 18.16.1}
     * @throws SQLException a transient one when the server does not answer, else when it refuses
     */
    public static String serverVersion(String url, Duration timeout) throws SQLException {
        Endpoint e = endpoint(url);
        URI q = e.http().resolve("/?query=" + URLEncoder.encode("SELECT version()", StandardCharsets.UTF_8));
        try {
            HttpURLConnection c = (HttpURLConnection) q.toURL().openConnection();
            int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            if (e.user() != null) {
                c.setRequestProperty("X-ClickHouse-User", e.user());
            }
            if (e.password() != null) {
                c.setRequestProperty("X-ClickHouse-Key", e.password());
            }
            int status = c.getResponseCode();
            InputStream in = status == 200 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (status != 200) {
                throw new SQLNonTransientConnectionException("ClickHouse at " + e.http() + " refused SELECT version()"
                        + " (HTTP " + status + "): " + body.lines().findFirst().orElse(""));
            }
            return body;
        } catch (IOException ex) {
            throw new SQLTransientConnectionException("ClickHouse at " + e.http() + " did not answer SELECT version(): " + ex, ex);
        }
    }

    /**
     * The URL the legacy driver gets: {@code compress=false} (18.16 answers compressed requests with an
     * empty body) and {@code insert_distributed_sync=1}, each unless the URL sets it.
     */
    static String legacyUrl(String url) {
        return withParam(withParam(url, "compress", "false"), "insert_distributed_sync", "1");
    }

    /**
     * The URL the current driver gets: the server setting {@code insert_distributed_sync=1} unless the URL
     * sets it. An insert into a {@code Distributed} table (a sharded deployment) then returns only once every
     * shard holds its rows, so a failure is the caller's to see and a read right after sees them; it changes
     * nothing for other tables.
     */
    static String currentUrl(String url) {
        return url.contains("insert_distributed_sync=") ? url
                : withParam(url, "clickhouse_setting_insert_distributed_sync", "1");
    }

    private static String withParam(String url, String key, String value) {
        if (url.contains("?" + key + "=") || url.contains("&" + key + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + key + "=" + value;
    }

    static Driver driver(String className, String version, URI where) throws SQLException {
        try {
            return (Driver) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            String artifact = LEGACY.equals(className)
                    ? "ru.yandex.clickhouse:clickhouse-jdbc:0.3.2 (classifier shaded), after com.clickhouse:jdbc-v2 on the class path"
                    : "com.clickhouse:jdbc-v2";
            throw new SQLNonTransientConnectionException("ClickHouse " + version + " at " + where + " needs the driver "
                    + className + ", which is not on the class path: add " + artifact, e);
        } catch (ReflectiveOperationException e) {
            throw new SQLNonTransientConnectionException("cannot create the driver " + className + ": " + e, e);
        }
    }

    /**
     * A data source that picks the driver at its first connection (so that a server down when the pool is
     * built is asked once it answers) and keeps it. Thread-safe.
     *
     * @param url the JDBC URL
     * @param timeout how long the version question may take
     * @return the data source
     */
    public static DataSource dataSource(String url, Duration timeout) {
        return new Choosing(Objects.requireNonNull(url, "url"), timeout);
    }

    private static final class Choosing implements DataSource {
        private final String url;
        private final Duration timeout;
        private volatile Driver driver;
        private volatile String driverUrl;
        private int loginTimeout;

        Choosing(String url, Duration timeout) {
            this.url = url;
            this.timeout = timeout;
            endpoint(url);   // fail fast on a malformed URL
        }

        private synchronized void choose() throws SQLException {
            if (driver != null) {
                return;
            }
            String version = serverVersion(url, timeout);
            boolean legacy = needsLegacy(version);
            Driver d = driver(legacy ? LEGACY : CURRENT, version, endpoint(url).http());
            driverUrl = legacy ? legacyUrl(url) : currentUrl(url);
            driver = d;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (driver == null) {
                choose();
            }
            Connection c = driver.connect(driverUrl, new Properties());
            if (c == null) {
                throw new SQLNonTransientConnectionException("driver " + driver.getClass().getName() + " does not accept "
                        + io.cift.core.Redact.text(url));
            }
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            if (driver == null) {
                choose();
            }
            Properties p = new Properties();
            if (username != null) {
                p.setProperty("user", username);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            return driver.connect(driverUrl, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("not a wrapper of " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }

        @Override
        public String toString() {
            return "ClickHouse data source " + io.cift.core.Redact.text(url);
        }
    }
}
