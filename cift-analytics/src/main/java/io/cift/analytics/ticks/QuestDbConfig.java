package io.cift.analytics.ticks;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Immutable configuration of the QuestDB tick store, built with {@link #builder()} or read from a URL
 * ({@link #fromUrl}). Every setting has a default that matches a QuestDB server on loopback with its
 * standard ports.
 */
public final class QuestDbConfig {

    /** Default URL: QuestDB's HTTP port on loopback, its PostgreSQL wire port 8812. */
    public static final String DEFAULT_URL = "http://127.0.0.1:9000";
    /** Default HTTP (ILP and REST) port. */
    public static final int DEFAULT_HTTP_PORT = 9000;
    /** Default PostgreSQL wire protocol port. */
    public static final int DEFAULT_PG_PORT = 8812;
    /** Default table. */
    public static final String DEFAULT_TABLE = "ticks";
    /** Rows buffered by {@link TickStore#write(Tick)} before an automatic flush (the ILP client's default). */
    public static final int DEFAULT_AUTO_FLUSH_ROWS = 75_000;
    /** Age of the oldest buffered row that triggers an automatic flush on the next write. */
    public static final Duration DEFAULT_AUTO_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long the ILP client keeps retrying a failed flush before it reports the failure. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(10);
    /** How long a read waits for confirmed writes to become visible. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Largest ILP request, which bounds a batch: 100 MiB (the ILP client's default). */
    public static final int DEFAULT_MAX_BUFFER_BYTES = 100 * 1024 * 1024;
    /** Read connections kept open. */
    public static final int DEFAULT_READ_POOL_SIZE = 2;

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");

    private final String host;
    private final int httpPort;
    private final int pgPort;
    private final String user;
    private final String password;
    private final String httpUser;
    private final String httpPassword;
    private final String httpToken;
    private final String table;
    private final int autoFlushRows;
    private final Duration autoFlushInterval;
    private final Duration retryTimeout;
    private final Duration visibilityTimeout;
    private final Duration connectTimeout;
    private final int maxBufferBytes;
    private final int readPoolSize;

    private QuestDbConfig(Builder b) {
        this.host = b.host;
        this.httpPort = b.httpPort;
        this.pgPort = b.pgPort;
        this.user = b.user;
        this.password = b.password;
        this.httpUser = b.httpUser;
        this.httpPassword = b.httpPassword;
        this.httpToken = b.httpToken;
        this.table = b.table;
        this.autoFlushRows = b.autoFlushRows;
        this.autoFlushInterval = b.autoFlushInterval;
        this.retryTimeout = b.retryTimeout;
        this.visibilityTimeout = b.visibilityTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxBufferBytes = b.maxBufferBytes;
        this.readPoolSize = b.readPoolSize;
    }

    /**
     * A builder with every setting at its default.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the QuestDB keys of some settings: {@code cift.questdb.url} (read as
     * {@link #fromUrl} reads it), then {@code cift.questdb.table}, {@code cift.questdb.user},
     * {@code cift.questdb.password}, {@code cift.questdb.http-user}, {@code cift.questdb.http-password},
     * {@code cift.questdb.http-token}, {@code cift.questdb.auto-flush-rows},
     * {@code cift.questdb.auto-flush-interval.ms}, {@code cift.questdb.retry-timeout.ms} and
     * {@code cift.questdb.read-pool-size}, each over what the URL says; what they leave out keeps its default.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        Builder b = fromUrl(settings.get("cift.questdb.url").orElse(DEFAULT_URL));
        settings.get("cift.questdb.table").ifPresent(b::table);
        settings.get("cift.questdb.user").ifPresent(b::user);
        settings.get("cift.questdb.password").ifPresent(b::password);
        settings.get("cift.questdb.http-user").ifPresent(b::httpUser);
        settings.get("cift.questdb.http-password").ifPresent(b::httpPassword);
        settings.get("cift.questdb.http-token").ifPresent(b::httpToken);
        settings.getInt("cift.questdb.auto-flush-rows").ifPresent(b::autoFlushRows);
        settings.getMillis("cift.questdb.auto-flush-interval.ms").ifPresent(b::autoFlushInterval);
        settings.getMillis("cift.questdb.retry-timeout.ms").ifPresent(b::retryTimeout);
        settings.getInt("cift.questdb.read-pool-size").ifPresent(b::readPoolSize);
        return b;
    }

    /**
     * Reads a URL {@code http://HOST[:HTTP_PORT][/][?pg_port=P&table=T&user=U&password=W&http_user=HU&http_password=HW]}
     * (or {@code http_token=T} instead of the HTTP user and password); what it leaves out keeps its default.
     *
     * @param url the URL, for instance from {@code CIFT_QUESTDB_URL}
     * @return a builder holding it
     * @throws IllegalArgumentException naming the URL when it is malformed
     */
    public static Builder fromUrl(String url) {
        URI u;
        try {
            u = URI.create(Objects.requireNonNull(url, "url"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("questdb url: malformed '" + io.cift.core.Redact.text(url) + "': " + io.cift.core.Redact.text(e.getMessage()), e);
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("questdb url: expected http://host:port[?pg_port=8812&table=ticks], got '"
                    + io.cift.core.Redact.text(url) + "'");
        }
        Builder b = builder().host(u.getHost());
        if (u.getPort() >= 0) {
            b.httpPort(u.getPort());
        }
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                switch (k) {
                    case "pg_port" -> b.pgPort(parsePort(url, v));
                    case "table" -> b.table(v);
                    case "user" -> b.user(v);
                    case "password" -> b.password(v);
                    case "http_user" -> b.httpUser(v);
                    case "http_password" -> b.httpPassword(v);
                    case "http_token" -> b.httpToken(v);
                    default -> throw new IllegalArgumentException("questdb url: unknown parameter '" + k + "' in '"
                            + io.cift.core.Redact.text(url)
                            + "' (known: pg_port, table, user, password, http_user, http_password, http_token)");
                }
            }
        }
        b.checkHttpAuth();
        return b;
    }

    private static int parsePort(String url, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("questdb url: pg_port must be a number, got '" + v + "' in '" + io.cift.core.Redact.text(url) + "'", e);
        }
    }

    /** @return the server's host */
    public String host() {
        return host;
    }

    /** @return the HTTP port (ILP writes) */
    public int httpPort() {
        return httpPort;
    }

    /** @return the PostgreSQL wire port (reads) */
    public int pgPort() {
        return pgPort;
    }

    /** @return the PostgreSQL wire user */
    public String user() {
        return user;
    }

    /** @return the PostgreSQL wire password */
    public String password() {
        return password;
    }

    /** @return the user for HTTP basic authentication of ILP writes, or null when the server asks none */
    public String httpUser() {
        return httpUser;
    }

    /** @return the password for HTTP basic authentication of ILP writes, or null */
    public String httpPassword() {
        return httpPassword;
    }

    /** @return the bearer token for ILP writes (QuestDB Enterprise), or null */
    public String httpToken() {
        return httpToken;
    }

    /** @return the table name */
    public String table() {
        return table;
    }

    /** @return rows buffered before an automatic flush */
    public int autoFlushRows() {
        return autoFlushRows;
    }

    /** @return the age of buffered rows that triggers a flush on the next write */
    public Duration autoFlushInterval() {
        return autoFlushInterval;
    }

    /** @return how long a failed flush is retried */
    public Duration retryTimeout() {
        return retryTimeout;
    }

    /** @return how long a read waits for confirmed writes to become visible */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** @return how long to wait for a read connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the largest ILP request in bytes (bounds a batch) */
    public int maxBufferBytes() {
        return maxBufferBytes;
    }

    /** @return read connections kept open */
    public int readPoolSize() {
        return readPoolSize;
    }

    /**
     * The JDBC URL of the PostgreSQL wire endpoint (without credentials).
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + pgPort + "/qdb";
    }

    @Override
    public String toString() {
        return "questdb http://" + (httpUser == null ? "" : httpUser + "@") + host + ":" + httpPort + " pg " + pgPort
                + " table " + table;
    }

    /** Builds a {@link QuestDbConfig}; each setter validates its value at once. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int httpPort = DEFAULT_HTTP_PORT;
        private int pgPort = DEFAULT_PG_PORT;
        private String user = "admin";
        private String password = "quest";
        private String httpUser;
        private String httpPassword;
        private String httpToken;
        private String table = DEFAULT_TABLE;
        private int autoFlushRows = DEFAULT_AUTO_FLUSH_ROWS;
        private Duration autoFlushInterval = DEFAULT_AUTO_FLUSH_INTERVAL;
        private Duration retryTimeout = DEFAULT_RETRY_TIMEOUT;
        private Duration visibilityTimeout = DEFAULT_VISIBILITY_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;
        private int readPoolSize = DEFAULT_READ_POOL_SIZE;

        private Builder() {
        }

        /**
         * @param host the server's host name or address
         * @return this builder
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: must not be empty, got '" + host + "'");
            }
            this.host = host;
            return this;
        }

        /**
         * @param port the HTTP port (ILP writes)
         * @return this builder
         */
        public Builder httpPort(int port) {
            this.httpPort = port("httpPort", port);
            return this;
        }

        /**
         * @param port the PostgreSQL wire port (reads)
         * @return this builder
         */
        public Builder pgPort(int port) {
            this.pgPort = port("pgPort", port);
            return this;
        }

        /**
         * @param user the PostgreSQL wire user
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * @param password the PostgreSQL wire password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @param user the user for HTTP basic authentication of ILP writes (QuestDB's {@code http.user}); set
         *        the password too
         * @return this builder
         */
        public Builder httpUser(String user) {
            this.httpUser = Objects.requireNonNull(user, "httpUser");
            return this;
        }

        /**
         * @param password the password for HTTP basic authentication of ILP writes (QuestDB's {@code http.password})
         * @return this builder
         */
        public Builder httpPassword(String password) {
            this.httpPassword = Objects.requireNonNull(password, "httpPassword");
            return this;
        }

        /**
         * @param token a bearer token for ILP writes (QuestDB Enterprise), instead of a user and password
         * @return this builder
         */
        public Builder httpToken(String token) {
            this.httpToken = Objects.requireNonNull(token, "httpToken");
            return this;
        }

        private void checkHttpAuth() {
            if ((httpUser == null) != (httpPassword == null)) {
                throw new IllegalArgumentException("questdb: http user and http password go together; got only the "
                        + (httpUser == null ? "password" : "user"));
            }
            if (httpToken != null && httpUser != null) {
                throw new IllegalArgumentException("questdb: give an http token or an http user and password, not both");
            }
        }

        /**
         * @param table the table: a letter or underscore, then letters, digits or underscores
         * @return this builder
         */
        public Builder table(String table) {
            if (table == null || !TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("table: must be a letter or '_' followed by letters, digits or '_'"
                        + " (at most 127), got '" + table + "'");
            }
            this.table = table;
            return this;
        }

        /**
         * @param rows rows buffered before an automatic flush, at least 1
         * @return this builder
         */
        public Builder autoFlushRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("autoFlushRows: must be at least 1, got " + rows);
            }
            this.autoFlushRows = rows;
            return this;
        }

        /**
         * @param interval age of buffered rows that triggers a flush on the next write, at least 1 ms
         * @return this builder
         */
        public Builder autoFlushInterval(Duration interval) {
            this.autoFlushInterval = millis("autoFlushInterval", interval, 1);
            return this;
        }

        /**
         * @param timeout how long the ILP client retries a failed flush; 0 reports the first failure
         * @return this builder
         */
        public Builder retryTimeout(Duration timeout) {
            this.retryTimeout = millis("retryTimeout", timeout, 0);
            return this;
        }

        /**
         * @param timeout how long a read waits for confirmed writes to become visible, at least 1 ms
         * @return this builder
         */
        public Builder visibilityTimeout(Duration timeout) {
            this.visibilityTimeout = millis("visibilityTimeout", timeout, 1);
            return this;
        }

        /**
         * @param timeout how long to wait for a read connection, at least 250 ms (HikariCP's minimum)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = millis("connectTimeout", timeout, 250);
            return this;
        }

        /**
         * @param bytes the largest ILP request, at least 64 KiB; a larger batch is refused whole
         * @return this builder
         */
        public Builder maxBufferBytes(int bytes) {
            if (bytes < 65_536) {
                throw new IllegalArgumentException("maxBufferBytes: must be at least 65536, got " + bytes);
            }
            this.maxBufferBytes = bytes;
            return this;
        }

        /**
         * @param size read connections, at least 1
         * @return this builder
         */
        public Builder readPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("readPoolSize: must be at least 1, got " + size);
            }
            this.readPoolSize = size;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException when only one of the http user and password is set, or both and a token
         */
        public QuestDbConfig build() {
            checkHttpAuth();
            return new QuestDbConfig(this);
        }

        private static int port(String name, int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException(name + ": must be a port between 1 and 65535, got " + port);
            }
            return port;
        }

        private static Duration millis(String name, Duration d, long minMillis) {
            if (d == null || d.toMillis() < minMillis || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": must be between " + minMillis + " ms and "
                        + Integer.MAX_VALUE + " ms, got " + d);
            }
            return d;
        }
    }
}
