package io.cift.messaging;

import java.time.Duration;
import java.util.Objects;

/** Immutable configuration of the JetStream publisher and subscriber, built with {@link #builder()}. */
public final class JetStreamConfig {

    /** Subjects are {@code <prefix>.<symbol>.<event>}. */
    public static final String DEFAULT_SUBJECT_PREFIX = "cift.orders";
    /** The stream holding the events. */
    public static final String DEFAULT_STREAM = "CIFT_ORDERS";
    /** Messages published and not yet acknowledged, at most. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    private final String url;
    private final String subjectPrefix;
    private final String stream;
    private final Duration maxAge;
    private final long maxBytes;
    private final Duration duplicateWindow;
    private final int maxInFlight;
    private final Backpressure backpressure;
    private final Duration blockTimeout;
    private final Duration retryDelay;
    private final OrderEventCodec codec;
    private final int confirmEvery;
    private final Duration confirmLinger;
    private final boolean updateStream;
    private final int replicas;

    private JetStreamConfig(Builder b) {
        this.url = b.url;
        this.replicas = b.replicas;
        this.subjectPrefix = b.subjectPrefix;
        this.stream = b.stream;
        this.maxAge = b.maxAge;
        this.maxBytes = b.maxBytes;
        this.duplicateWindow = b.duplicateWindow;
        this.maxInFlight = b.maxInFlight;
        this.backpressure = b.backpressure;
        this.blockTimeout = b.blockTimeout;
        this.retryDelay = b.retryDelay;
        this.codec = b.codec;
        this.confirmEvery = b.confirmEvery;
        this.confirmLinger = b.confirmLinger;
        this.updateStream = b.updateStream;
    }

    /**
     * Whether a publisher that finds the stream configured otherwise (subjects, storage, max age, max
     * bytes, duplicate window) updates it to this configuration. Off by default: it refuses, naming the
     * differences. Readers never create or update a stream.
     *
     * @return whether to update
     */
    public boolean updateStream() {
        return updateStream;
    }

    /**
     * A builder holding the JetStream keys of some settings: {@code cift.nats.url},
     * {@code cift.nats.stream}, {@code cift.nats.subject-prefix}, {@code cift.nats.max-age.ms},
     * {@code cift.nats.max-bytes}, {@code cift.nats.duplicate-window.ms}, {@code cift.nats.max-in-flight},
     * {@code cift.nats.backpressure} ({@code block}, {@code drop}, {@code fail}),
     * {@code cift.nats.block-timeout.ms}, {@code cift.nats.retry-delay.ms}, {@code cift.nats.codec}
     * ({@code binary} or {@code json}), {@code cift.nats.update-stream}, {@code cift.nats.replicas} and {@code cift.nats.confirm-every}; what
     * they leave out keeps its default. {@code cift.nats.url} may list several servers, comma-separated.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        Builder b = builder();
        settings.get("cift.nats.url").ifPresent(b::url);
        settings.get("cift.nats.stream").ifPresent(b::stream);
        settings.get("cift.nats.subject-prefix").ifPresent(b::subjectPrefix);
        settings.getMillis("cift.nats.max-age.ms").ifPresent(b::maxAge);
        settings.getLong("cift.nats.max-bytes").ifPresent(b::maxBytes);
        settings.getMillis("cift.nats.duplicate-window.ms").ifPresent(b::duplicateWindow);
        settings.getInt("cift.nats.max-in-flight").ifPresent(b::maxInFlight);
        settings.getEnum("cift.nats.backpressure", Backpressure.class).ifPresent(b::backpressure);
        settings.getMillis("cift.nats.block-timeout.ms").ifPresent(b::blockTimeout);
        settings.getMillis("cift.nats.retry-delay.ms").ifPresent(b::retryDelay);
        settings.get("cift.nats.codec").ifPresent(c -> b.codec(switch (c.toLowerCase(java.util.Locale.ROOT)) {
            case "binary" -> OrderEventCodec.binary();
            case "json" -> OrderEventCodec.json();
            default -> throw new IllegalArgumentException("cift.nats.codec must be binary or json, got '" + c + "'");
        }));
        settings.getBoolean("cift.nats.update-stream").ifPresent(b::updateStream);
        settings.getInt("cift.nats.replicas").ifPresent(b::replicas);
        settings.getInt("cift.nats.confirm-every").ifPresent(b::confirmEvery);
        return b;
    }

    /** @return a builder with the defaults (nats://127.0.0.1:4222) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how many copies of the stream a cluster keeps when this publisher creates it (1 on one server) */
    public int replicas() {
        return replicas;
    }

