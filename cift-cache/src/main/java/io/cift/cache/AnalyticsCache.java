package io.cift.cache;

import io.cift.cache.internal.InProcessAnalyticsCache;
import io.cift.cache.internal.RedisAnalyticsCache;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A read-through cache of analytics results, keyed by user and query. Invalidation bumps the user's
 * version, so the next request for any of the user's queries misses (no scan-and-delete). A burst of
 * identical requests on a miss computes once (single-flight, within the process). Entries expire after a
 * TTL. The cache never fails a request: when the cache server is down or slow, the value is computed and
 * {@link CacheStats#bypassed()} counts it. Thread-safe.
 */
public interface AnalyticsCache extends AutoCloseable {

    /**
     * The cache some settings describe: Redis when {@code cift.redis.url} is set
     * ({@code redis://host:port}, {@code rediss://} for TLS), else the in-process cache of
     * {@code cift.cache.max-entries} entries (default 10,000); entries live {@code cift.cache.ttl.ms}
     * (default 10 minutes) and a Redis call waits at most {@code cift.cache.timeout.ms} (default 500).
     *
     * @param settings the settings
     * @return the cache; close it when done
     * @throws IllegalArgumentException naming the key and value that do not parse
     */
    static AnalyticsCache fromSettings(io.cift.core.config.CiftSettings settings) {
        Duration ttl = settings.getMillis("cift.cache.ttl.ms").orElse(Duration.ofMinutes(10));
        java.util.Optional<String> url = settings.get("cift.redis.url");
        if (url.isPresent()) {
            java.net.URI u;
            try {
                u = java.net.URI.create(url.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cift.redis.url must look like redis://host:port, got '"
                        + io.cift.core.Redact.text(url.get()) + "'", e);
            }
            return redis(u, ttl, settings.getMillis("cift.cache.timeout.ms").orElse(Duration.ofMillis(500)));
        }
        return inProcess(ttl, settings.getLong("cift.cache.max-entries").orElse(10_000));
    }

    /**
     * The in-process cache (Caffeine).
     *
     * @param ttl how long an entry lives
     * @param maxEntries how many entries at most
     * @return the cache
     */
    static AnalyticsCache inProcess(Duration ttl, long maxEntries) {
        return new InProcessAnalyticsCache(ttl, maxEntries);
    }

    /**
     * A Redis (or Dragonfly) cache through a jedis pool.
     *
     * @param host the server host
     * @param port the server port
     * @param ttl how long an entry lives
     * @param timeout connect and read timeout: past it the request is served without the cache
     * @return the cache
     */
    static AnalyticsCache redis(String host, int port, Duration ttl, Duration timeout) {
        return new RedisAnalyticsCache(host, port, ttl, timeout);
    }

    /**
     * A Redis (or Dragonfly) cache named by a URL: {@code redis://[[user]:password@]host[:port][/db]}, or
     * {@code rediss://...} for TLS. The password is sent with {@code AUTH} (with the user, when given);
     * credentials the server refuses are a configuration error ({@link io.cift.core.CiftException} on use,
     * never a silent bypass). The URL is never printed with its password.
     *
     * @param url the URL
     * @param ttl how long an entry lives
     * @param timeout connect and read timeout: past it the request is served without the cache
     * @return the cache
     * @throws IllegalArgumentException when the URL is not such a URL (named without its password)
     */
    static AnalyticsCache redis(java.net.URI url, Duration ttl, Duration timeout) {
        return RedisAnalyticsCache.fromUrl(url, ttl, timeout);
    }

    /**
     * The cached value, or the computed one (stored for the next request).
     *
     * @param user the user the value belongs to
     * @param query what was asked, e.g. {@code "perf:2026-01-01:2026-01-31"}
     * @param codec how to store the value
     * @param compute computes the value on a miss
     * @param <T> the value type
     * @return the value
     */
    <T> T get(String user, String query, ValueCodec<T> codec, Supplier<T> compute);

    /**
     * Makes every cached value of a user stale (new trades or snapshots were written).
     *
     * @param user the user
     */
    void invalidate(String user);

    /** @return what the cache did so far */
    CacheStats stats();

    /** @return the implementation's name ({@code in-process}, {@code redis}) */
    String name();

    @Override
    default void close() {
    }
}
