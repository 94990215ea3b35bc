package io.cift.benchmarks;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.cache.AnalyticsCache;
import io.cift.cache.ValueCodec;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Cache hits against recomputing: the 30-day performance report of one user (300 snapshots, ten a day)
 * computed by the embedded service, then served as a hit from the in-process cache and from Redis
 * (CIFT_REDIS_HOST / CIFT_REDIS_PORT, default 127.0.0.1:6379), beside plain jedis GETs of the same bytes
 * (one round trip, and two in a row), side by side in one run.
 * Usage: {@code java -cp benchmarks.jar io.cift.benchmarks.CacheHarness [calls]}.
 */
public final class CacheHarness {

    private CacheHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional number of measured calls per variant
     */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String host = System.getenv().getOrDefault("CIFT_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("CIFT_REDIS_PORT", "6379"));
        AnalyticsService service = AnalyticsService.embedded();
        SplittableRandom r = new SplittableRandom(4);
        List<PortfolioSnapshot> snaps = new ArrayList<>();
        double v = 1_000_000;
        for (int i = 0; i < 300; i++) {
            v *= 1 + (r.nextDouble() - 0.49) * 0.01;
            snaps.add(new PortfolioSnapshot("bench", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(8_640L * i),
                    BigDecimal.valueOf(Math.round(v * 100), 2)));
        }
        service.ingestSnapshots(snaps);
        PerformanceQuery q = PerformanceQuery.of("bench");
        ValueCodec<PerformanceReport> codec = ValueCodec.json(PerformanceReport.class);
        System.out.printf(Locale.ROOT, "30-day report of one user (%d daily values), %d calls each, java %s%n",
                service.performance(q).values().size(), calls, System.getProperty("java.version"));
        try (AnalyticsCache local = AnalyticsCache.inProcess(Duration.ofHours(1), 10_000);
             AnalyticsCache redis = AnalyticsCache.redis(host, port, Duration.ofHours(1), Duration.ofMillis(500));
             redis.clients.jedis.JedisPooled raw = new redis.clients.jedis.JedisPooled(host, port)) {
            byte[] payload = codec.encode(service.performance(q));
            byte[] rawKey = ("cift:bench:raw:" + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            raw.set(rawKey, payload);
            String user = "bench-" + System.nanoTime();
            for (int round = 0; round < 2; round++) {     // the first round warms up, the second is printed
                boolean print = round == 1;
                report(print, "recompute (embedded)", measure(calls, () -> service.performance(q)));
                report(print, "in-process cache hit", measure(calls, () -> local.get(user, "perf", codec, () -> service.performance(q))));
                report(print, "redis cache hit", measure(calls, () -> redis.get(user, "perf", codec, () -> service.performance(q))));
                // floors on the same connection setup: one GET of the same bytes, and two GETs in a row (a hit
                // that reads the version first, then the value)
                report(print, "redis: 1 GET (floor)", measure(calls, () -> raw.get(rawKey)));
                report(print, "redis: 2 GETs", measure(calls, () -> {
                    raw.get(rawKey);
                    return raw.get(rawKey);
                }));
            }
            raw.del(rawKey);
            System.out.printf(Locale.ROOT, "redis: %s, in-process: %s%n", redis.stats(), local.stats());
        }
    }

    private static Histogram measure(int n, Supplier<?> call) {
        Histogram h = new Histogram(10_000_000_000L, 3);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.get();
            h.recordValue(System.nanoTime() - t0);
        }
        return h;
    }

    private static void report(boolean print, String label, Histogram h) {
        if (print) {
            System.out.printf(Locale.ROOT, "%-22s p50 %8.2f us, p99 %8.2f us, p99.9 %8.2f us%n", label,
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3);
        }
    }
}
