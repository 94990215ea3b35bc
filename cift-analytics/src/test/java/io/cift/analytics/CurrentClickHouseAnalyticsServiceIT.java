package io.cift.analytics;

/** The whole contract on the current ClickHouse engine, through the current driver (picked by the version). */
class CurrentClickHouseAnalyticsServiceIT extends ClickHouseAnalyticsServiceIT {

    @Override
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.CURRENT;
    }

    @Override
    String expectedDriverPackage() {
        return "com.clickhouse.jdbc";
    }

    @Override
    String expectedVariant() {
        return "current";
    }
}
