package io.cift.analytics;


import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL really stopped while a batch is being written: the batch fails cleanly and nothing of it is
 * stored. Runs on a private cluster (its own port and directory, created by scripts/services.sh) so the
 * machine's cluster is never touched.
 */
class PostgresOutageIT {

    // below Linux's ephemeral range (32768-60999), so no client socket of the suite can hold it when the cluster starts
    private static final String PORT = "25432";
    private static final String URL = "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres?user=postgres";
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.cift.core.testing.PrivateService SERVER = io.cift.core.testing.PrivateService.of("postgres",
            Map.of("CIFT_PG_PORT", PORT)).requiring(TestServers::postgresUrl)   // installed and running here at all
            // on the host: in a container the batch was always written before the test could see it in flight,
            // so the stop never cut it and the test would not test what it says
            .onHost();

    private static long trades() throws Exception {
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM cift_trades WHERE user_id = 'u1'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until the batch's COPY or INSERT is running on the server. */
    private static boolean waitForWrite(CompletableFuture<Void> batch) throws Exception {
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            // up to 30 s: on a busy 2-core machine, preparing the batch before its first statement can take
            // longer than a few seconds, and stopping the server then would test a stop before the write
            for (int i = 0; i < 6_000 && !batch.isDone(); i++) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND (query LIKE 'COPY cift_trades_stage%' OR query LIKE 'INSERT INTO cift_trades %')")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
        }
        return false;
    }

    @Test
    void aBatchInFlightWhenPostgresStopsIsNotHalfWritten() throws Exception {
        try (RoutedAnalytics r = RoutedAnalytics.create(RoutingConfig.builder().postgresUrl(URL).clickhouseUrl(null)
                .connectTimeout(Duration.ofSeconds(1)).build())) {
            r.migrate();
            r.ingestTrades(RoutedAnalyticsIT.trades("u1", 1, 1_000));
            int big = 500_000;
            java.util.List<Trade> batch = RoutedAnalyticsIT.trades("u1", 10_000, big);
            CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> r.ingestTrades(batch));
            boolean seen = waitForWrite(inFlight);
            SERVER.stop();
            Throwable failure = null;
            try {
                inFlight.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause();
            }

            assertThatThrownBy(() -> r.ingestTrades(RoutedAnalyticsIT.trades("u1", 900_000, 10)))
                    .as("while it is down").isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("postgresql at " + URL);

            SERVER.start();
            long stored = trades();
            assertThat(seen || failure == null).as("stopped while the batch was being written").isTrue();
            if (failure != null) {
                assertThat(failure).isInstanceOf(BackendUnavailableException.class);
                assertThat(stored).as("the failed batch left nothing behind").isEqualTo(1_000);
            } else {
                assertThat(stored).as("the batch committed before the stop, whole").isEqualTo(1_000 + big);
            }
            // and the service works again without a restart, once its pool has reconnected (a call in the
            // meantime fails as transient, which a caller retries)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try {
                    r.ingestTrades(RoutedAnalyticsIT.trades("u1", 2_000_000, 5));
                    break;
                } catch (BackendUnavailableException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(trades()).isEqualTo(stored + 5);
        }
    }

    @Test
    void aFailOverLogsOneWarningNotOnePerCallAndTheFailBackOneInfo() throws Exception {
        try (RoutedAnalytics r = RoutedAnalytics.create(RoutingConfig.builder().postgresUrl(URL).clickhouseUrl(null)
                .embeddedFallback(true).openDuration(Duration.ofMillis(300)).connectTimeout(Duration.ofSeconds(1)).build());
             io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                     io.cift.analytics.internal.RoutingAnalyticsService.class)) {
            r.migrate();
            r.ingestTrades(RoutedAnalyticsIT.trades("u9", 1, 20));
            SERVER.stop();
            try {
                for (int i = 0; i < 40; i++) {
                    assertThat(r.trades("u9", 0, 100).trades()).hasSize(20);
                    Thread.sleep(20);   // over 0.8 s: the breaker's probe comes and fails again meanwhile
                }
                assertThat(r.callsServed(Backend.EMBEDDED)).as("every call failed over").isEqualTo(40);
                assertThat(log.messages(ch.qos.logback.classic.Level.WARN))
                        .as("one warning for the fail-over, not one per call").hasSize(1)
                        .allMatch(m -> m.contains("analytics backend postgresql is unavailable"));
            } finally {
                SERVER.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (r.callsServed(Backend.POSTGRESQL) == 0) {
                assertThat(System.nanoTime()).as("PostgreSQL serves again").isLessThan(deadline);
                r.trades("u9", 0, 100);
                Thread.sleep(100);
            }
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "postgresql is available again")).hasSize(1);
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN)).as("still the one warning").hasSize(1);
        }
    }
}
