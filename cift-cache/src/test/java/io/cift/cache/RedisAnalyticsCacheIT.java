package io.cift.cache;

import io.cift.core.testing.Containers;
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
        String host;
        int port;
        Containers.Server s = Containers.sharedOrHost(image(), ServerImage.REDIS_7);
        if (s != null) {
            host = s.host();
            port = s.port();
        } else {
            host = System.getenv().getOrDefault("CIFT_REDIS_HOST", "127.0.0.1");
            port = Integer.parseInt(System.getenv().getOrDefault("CIFT_REDIS_PORT", "6379"));
            io.cift.core.testing.ServiceScript.requireReachable("Redis", host, port, "redis");
        }
        return AnalyticsCache.redis(host, port, Duration.ofMinutes(1), Duration.ofMillis(500));
    }
}
