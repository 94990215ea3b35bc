package io.cift.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * redis-server really stopped and started again mid-run: every request is served (without the cache while
 * it is down, counted as bypassed), and the cache works again afterwards without a restart of the client.
 * Runs on a private server (its own port, started with scripts/services.sh).
 */
class RedisOutageIT {

    private static final int PORT = 16379;
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.cift.core.testing.PrivateService SERVER =
            io.cift.core.testing.PrivateService.of("redis", Map.of("CIFT_REDIS_PORT", String.valueOf(PORT)));

    static void services(String action) {
        if (action.equals("stop")) {
            SERVER.stop();
        } else {
            SERVER.start();
        }
    }

    @Test
    void requestsAreServedThroughAnOutageAndTheCacheReturnsAfterIt() {
        AtomicInteger computed = new AtomicInteger();
        try (AnalyticsCache cache = AnalyticsCache.redis("127.0.0.1", PORT, Duration.ofMinutes(1), Duration.ofMillis(200));
             io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                     io.cift.cache.internal.RedisAnalyticsCache.class)) {
            assertThat(cache.get("u", "q", AnalyticsCacheContractTest.TEXT, () -> "v" + computed.incrementAndGet())).isEqualTo("v1");
            assertThat(cache.get("u", "q", AnalyticsCacheContractTest.TEXT, () -> "v" + computed.incrementAndGet())).isEqualTo("v1");
            services("stop");
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("u", "q", AnalyticsCacheContractTest.TEXT, () -> "down" + computed.incrementAndGet()))
                        .startsWith("down");
            }
            assertThat(cache.stats().bypassed()).isEqualTo(5);
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN)).as("five bypasses, one warning")
                    .singleElement().asString().contains("the cache is bypassed").contains("redis://127.0.0.1:" + PORT);
            cache.invalidate("u");              // cannot reach Redis: remembered
            services("start");
            assertThat(cache.get("u", "q", AnalyticsCacheContractTest.TEXT, () -> "back")).isEqualTo("back");
            assertThat(cache.get("u", "q", AnalyticsCacheContractTest.TEXT, () -> "again")).as("cached again").isEqualTo("back");
            assertThat(cache.stats().hits()).isEqualTo(2);
        }
    }

    @Test
    void aRememberedInvalidationIsDeliveredOnceWhenReadsRaceTheRetrier() throws Exception {
        // 300 invalidations remembered while Redis is cut off; once it is back, reads of those users run while the
        // retrier delivers them: each version must be bumped exactly once, or the value a read just stored is stale
        int users = 300;
        try (TcpForwarder link = new TcpForwarder(PORT);
             AnalyticsCache cache = AnalyticsCache.redis("127.0.0.1", link.port(), Duration.ofMinutes(10), Duration.ofMillis(200));
             redis.clients.jedis.Jedis direct = new redis.clients.jedis.Jedis("127.0.0.1", PORT)) {
            String prefix = "race-" + System.nanoTime() + "-";
            link.cut();
            for (int u = 0; u < users; u++) {
                cache.invalidate(prefix + u);
            }
            assertThat(cache.stats().invalidationsPending()).isEqualTo(users);
            link.restore();
            // four readers, each through the users in an order of its own, beside the retrier's rounds
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    List<Integer> order = new ArrayList<>();
                    for (int u = 0; u < users; u++) {
                        order.add(u);
                    }
                    java.util.Collections.shuffle(order, new java.util.Random(r));
                    done.add(readers.submit(() -> {
                        do {                // at least one pass, even if the retrier delivered everything first
                            for (int u : order) {
                                cache.get(prefix + u, "q", AnalyticsCacheContractTest.TEXT, () -> "x");
                            }
                        } while (cache.stats().invalidationsPending() > 0 && System.nanoTime() < deadline);
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                readers.shutdownNow();
            }
            assertThat(cache.stats().invalidationsPending()).isZero();
            for (int u = 0; u < users; u++) {
                assertThat(direct.get("cift:v:{" + prefix + u + "}")).as("version of user %d", u).isEqualTo("1");
                String key = prefix + u;
                assertThat(cache.get(key, "q", AnalyticsCacheContractTest.TEXT, () -> "recomputed")).as("user %d", u)
                        .isEqualTo("x");
            }
        }
    }

    @Test
    void anInvalidationThatFailedReachesOtherProcessesOnceRedisIsBack() throws Exception {
        // the writer reaches Redis through a link the test cuts; the reader (another process) does not
        try (TcpForwarder link = new TcpForwarder(PORT);
             AnalyticsCache writer = AnalyticsCache.redis("127.0.0.1", link.port(), Duration.ofMinutes(10), Duration.ofMillis(200));
             AnalyticsCache reader = AnalyticsCache.redis("127.0.0.1", PORT, Duration.ofMinutes(10), Duration.ofMillis(200))) {
            assertThat(reader.get("w", "q", AnalyticsCacheContractTest.TEXT, () -> "old")).isEqualTo("old");
            assertThat(writer.get("other", "q", AnalyticsCacheContractTest.TEXT, () -> "x")).isEqualTo("x");
            assertThat(writer.stats().bypassed()).as("the writer's link works before the cut").isZero();
            link.cut();
            writer.invalidate("w");                 // the writer changed w's data; it cannot reach Redis
            assertThat(writer.stats().invalidationFailures()).isEqualTo(1);
            assertThat(writer.stats().invalidationsPending()).isEqualTo(1);
            assertThat(reader.get("w", "q", AnalyticsCacheContractTest.TEXT, () -> "new"))
                    .as("while cut off, the reader still has the old value: the TTL is the only bound").isEqualTo("old");
            link.restore();
            // the writer never reads w again: its invalidation must still arrive, not wait for its next read
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String seen;
            do {
                Thread.sleep(100);
                seen = reader.get("w", "q", AnalyticsCacheContractTest.TEXT, () -> "new");
            } while (!seen.equals("new") && System.nanoTime() < deadline);
            assertThat(seen).as("another process stops serving the stale value").isEqualTo("new");
            assertThat(writer.stats().invalidationsPending()).isZero();
        }
    }
}
