package io.cift.cache;

import io.cift.core.testing.ServerImage;

/** The cache contract on Redis 8 from Debian 13 (trixie), in a container. */
class Redis8AnalyticsCacheIT extends RedisAnalyticsCacheIT {

    @Override
    protected ServerImage image() {
        return ServerImage.REDIS_8;
    }
}
