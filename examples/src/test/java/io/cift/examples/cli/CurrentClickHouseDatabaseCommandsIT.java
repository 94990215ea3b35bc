package io.cift.examples.cli;

import io.cift.analytics.TestServers;

/** The database commands with a current ClickHouse engine behind {@code cift.clickhouse.url}. */
class CurrentClickHouseDatabaseCommandsIT extends DatabaseCommandsIT {

    @Override
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.CURRENT;
    }
}
