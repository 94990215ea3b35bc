package io.cift.cache.metrics;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.cache.AnalyticsCache;
import io.cift.cache.CachedAnalyticsService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsCacheMetricsTest {

    @Test
    void hitsAndMissesAreTheCachesOwnCounts() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        AnalyticsCache cache = AnalyticsCache.inProcess(Duration.ofMinutes(1), 100);
        try (AnalyticsService a = new CachedAnalyticsService(AnalyticsService.embedded(), cache)) {
            new AnalyticsCacheMetrics(cache).bindTo(r);
            a.ingestSnapshots(List.of(new PortfolioSnapshot("u", Instant.parse("2026-01-05T21:00:00Z"), BigDecimal.TEN)));
            a.performance(PerformanceQuery.of("u"));
            a.performance(PerformanceQuery.of("u"));
            a.performance(PerformanceQuery.of("u"));
            assertThat(r.get(AnalyticsCacheMetrics.HITS).tag("cache", cache.name()).functionCounter().count()).isEqualTo(2);
            assertThat(r.get(AnalyticsCacheMetrics.MISSES).functionCounter().count()).isEqualTo(1);
            assertThat(r.get(AnalyticsCacheMetrics.COMPUTATIONS).functionCounter().count()).isEqualTo(1);
            assertThat(r.get(AnalyticsCacheMetrics.BYPASSED).functionCounter().count()).isZero();
            assertThat(r.get(AnalyticsCacheMetrics.INVALIDATIONS_PENDING).gauge().value()).isZero();
        }
    }
}
