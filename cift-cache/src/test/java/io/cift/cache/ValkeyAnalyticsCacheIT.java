package io.cift.cache;

import io.cift.core.testing.ServerImage;

/** The cache contract on Valkey 8 from Debian 13 (trixie), in a container. */
class ValkeyAnalyticsCacheIT extends RedisAnalyticsCacheIT {

    @Override
    protected ServerImage image() {
        return ServerImage.VALKEY_8;
    }
}
