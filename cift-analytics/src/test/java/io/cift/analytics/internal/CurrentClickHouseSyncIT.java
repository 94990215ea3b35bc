package io.cift.analytics.internal;

import io.cift.analytics.TestServers;

/** The sync's tests on the current ClickHouse engine (killed and restarted as 18.16 is). */
class CurrentClickHouseSyncIT extends ClickHouseSyncIT {

    @Override
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.CURRENT;
    }
}
