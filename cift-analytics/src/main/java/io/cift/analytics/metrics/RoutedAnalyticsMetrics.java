package io.cift.analytics.metrics;

import io.cift.analytics.Backend;
import io.cift.analytics.RoutedAnalytics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;

/**
 * Micrometer meters of a {@link RoutedAnalytics} (add {@code io.micrometer:micrometer-core}; the BOM manages
 * its version): calls served per backend, each backend's circuit, the sync's lag and failures. The meters
 * read the router's own counters when the registry asks, on whatever thread it asks from (the router is
 * thread-safe).
 */
public final class RoutedAnalyticsMetrics implements MeterBinder {

    /** Calls served, tagged {@code backend} (counter). */
    public static final String CALLS = "cift.analytics.calls";
    /** 1 while a backend's circuit lets calls through, 0 while it is open; tagged {@code backend} (gauge). */
    public static final String AVAILABLE = "cift.analytics.backend.available";
    /** Rows ClickHouse is behind PostgreSQL, as last measured; NaN before the first successful sync (gauge). */
    public static final String SYNC_LAG = "cift.analytics.sync.lag";
    /** Background sync runs that failed (counter). */
    public static final String SYNC_FAILURES = "cift.analytics.sync.failures";

    private final RoutedAnalytics analytics;
    private final Tags tags;

    /**
     * Meters for one router.
     *
     * @param analytics the router
     * @param extraTags tags added to every meter
     */
    public RoutedAnalyticsMetrics(RoutedAnalytics analytics, Tag... extraTags) {
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.tags = Tags.of(extraTags);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        for (Backend b : Backend.values()) {
            Tags t = tags.and("backend", b.wireName());
            FunctionCounter.builder(CALLS, analytics, a -> a.callsServed(b)).description("calls served").tags(t).register(r);
            if (b != Backend.EMBEDDED) {
                Gauge.builder(AVAILABLE, analytics, a -> a.isAvailable(b) ? 1 : 0)
                        .description("1 while the backend's circuit lets calls through").tags(t).register(r);
            }
        }
        Gauge.builder(SYNC_LAG, analytics, a -> a.syncLagRows() == Long.MAX_VALUE ? Double.NaN : a.syncLagRows())
                .description("rows ClickHouse is behind PostgreSQL").tags(tags).register(r);
        FunctionCounter.builder(SYNC_FAILURES, analytics, RoutedAnalytics::syncFailures)
                .description("background sync runs that failed").tags(tags).register(r);
    }
}
