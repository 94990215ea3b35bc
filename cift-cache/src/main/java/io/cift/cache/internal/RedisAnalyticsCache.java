package io.cift.cache.internal;

import io.cift.cache.AnalyticsCache;
import io.cift.cache.CacheStats;
import io.cift.cache.ValueCodec;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * {@link AnalyticsCache} on Redis or Dragonfly (same protocol) through jedis' pooled client. A value lives
 * under {@code cift:a:{<user>}:<query>} with the TTL, tagged with the user's version when it was computed;
 * the version is {@code cift:v:{<user>}}, bumped with INCR. A hit is one round trip ({@code MGET} of both:
 * a value whose tag is not the current version is a miss). When Redis is down or slower than the timeout, requests are computed without it and
 * counted as bypassed; an invalidation that could not reach Redis is remembered, and the user's cached
 * values are not read until the version bump has succeeded; a background thread delivers it within about a
 * second of Redis answering again, so other processes stop reading the old values too. The TTL bounds how
 * long an invalidation that never arrives (this process died first) can leave stale values: keep it short.
 */
public final class RedisAnalyticsCache implements AnalyticsCache {

    private final JedisPooled jedis;
    private final long ttlMillis;
    private final SingleFlight flight = new SingleFlight();
    private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder computations = new LongAdder();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisAnalyticsCache.class);
    private final io.cift.core.internal.LogLimiter bypassLog = new io.cift.core.internal.LogLimiter(java.time.Duration.ofSeconds(30));
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder invalidationFailures = new LongAdder();
    /** Delivers failed invalidations as soon as Redis answers again, whether or not this process reads those users. */
    private final java.util.concurrent.ScheduledExecutorService retrier =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cift-cache-invalidations");
                t.setDaemon(true);
                return t;
            });
    private final String where;

    /**
     * Connects lazily (Redis may be down at start).
     *
     * @param host the host
     * @param port the port
     * @param ttl entry lifetime, positive
     * @param timeout connect and read timeout, positive
     */
    public RedisAnalyticsCache(String host, int port, Duration ttl, Duration timeout) {
        this(host, port, null, null, 0, false, ttl, timeout);
    }

    /**
     * Connects lazily, with credentials, a database and TLS.
     *
     * @param host the host
     * @param port the port
     * @param user the ACL user, or null
     * @param password the password, or null
     * @param database the database number
     * @param ssl whether to use TLS
     * @param ttl entry lifetime, positive
     * @param timeout connect and read timeout, positive
     */
    public RedisAnalyticsCache(String host, int port, String user, String password, int database, boolean ssl,
                               Duration ttl, Duration timeout) {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, got " + ttl);
        }
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.jedis = new JedisPooled(new HostAndPort(host, port),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(ms).socketTimeoutMillis(ms)
                        .user(user).password(password).database(database).ssl(ssl).build());
        this.ttlMillis = ttl.toMillis();
        this.where = (ssl ? "rediss://" : "redis://") + host + ":" + port + (database == 0 ? "" : "/" + database);
        retrier.scheduleWithFixedDelay(this::deliverPending, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Bumps the user's version (the invalidation itself); once it succeeded, nothing is pending for the user. */
    private void bump(String user) {
        jedis.incr(Keys.version(user));
        pendingInvalidations.remove(user);
    }

    /** Serializes the delivery of remembered invalidations (rare: only after Redis could not be reached). */
    private final Object delivery = new Object();

    /**
     * Delivers the user's remembered invalidation, once: a read and the retrier never both bump the version for it
     * (a second bump would make the value the read just stored stale at once), and a read waits for a delivery the
     * retrier has in flight, so it never reads the version from before it.
     */
    private void deliverIfPending(String user) {
        synchronized (delivery) {
            if (pendingInvalidations.contains(user)) {
                bump(user);
            }
        }
    }

    /** Tries every remembered invalidation once; each one that reaches Redis is forgotten. */
    private void deliverPending() {
        for (String user : pendingInvalidations) {
            try {
                deliverIfPending(user);
            } catch (RuntimeException stillDown) {
                return;            // the next round tries again
            }
        }
    }

    /**
     * A cache from a {@code redis://} or {@code rediss://} URL (see {@code AnalyticsCache.redis(URI, ...)}).
     *
     * @param url the URL
     * @param ttl entry lifetime
     * @param timeout connect and read timeout
     * @return the cache
     */
    public static RedisAnalyticsCache fromUrl(java.net.URI url, Duration ttl, Duration timeout) {
        String shown = io.cift.core.Redact.text(String.valueOf(url));
        if (url == null || !("redis".equals(url.getScheme()) || "rediss".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("a Redis URL looks like redis://[[user]:password@]host[:port][/db] or rediss://..., got '"
                    + shown + "'");
        }
        String user = null;
        String password = null;
        String info = url.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = java.net.URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8);
            user = u.isEmpty() ? null : u;
            password = colon < 0 ? null : java.net.URLDecoder.decode(info.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
        int database = 0;
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the database of a Redis URL is a number, got '" + path.substring(1)
                        + "' in '" + shown + "'");
            }
        }
        return new RedisAnalyticsCache(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort(), user, password, database,
                "rediss".equals(url.getScheme()), ttl, timeout);
    }

    /** Credentials the server refused are a configuration error, not a reason to bypass the cache. */
    private io.cift.core.CiftException refused(redis.clients.jedis.exceptions.JedisAccessControlException e) {
        return new io.cift.core.CiftException("Redis at " + where + " refused the credentials: "
                + io.cift.core.Redact.text(e.getMessage()), e);
    }

    @Override
    public <T> T get(String user, String query, ValueCodec<T> codec, Supplier<T> compute) {
        byte[] versionKey = Keys.version(user).getBytes(StandardCharsets.UTF_8);
        byte[] key = Keys.value(user, query).getBytes(StandardCharsets.UTF_8);
        long version;
        byte[] cached;
        try {
            if (!pendingInvalidations.isEmpty() && pendingInvalidations.contains(user)) {
                deliverIfPending(user);
            }
            // one round trip: the user's version and the stored value, which carries the version it was computed at
            List<byte[]> both = jedis.mget(versionKey, key);
            version = both.get(0) == null ? 0 : Long.parseLong(new String(both.get(0), StandardCharsets.US_ASCII));
            cached = both.get(1);
        } catch (redis.clients.jedis.exceptions.JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisException e) {
            bypassed(e);
            return compute.get();
        }
        T hit = decodeCurrent(cached, version, codec);
        if (hit != null) {
            hits.increment();
            return hit;
        }
        misses.increment();
        long v = version;
        return flight.run(new String(key, StandardCharsets.UTF_8) + '\u0000' + v, () -> {
            // a leader that finished between our lookup and here has stored the value: use it
            try {
                T stored = decodeCurrent(jedis.get(key), v, codec);
                if (stored != null) {
                    return stored;
                }
            } catch (JedisException unavailable) {
                // compute below
            }
            computations.increment();
            T value = compute.get();
            byte[] payload = codec.encode(value);
            byte[] tagged = java.nio.ByteBuffer.allocate(Long.BYTES + payload.length).putLong(v).put(payload).array();
            try {
                // tagged with the version read before computing: an invalidation meanwhile makes it a miss at once
                jedis.psetex(key, ttlMillis, tagged);
            } catch (JedisException e) {
                bypassed(e);
            }
            return value;
        });
    }

    /** Counts a call that went past the cache, and says so now and then. */
    private void bypassed(JedisException e) {
        bypassed.increment();
        bypassLog.warn(LOG, "Redis at {} unavailable: the cache is bypassed (values computed, not cached): {}", where,
                e.toString());
    }

    /** The value when it was stored at {@code version}, else null (absent, older, or unreadable: recompute). */
    private static <T> T decodeCurrent(byte[] stored, long version, ValueCodec<T> codec) {
        if (stored == null || stored.length < Long.BYTES) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(stored);
        if (b.getLong() != version) {
            return null;
        }
        try {
            return codec.decode(java.util.Arrays.copyOfRange(stored, Long.BYTES, stored.length));
        } catch (RuntimeException unreadable) {
            return null;             // written by an incompatible version: recompute and overwrite
        }
    }

    @Override
    public void invalidate(String user) {
        try {
            bump(user);
        } catch (redis.clients.jedis.exceptions.JedisAccessControlException e) {
            pendingInvalidations.add(user);
            throw refused(e);
        } catch (JedisException e) {
            pendingInvalidations.add(user);
            bypassLog.warn(LOG, "Redis at {} unavailable: the invalidation of user {} is kept and retried every second: {}",
                    where, user, e.toString());
            invalidationFailures.increment();
        }
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), computations.sum(), bypassed.sum(), invalidationFailures.sum(),
                pendingInvalidations.size());
    }

    @Override
    public String name() {
        return "redis";
    }

    /**
     * Stops the retries after one last attempt; invalidations that still cannot reach Redis are logged (a
     * warning) (the users' cached values can be stale for other processes until their TTL ends), never
     * dropped silently.
     */
    @Override
    public void close() {
        retrier.shutdownNow();
        deliverPending();
        if (!pendingInvalidations.isEmpty()) {
            LOG.warn("{} cache invalidation(s) could not reach Redis at {} before close; values cached for those users"
                    + " may be served stale by other processes for up to the TTL ({} ms)", pendingInvalidations.size(), where,
                    ttlMillis);
        }
        jedis.close();
    }
}