    /** @return the servers' URLs, in the order given */
    public java.util.List<String> servers() {
        return java.util.Arrays.stream(url.split(",")).map(String::trim).toList();
    }

    /** @return the server URL, or several separated by commas (a cluster) */
    public String url() {
        return url;
    }

    /** @return the subject prefix */
    public String subjectPrefix() {
        return subjectPrefix;
    }

    /** @return the stream name */
    public String stream() {
        return stream;
    }

    /** @return how long the stream keeps an event (zero: no limit) */
    public Duration maxAge() {
        return maxAge;
    }

    /** @return how many bytes the stream keeps (-1: no limit) */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return the window in which JetStream drops a message whose id it has seen */
    public Duration duplicateWindow() {
        return duplicateWindow;
    }

    /** @return messages in flight at most */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return what happens when the bound is reached */
    public Backpressure backpressure() {
        return backpressure;
    }

    /** @return how long {@link Backpressure#BLOCK} waits before failing */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /** @return the pause before retrying a publish the server did not acknowledge */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** @return the codec of the message bodies */
    public OrderEventCodec codec() {
        return codec;
    }

    /**
     * Events per acknowledged publish: 1 (the default) waits for a JetStream acknowledgement of every
     * event; {@code k > 1} publishes a window of {@code k} events, the first {@code k - 1} without an
     * acknowledgement and the last with one, and counts the window as stored when that
     * acknowledgement arrives and the connection did not drop since the window began. Otherwise the
     * whole window is published again event by event with acknowledgements (same message ids, so
     * JetStream drops what it already has).
     *
     * @return events per acknowledged publish
     */
    public int confirmEvery() {
        return confirmEvery;
    }

    /**
     * How long a window that is not full may wait before it is closed and confirmed (with
     * {@link #confirmEvery()} above 1).
     *
     * @return the linger time
     */
    public Duration confirmLinger() {
        return confirmLinger;
    }

    /** Builds a {@link JetStreamConfig}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private String url = "nats://127.0.0.1:4222";
        private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
        private String stream = DEFAULT_STREAM;
        private Duration maxAge = Duration.ofDays(7);
        private long maxBytes = -1;
        private Duration duplicateWindow = Duration.ofMinutes(2);
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Backpressure backpressure = Backpressure.BLOCK;
        private Duration blockTimeout = Duration.ofSeconds(30);
        private Duration retryDelay = Duration.ofMillis(250);
        private OrderEventCodec codec = OrderEventCodec.binary();
        private int confirmEvery = 1;
        private Duration confirmLinger = Duration.ofMillis(1);
        private boolean updateStream;
        private int replicas = 1;

        private Builder() {
        }

        /**
         * How many copies of the stream a JetStream cluster keeps when this publisher creates it: 1 (the
         * default, one server) to 5; a cluster needs at least that many servers.
         *
         * @param v the replica count
         * @return this builder
         */
        public Builder replicas(int v) {
            if (v < 1 || v > 5) {
                throw new IllegalArgumentException("replicas must be 1 to 5, got " + v);
            }
            replicas = v;
            return this;
        }

        /**
         * Lets a publisher update an existing stream that is configured otherwise (see
         * {@link JetStreamConfig#updateStream()}).
         *
         * @param v whether to update
         * @return this builder
         */
        public Builder updateStream(boolean v) {
            updateStream = v;
            return this;
        }

