package io.cift.cache;

import io.cift.core.testing.ServerImage;

import java.time.Duration;


/**
 * The cache contract on a real Redis 7 (Debian 12): in a container when the tests use containers, else the
 * services.sh server (CIFT_REDIS_HOST / CIFT_REDIS_PORT, default 127.0.0.1:6379). Subclasses run it on the
 * other servers of the version matrix.
 */
class RedisAnalyticsCacheIT extends AnalyticsCacheContractTest {

    /** @return the server's image */
    protected ServerImage image() {
        return ServerImage.REDIS_7;
    }

    @Override
    protected AnalyticsCache newCache() {
        io.cift.core.testing.Servers.HostPort redis = io.cift.core.testing.Servers.redis(image());
        return AnalyticsCache.redis(redis.host(), redis.port(), Duration.ofMinutes(1), Duration.ofMillis(500));
    }
}
