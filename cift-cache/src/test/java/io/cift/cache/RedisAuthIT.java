package io.cift.cache;

import io.cift.core.CiftException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis cache against a private redis-server on loopback that requires a password: the password in
 * the URL is used (it used to be dropped, and every call bypassed the cache without a word), and a wrong
 * one is a configuration error that never shows the password.
 */
class RedisAuthIT {

    private static final int PORT = 16391;
    private static Process server;

    @BeforeAll
    static void privateServer() throws Exception {
        server = PrivateRedis.start(PORT, List.of("--port", Integer.toString(PORT), "--bind", "127.0.0.1",
                "--requirepass", "c4che-s3cret", "--save", "", "--appendonly", "no"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        PrivateRedis.stop(server);
    }

    @Test
    void thePasswordInTheUrlIsUsed() {
        AtomicInteger computed = new AtomicInteger();
        for (String url : new String[] {"redis://:c4che-s3cret@127.0.0.1:" + PORT, "redis://default:c4che-s3cret@127.0.0.1:" + PORT + "/2"}) {
            try (AnalyticsCache cache = AnalyticsCache.redis(URI.create(url), Duration.ofMinutes(1), Duration.ofSeconds(2))) {
                cache.invalidate("alice");
                String first = cache.get("alice", "q", ValueCodec.json(String.class), () -> "v" + computed.incrementAndGet());
                String second = cache.get("alice", "q", ValueCodec.json(String.class), () -> "v" + computed.incrementAndGet());
                assertThat(second).isEqualTo(first);
                CacheStats s = cache.stats();
                assertThat(s.hits()).as(url).isEqualTo(1);
                assertThat(s.bypassed()).as(url).isZero();
            }
        }
        assertThat(computed).hasValue(2);
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorThatDoesNotShowIt() {
        try (AnalyticsCache cache = AnalyticsCache.redis(URI.create("redis://:wr0ng-pa55@127.0.0.1:" + PORT),
                Duration.ofMinutes(1), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> cache.get("alice", "q", ValueCodec.json(String.class), () -> "v"))
                    .isInstanceOf(CiftException.class).hasMessageContaining("refused the credentials")
                    .hasMessageContaining("127.0.0.1:" + PORT).hasMessageNotContaining("wr0ng-pa55");
        }
        assertThatThrownBy(() -> AnalyticsCache.redis(URI.create("http://:p4ss@127.0.0.1:1"), Duration.ofMinutes(1),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("p4ss");
    }
}