        /** @param v e.g. nats://127.0.0.1:4222 @return this builder */
        public Builder url(String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("url must start with nats:// (several servers: comma-separated), got '" + v + "'");
            }
            for (String one : v.split(",")) {
                if (!one.trim().startsWith("nats://")) {
                    throw new IllegalArgumentException("url must start with nats:// (several servers: comma-separated), got '"
                            + io.cift.core.Redact.text(v) + "'");
                }
            }
            url = v;
            return this;
        }

        /** @param v subject prefix, dot-separated tokens without wildcards @return this builder */
        public Builder subjectPrefix(String v) {
            if (v == null || v.isBlank() || v.contains("*") || v.contains(">") || v.contains(" ") || v.endsWith(".")) {
                throw new IllegalArgumentException("subjectPrefix must be dot-separated tokens without wildcards, got '" + v + "'");
            }
            subjectPrefix = v;
            return this;
        }

        /** @param v stream name (letters, digits, - and _) @return this builder */
        public Builder stream(String v) {
            if (v == null || !v.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("stream must be letters, digits, - and _, got '" + v + "'");
            }
            stream = v;
            return this;
        }

        /** @param v how long events are kept (zero: no limit) @return this builder */
        public Builder maxAge(Duration v) {
            if (v == null || v.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative, got " + v);
            }
            maxAge = v;
            return this;
        }

        /** @param v bytes kept, positive or -1 for no limit @return this builder */
        public Builder maxBytes(long v) {
            if (v == 0 || v < -1) {
                throw new IllegalArgumentException("maxBytes must be positive or -1, got " + v);
            }
            maxBytes = v;
            return this;
        }

        /**
         * How long JetStream remembers message ids (default 2 minutes, as in NATS). A publish retried after an
         * outage is dropped as a duplicate only if its first copy was stored less than this long before, so the
         * window must cover the longest outage to ride through without duplicates. The server keeps every id of
         * the window (events per second × window), and at high rates that set drives its latency tail: at
         * 10,000 events/s a 30-second window measured a markedly lower p99 than 2 minutes (docs/benchmarks.md).
         *
         * @param v the deduplication window, positive
         * @return this builder
         */
        public Builder duplicateWindow(Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException("duplicateWindow must be positive, got " + v);
            }
            duplicateWindow = v;
            return this;
        }

        /** @param v at least 1 @return this builder */
        public Builder maxInFlight(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, got " + v);
            }
            maxInFlight = v;
            return this;
        }

        /** @param v the policy @return this builder */
        public Builder backpressure(Backpressure v) {
            backpressure = Objects.requireNonNull(v, "backpressure");
            return this;
        }

        /** @param v positive @return this builder */
        public Builder blockTimeout(Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException("blockTimeout must be positive, got " + v);
            }
            blockTimeout = v;
            return this;
        }

        /** @param v positive @return this builder */
        public Builder retryDelay(Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException("retryDelay must be positive, got " + v);
            }
            retryDelay = v;
            return this;
        }

        /** @param v the codec @return this builder */
        public Builder codec(OrderEventCodec v) {
            codec = Objects.requireNonNull(v, "codec");
            return this;
        }

        /**
         * @param v events per acknowledged publish, 1 to 65,536 (see {@link JetStreamConfig#confirmEvery()})
         * @return this builder
         */
        public Builder confirmEvery(int v) {
            if (v < 1 || v > 65_536) {
                throw new IllegalArgumentException("confirmEvery must be between 1 and 65536, got " + v);
            }
            confirmEvery = v;
            return this;
        }

        /**
         * @param v positive (see {@link JetStreamConfig#confirmLinger()})
         * @return this builder
         */
        public Builder confirmLinger(Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException("confirmLinger must be positive, got " + v);
            }
            confirmLinger = v;
            return this;
        }

        /** @return the configuration */
        public JetStreamConfig build() {
            if (confirmEvery > maxInFlight) {
                throw new IllegalStateException("confirmEvery (" + confirmEvery + ") must not exceed maxInFlight ("
                        + maxInFlight + "): a window holds its events in flight until it is confirmed");
            }
            if (!maxAge.isZero() && duplicateWindow.compareTo(maxAge) > 0) {
                throw new IllegalStateException("duplicateWindow (" + duplicateWindow + ") must not exceed maxAge ("
                        + maxAge + "): JetStream refuses a stream whose message ids outlive its messages");
            }
            return new JetStreamConfig(this);
        }
    }
}
