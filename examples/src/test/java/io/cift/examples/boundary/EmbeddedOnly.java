package io.cift.examples.boundary;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;
import io.cift.cache.AnalyticsCache;
import io.cift.cache.CachedAnalyticsService;
import io.cift.messaging.InProcessOrderEvents;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.OrderEventPublisher;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Uses every embedded default (analytics, cache, in-process events, tick store); run by
 * {@code OptionalDependenciesTest} in a JVM whose class path holds none of the optional pools, breakers,
 * drivers and clients.
 */
public final class EmbeddedOnly {

    private EmbeddedOnly() {
    }

    /**
     * Runs.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (AnalyticsService a = new CachedAnalyticsService(AnalyticsService.embedded(),
                AnalyticsCache.inProcess(Duration.ofMinutes(1), 100))) {
            a.ingestSnapshots(List.of(new PortfolioSnapshot("u", Instant.parse("2026-01-05T21:00:00Z"), BigDecimal.TEN),
                    new PortfolioSnapshot("u", Instant.parse("2026-01-06T21:00:00Z"), BigDecimal.valueOf(11))));
            System.out.println("days " + a.performance(PerformanceQuery.of("u")).values().size());
        }
        try (InProcessOrderEvents bus = OrderEventPublisher.inProcess(10)) {
            List<OrderEvent> got = new ArrayList<>();
            bus.subscribe(1, got::add);
            bus.publish(new OrderEvent.Amended("e", 1, "X", 1, 2, 3, true));
            System.out.println("events " + got.size());
        }
        try (TickStore t = TickStore.embedded()) {
            t.write(Tick.trade("X", 1_000_000L, 10, 1));
            t.flush();
            System.out.println("ticks " + t.ticks("X", Instant.EPOCH, Instant.ofEpochSecond(10)).size());
        }
    }
}
