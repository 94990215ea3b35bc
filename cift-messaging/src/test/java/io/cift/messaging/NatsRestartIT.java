package io.cift.messaging;

import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nats-server really stopped while events are being published, then started again: publishing resumes and
 * a consumer ends with every event exactly once. Runs on a private server (its own port and JetStream store,
 * started with scripts/services.sh) so the machine's server is never touched.
 */
class NatsRestartIT {

    private static final String PORT = "14252";
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.cift.core.testing.PrivateService SERVER = io.cift.core.testing.PrivateService.of("nats",
            Map.of("CIFT_NATS_PORT", PORT, "CIFT_NATS_MON_PORT", "14352"));

    static void services(String action) {
        if (action.equals("stop")) {
            SERVER.stop();
        } else {
            SERVER.start();
        }
    }

    @Test
    void publishingResumesAfterARestartAndEveryEventArrivesExactlyOnce() throws Exception {
        restartWhilePublishing("CIFT_RESTART", 1);
    }

    @Test
    void windowsOfUnacknowledgedPublishesSurviveARestartToo() throws Exception {
        restartWhilePublishing("CIFT_RESTART_WINDOWS", 50);
    }

    /**
     * A durable engine publishes through its asynchronous consumer while the server is stopped and started
     * again: the engine never waits, and a consumer that deduplicates on (engine id, sequence) processes
     * every event exactly once, in a stream whose duplicate window is short.
     */
    @Test
    void aDurableEnginePublishingThroughARestartLosesAndDuplicatesNothingAtTheConsumer(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        String stream = "CIFT_RESTART_JOURNAL";
        JetStreamConfig cfg = JetStreamConfig.builder().url("nats://127.0.0.1:" + PORT).stream(stream)
                .subjectPrefix("cift.restart-journal").duplicateWindow(Duration.ofSeconds(2)).maxInFlight(500)
                .retryDelay(Duration.ofMillis(100)).blockTimeout(Duration.ofSeconds(60)).build();
        long events;
        String engineId;
        try (JetStreamOrderEvents j = JetStreamOrderEvents.connect(cfg)) {
            io.cift.core.journal.DurableEngine engine = io.cift.core.journal.DurableEngine.open(
                    io.cift.core.journal.DurableEngineConfig.builder(tmp.resolve("journal")).snapshotEvery(0)
                            .consumer("jetstream", j.asConsumer()).build());
            Thread restart = null;
            long t0 = System.nanoTime();
            for (int i = 1; i <= 3_000; i++) {
                engine.submit("X", i, 1 + i % 3, i % 2 == 0 ? io.cift.core.model.Side.BUY : io.cift.core.model.Side.SELL,
                        io.cift.core.model.OrderType.LIMIT, io.cift.core.model.TimeInForce.GTC, 100 + i % 5, 1 + i % 7, false);
                if (i == 1_000) {
                    services("stop");
                    restart = new Thread(() -> {
                        try {
                            Thread.sleep(4_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        services("start");
                    });
                    restart.start();
                }
            }
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds the matching thread took: it never waited for NATS")
                    .isLessThan(3.0);
            events = engine.events();
            engineId = engine.engineId();
            restart.join();
            engine.close();   // the consumer has handed every event to the publisher
            j.flush();
            assertThat(j.published()).isEqualTo(events);
            assertThat(j.duplicates()).isZero();
        }
        EventDeduplicator dedup = new EventDeduplicator();
        List<OrderEvent> processed = new ArrayList<>();
        try (OrderEventReader r = JetStreamOrderEvents.reader(cfg)) {
            // read twice, as a consumer that crashed after processing and before acknowledging would
            for (int pass = 0; pass < 2; pass++) {
                String durable = "exactly-once-" + pass;
                while (r.consume(durable, 1_000, Duration.ofMillis(500), e -> {
                    if (dedup.firstTime(e)) {
                        processed.add(e);
                    }
                }) > 0) {
                    // read everything
                }
            }
        }
        assertThat(processed).hasSize((int) events);
        assertThat(processed).allSatisfy(e -> assertThat(e.engineId()).isEqualTo(engineId));
        assertThat(dedup.contiguous(engineId)).isEqualTo(events);
    }

    private void restartWhilePublishing(String stream, int confirmEvery) throws Exception {
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                io.cift.messaging.internal.NatsJetStreamOrderEvents.class)) {
            restartWhilePublishing(stream, confirmEvery, log);
        }
    }

    private void restartWhilePublishing(String stream, int confirmEvery, io.cift.core.testing.LogCapture log) throws Exception {
        try (JetStreamOrderEvents j = JetStreamOrderEvents.connect(JetStreamConfig.builder().url("nats://127.0.0.1:" + PORT)
                .stream(stream).subjectPrefix("cift." + stream.toLowerCase(java.util.Locale.ROOT)).maxInFlight(500)
                .confirmEvery(confirmEvery)
                .retryDelay(Duration.ofMillis(100)).blockTimeout(Duration.ofSeconds(60)).build())) {
            int total = 3_000;
            Thread restart = null;
            for (long s = 1; s <= total; s++) {
                j.publish(new OrderEvent.Rejected("restart", s, "X", s, CommandType.NEW, ResultCode.INVALID_QUANTITY));
                if (s == 1_000) {
                    services("stop");          // the server goes away with events in flight, for longer than
                    restart = new Thread(() -> {   // the client waits for an acknowledgement, so publishes fail
                        try {
                            Thread.sleep(6_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        services("start");     // and comes back on the same store
                    });
                    restart.start();
                }
            }
            restart.join();
            j.flush();
            assertThat(j.published()).as("every event acknowledged in the end").isEqualTo(total);
            // (whether a publish had to be retried depends on the client: jnats may buffer across a short outage;
            // the retry path itself is tested deterministically in JetStreamOrderEventsIT)
            assertThat(j.storedCount()).as("retries were deduplicated").isEqualTo(total);
            if (confirmEvery > 1) {   // windows open across the outage cannot be trusted and went again
                assertThat(j.retried()).isPositive();
            }
            List<OrderEvent> got = new ArrayList<>();
            while (j.consume("after-restart", 1_000, Duration.ofMillis(500), got::add) > 0) {
                // read everything
            }
            TreeSet<Long> seqs = new TreeSet<>();
            got.forEach(e -> seqs.add(e.seq()));
            assertThat(got).hasSize(total);
            assertThat(seqs).hasSize(total);
            assertThat(seqs.first()).isEqualTo(1);
            assertThat(seqs.last()).isEqualTo(total);
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "created stream " + stream)).hasSize(1);
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN, "NATS connection to nats://127.0.0.1:" + PORT + " lost"))
                    .as("the outage is logged").isNotEmpty();
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "NATS connection to nats://127.0.0.1:" + PORT + " back"))
                    .as("and the reconnection").isNotEmpty();
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN).size()).as("warnings are rate-limited, not one"
                    + " per retried event").isLessThan(20);
        }
    }
}
