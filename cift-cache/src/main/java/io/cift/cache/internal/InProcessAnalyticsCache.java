package io.cift.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cift.cache.AnalyticsCache;
import io.cift.cache.CacheStats;
import io.cift.cache.ValueCodec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** {@link AnalyticsCache} in the process: Caffeine with expire-after-write; values kept as objects. */
public final class InProcessAnalyticsCache implements AnalyticsCache {

    private final Cache<String, Object> cache;
    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final SingleFlight flight = new SingleFlight();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder computations = new LongAdder();

    /**
     * Creates the cache on the system clock.
     *
     * @param ttl entry lifetime, positive
     * @param maxEntries at least 1
     */
    public InProcessAnalyticsCache(Duration ttl, long maxEntries) {
        this(ttl, maxEntries, Ticker.systemTicker());
    }

    /**
     * Creates the cache on an injected clock (tests).
     *
     * @param ttl entry lifetime, positive
     * @param maxEntries at least 1
     * @param ticker the clock
     */
    public InProcessAnalyticsCache(Duration ttl, long maxEntries, Ticker ticker) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries)
                .ticker(Objects.requireNonNull(ticker, "ticker")).build();
    }

    private long version(String user) {
        AtomicLong v = versions.get(user);
        return v == null ? 0 : v.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String user, String query, ValueCodec<T> codec, Supplier<T> compute) {
        String key = Keys.value(user, query) + "#" + version(user);
        Object v = cache.getIfPresent(key);
        if (v != null) {
            hits.increment();
            return (T) v;
        }
        misses.increment();
        return flight.run(key, () -> {
            Object again = cache.getIfPresent(key);
            if (again != null) {
                return (T) again;
            }
            computations.increment();
            T value = compute.get();
            cache.put(key, value);
            return value;
        });
    }

    @Override
    public void invalidate(String user) {
        versions.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), computations.sum(), 0, 0, 0);
    }

    @Override
    public String name() {
        return "in-process";
    }
}
