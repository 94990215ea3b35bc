package io.cift.cache.metrics;

import io.cift.cache.AnalyticsCache;
import io.cift.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of an {@link AnalyticsCache} (add {@code io.micrometer:micrometer-core}; the BOM manages
 * its version), read from its {@link CacheStats} when the registry asks. Tagged {@code cache} with the
 * cache's name. The cache is thread-safe, so the registry may read it from any thread.
 */
public final class AnalyticsCacheMetrics implements MeterBinder {

    /** Reads served from the cache (counter). */
    public static final String HITS = "cift.cache.hits";
    /** Reads the cache did not hold (counter). */
    public static final String MISSES = "cift.cache.misses";
    /** Results computed by the service behind the cache (counter). */
    public static final String COMPUTATIONS = "cift.cache.computations";
    /** Reads and writes that went around an unreachable cache (counter). */
    public static final String BYPASSED = "cift.cache.bypassed";
    /** Invalidations that failed and were retried (counter). */
    public static final String INVALIDATION_FAILURES = "cift.cache.invalidation.failures";
    /** Invalidations waiting for the cache to answer (gauge). */
    public static final String INVALIDATIONS_PENDING = "cift.cache.invalidations.pending";

    private final AnalyticsCache cache;
    private final Tags tags;

    /**
     * Meters for one cache.
     *
     * @param cache the cache
     * @param extraTags tags added to every meter
     */
    public AnalyticsCacheMetrics(AnalyticsCache cache, Tag... extraTags) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.tags = Tags.of(extraTags).and("cache", cache.name());
    }

    @Override
    public void bindTo(MeterRegistry r) {
        counter(r, HITS, "reads served from the cache", CacheStats::hits);
        counter(r, MISSES, "reads the cache did not hold", CacheStats::misses);
        counter(r, COMPUTATIONS, "results computed behind the cache", CacheStats::computations);
        counter(r, BYPASSED, "calls that went around an unreachable cache", CacheStats::bypassed);
        counter(r, INVALIDATION_FAILURES, "invalidations that failed and were retried", CacheStats::invalidationFailures);
        Gauge.builder(INVALIDATIONS_PENDING, cache, c -> c.stats().invalidationsPending())
                .description("invalidations waiting for the cache").tags(tags).register(r);
    }

    private void counter(MeterRegistry r, String name, String description, ToDoubleFunction<CacheStats> f) {
        FunctionCounter.builder(name, cache, c -> f.applyAsDouble(c.stats())).description(description).tags(tags).register(r);
    }
}
