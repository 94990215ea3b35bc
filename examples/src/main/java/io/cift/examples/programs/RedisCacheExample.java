package io.cift.examples.programs;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.cache.AnalyticsCache;
import io.cift.cache.CacheStats;
import io.cift.cache.CachedAnalyticsService;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The analytics cache on Redis in front of an analytics service.
 *
 * <p>Shows: a performance report computed once and then served from Redis (several processes sharing
 * that Redis share the cached reports), and a write for the user invalidating the cached entry so that the
 * next report includes it. The service here is the embedded one; put the cache in front of the PostgreSQL,
 * ClickHouse or routed service the same way.
 *
 * <p>Needs Redis ({@code scripts/services.sh start redis}), found through {@code CIFT_REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}; {@code rediss://} for TLS). A Redis that does not answer is bypassed,
 * never an error: the reports are then computed every time.
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.RedisCacheExample}
 */
public final class RedisCacheExample {

    private RedisCacheExample() {
    }

    /**
     * Runs the example against the server the environment names.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String url = System.getenv("CIFT_REDIS_URL");
        run(System.out, URI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url));
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @param redis the Redis URL
     */
    public static void run(PrintStream out, URI redis) {
        String user = "cache-example-" + UUID.randomUUID();      // a user of this run only
        try (AnalyticsCache cache = AnalyticsCache.redis(redis, Duration.ofMinutes(10), Duration.ofMillis(500));
             AnalyticsService analytics = new CachedAnalyticsService(AnalyticsService.embedded(), cache)) {
            LocalDate first = LocalDate.of(2026, 3, 2);
            List<PortfolioSnapshot> days = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                Instant close = first.plusDays(d).atTime(21, 0).toInstant(ZoneOffset.UTC);
                days.add(new PortfolioSnapshot(user, close, BigDecimal.valueOf(100_000 + 250L * d - (d % 4) * 400L)));
            }
            analytics.ingestSnapshots(days);

            PerformanceQuery q = PerformanceQuery.of(user);
            print(out, "first report", analytics.performance(q), cache.stats());    // computed, then stored in Redis
            print(out, "second report", analytics.performance(q), cache.stats());   // from Redis

            Instant later = first.plusDays(20).atTime(21, 0).toInstant(ZoneOffset.UTC);
            analytics.ingestSnapshots(List.of(new PortfolioSnapshot(user, later, BigDecimal.valueOf(110_000))));
            // the write invalidated the entry: computed again
            print(out, "after a new snapshot", analytics.performance(q), cache.stats());
        }
    }

    private static void print(PrintStream out, String what, PerformanceReport r, CacheStats s) {
        out.printf("%s: %d days, cumulative return %.6f; cache hits %d, misses %d%n", what, r.values().size(),
                r.metrics().cumulativeReturn(), s.hits(), s.misses());
    }
}
