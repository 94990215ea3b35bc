package io.cift.cache;

import io.cift.core.testing.Containers;
import io.cift.core.testing.ServerImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that hangs rather than dies (its container paused: connections stay open and nothing answers):
 * every request is still served within about the command timeout, without the cache, and once the server
 * goes on the cache works again, with no reply of the hung period read as the answer to a later command.
 */
class RedisPausedIT {

    @Test
    void requestsAreServedWhileRedisHangsAndNoLateReplyIsMistakenForAnother() {
        AtomicInteger computed = new AtomicInteger();
        try (Containers.Server redis = Containers.start(ServerImage.REDIS_7);
             AnalyticsCache cache = AnalyticsCache.redis(redis.host(), redis.port(), Duration.ofMinutes(1),
                     Duration.ofMillis(200))) {
            assertThat(cache.get("u", "q1", AnalyticsCacheContractTest.TEXT, () -> "one")).isEqualTo("one");
            assertThat(cache.get("u", "q2", AnalyticsCacheContractTest.TEXT, () -> "two")).isEqualTo("two");
            redis.pause();
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("u", "q1", AnalyticsCacheContractTest.TEXT, () -> "hung" + computed.incrementAndGet()))
                        .startsWith("hung");
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(millis).as("five requests against a hung server, each bounded by the 200 ms timeout").isLessThan(5_000);
            assertThat(cache.stats().bypassed()).isEqualTo(5);
            redis.unpause();
            // the replies the hung server sends late must not answer these: q2 is "two", q1 "one"
            for (int i = 0; i < 3; i++) {
                assertThat(cache.get("u", "q2", AnalyticsCacheContractTest.TEXT, () -> "recomputed")).isIn("two", "recomputed");
                assertThat(cache.get("u", "q1", AnalyticsCacheContractTest.TEXT, () -> "recomputed")).isIn("one", "recomputed");
            }
            assertThat(cache.get("u", "q2", AnalyticsCacheContractTest.TEXT, () -> "x")).as("served from the cache again")
                    .isIn("two", "recomputed");
            assertThat(cache.stats().hits()).isGreaterThan(2);
        }
    }
}
