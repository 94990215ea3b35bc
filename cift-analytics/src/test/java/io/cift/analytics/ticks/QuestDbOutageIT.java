package io.cift.analytics.ticks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stops a real QuestDB server while ticks are being written, then starts it again on the same data:
 * the writer reports the failure with the count of unconfirmed ticks, every tick it confirmed is
 * there after the restart, and the buffered ones are stored by the next flush.
 */
class QuestDbOutageIT {

    private static final long T0 = Instant.parse("2024-03-01T09:30:00Z").toEpochMilli() * 1_000L;

    @RegisterExtension
    static final QuestDbTestServer server = QuestDbTestServer.perClass();

    private static Tick tick(long i) {
        return new Tick("ES", T0 + i, 99.75, 100.25, 3, 4, 100, 1 + i % 5);
    }

    @Test
    void aStopDuringWritesIsReportedAndConfirmedTicksSurviveTheRestart() throws Exception {
        QuestDbConfig config = server.config("outage_stream").autoFlushRows(1_000)
                .retryTimeout(Duration.ofMillis(500)).build();
        TickStore writer = TickStore.questDb(config);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        CompletableFuture<TickStoreException> failure = CompletableFuture.supplyAsync(() -> {
            long i = 0;
            while (true) {
                if (writer.confirmed() >= 20_000 && !stopped.isDone()) {
                    stopped.complete(null);
                }
                try {
                    writer.write(tick(i++));
                } catch (TickStoreException e) {
                    written[0] = i;
                    return e;
                }
            }
        });
        stopped.get(60, TimeUnit.SECONDS);
        server.stop();
        TickStoreException e = failure.get(60, TimeUnit.SECONDS);
        long confirmedAtFailure = writer.confirmed();

        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains("flush of", "stay buffered");
        assertThat(e.unconfirmed()).isPositive();
        assertThat(confirmedAtFailure + e.unconfirmed()).as("every written tick is confirmed or reported")
                .isEqualTo(written[0]);

        // a batch while the server is down is refused as a whole
        List<Tick> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(tick(10_000_000L + i));
        }
        assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(TickStoreException.class)
                .satisfies(x -> assertThat(((TickStoreException) x).unconfirmed()).isGreaterThanOrEqualTo(100));

        server.start();
        try (TickStore reader = TickStore.questDb(server.config("outage_stream").build())) {
            List<Tick> back = reader.ticks("ES", instant(0), instant(confirmedAtFailure));
            assertThat(back).as("what the writer confirmed before the stop is stored").hasSize((int) confirmedAtFailure);
            for (int k = 0; k < back.size(); k += 997) {
                assertThat(back.get(k)).isEqualTo(tick(k));
            }
            assertThat(reader.ticks("ES", instant(10_000_000L), instant(10_000_100L))).as("refused batch").isEmpty();

            writer.flush();   // the buffered ticks go now
            assertThat(writer.confirmed()).isEqualTo(written[0]);
            List<Tick> all = reader.ticks("ES", instant(0), instant(written[0]));
            assertThat(all.stream().mapToLong(Tick::timestampMicros).distinct().count())
                    .as("every written tick is stored after the restart").isEqualTo(written[0]);
        } finally {
            writer.close();
        }
    }

    private final long[] written = new long[1];

    @Test
    void openingWithNoServerFailsNamingWhereItLooked() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        QuestDbConfig config = QuestDbConfig.builder().httpPort(port).pgPort(port).connectTimeout(Duration.ofMillis(250)).build();
        assertThatThrownBy(() -> TickStore.questDb(config)).isInstanceOf(TickStoreException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .satisfies(x -> assertThat(((TickStoreException) x).isTransient()).isTrue());
    }

    private static Instant instant(long offsetMicros) {
        long us = T0 + offsetMicros;
        return Instant.ofEpochSecond(us / 1_000_000L, us % 1_000_000L * 1_000L);
    }
}
