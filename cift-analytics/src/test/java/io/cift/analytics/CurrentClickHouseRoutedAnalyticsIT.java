package io.cift.analytics;

/** Routing, fail-over and the sync on the current ClickHouse engine (stopped and restarted as 18.16 is). */
class CurrentClickHouseRoutedAnalyticsIT extends RoutedAnalyticsIT {

    @Override
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.CURRENT;
    }
}
