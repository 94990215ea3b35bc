package io.cift.cache;

import io.cift.core.config.CiftSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheSettingsTest {

    @Test
    void withoutARedisUrlTheCacheIsInProcessAndABadUrlIsNamedWithoutItsPassword() {
        try (AnalyticsCache c = AnalyticsCache.fromSettings(CiftSettings.empty())) {
            assertThat(c.name()).doesNotContain("redis");
        }
        assertThatThrownBy(() -> AnalyticsCache.fromSettings(CiftSettings.of(new Properties(),
                Map.of("CIFT_REDIS_URL", "redis://user:s3cret@host:notaport x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cift.redis.url")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> AnalyticsCache.fromSettings(CiftSettings.of(new Properties(),
                Map.of("CIFT_CACHE_TTL_MS", "ten minutes"))))
                .hasMessageContaining("cift.cache.ttl.ms (from the environment variable CIFT_CACHE_TTL_MS) must be a whole number");
    }
}
