package io.cift.analytics;

import io.cift.core.testing.Containers;
import io.cift.core.testing.ServerImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL that hangs rather than dies (its container paused: connections stay open, nothing answers):
 * a call fails as unavailable within the socket timeout instead of waiting for ever, and once the server goes
 * on the service works again without a restart.
 */
class PostgresPausedIT {

    @Test
    void aHungServerFailsCallsWithinTheSocketTimeoutAndServesAgainAfterwards() throws Exception {
        try (Containers.Server pg = Containers.start(ServerImage.POSTGRES_15)) {
            String url = pg.jdbcUrl() + "&socketTimeout=2";
            try (RoutedAnalytics r = RoutedAnalytics.create(RoutingConfig.builder().postgresUrl(url).clickhouseUrl(null)
                    .connectTimeout(Duration.ofSeconds(1)).build())) {
                r.migrate();
                r.ingestTrades(RoutedAnalyticsIT.trades("u1", 1, 100));
                assertThat(r.trades("u1", 0, 10).trades()).hasSize(10);
                pg.pause();
                long t0 = System.nanoTime();
                CompletableFuture<TradeSummaryReport> call = CompletableFuture.supplyAsync(() -> r.tradeSummary("u1", Map.of()));
                Throwable failure = null;
                try {
                    call.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
                long seconds = (System.nanoTime() - t0) / 1_000_000_000;
                assertThat(failure).as("a call against the hung server").isInstanceOf(BackendUnavailableException.class);
                assertThat(seconds).as("bounded by the 2 s socket timeout, not by the server").isLessThan(15);
                pg.unpause();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    try {
                        assertThat(r.trades("u1", 0, 200).trades()).hasSize(100);
                        break;
                    } catch (BackendUnavailableException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(200);
                    }
                }
            }
        }
    }
}
