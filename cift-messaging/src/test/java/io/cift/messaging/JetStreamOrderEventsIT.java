package io.cift.messaging;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.CommandType;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Order events through a real NATS JetStream on loopback: nats-server 2.9 (Debian 12) in a container when the
 * tests use containers, else the services.sh server (CIFT_NATS_URL, default nats://127.0.0.1:4222);
 * {@link JetStreamOrderEventsNats210IT} runs the same on Debian 13's 2.10.
 */
class JetStreamOrderEventsIT {

    /** @return the server's image */
    protected io.cift.core.testing.ServerImage image() {
        return io.cift.core.testing.ServerImage.NATS_2_9;
    }

    private String url;
    private String stream;
    private String prefix;
    private final List<JetStreamOrderEvents> open = new ArrayList<>();

    @BeforeEach
    void locate() {
        url = io.cift.core.testing.Servers.natsUrl(image());
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        stream = "CIFT_IT_" + id;
        prefix = "cift.it" + id + ".orders";
    }

    @AfterEach
    void deleteStream() throws Exception {
        open.forEach(JetStreamOrderEvents::close);
        if (url == null) {
            return;   // skipped before it had a server
        }
        Connection nc = Nats.connect(url);
        try {
            nc.jetStreamManagement().deleteStream(stream);
        } catch (Exception ignored) {
            // best effort
        } finally {
            nc.close();
        }
    }

    private JetStreamOrderEvents connect(JetStreamConfig.Builder b) {
        JetStreamOrderEvents j = JetStreamOrderEvents.connect(b.url(url).stream(stream).subjectPrefix(prefix).build());
        open.add(j);
        return j;
    }

    @Test
    void engineEventsArriveExactlyOnceThroughADurableConsumer() {
        JetStreamOrderEvents j = connect(JetStreamConfig.builder());
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(j.engineListener("it", 1)).build());
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 1; i <= 2_000; i++) {
            engine.submit(r.nextBoolean() ? "AAA" : "B.B", i, r.nextInt(5), r.nextBoolean() ? Side.BUY : Side.SELL,
                    OrderType.LIMIT, r.nextInt(10) == 0 ? TimeInForce.IOC : TimeInForce.GTC, 100 + r.nextInt(5) - 2,
                    1 + r.nextInt(10), false);
            if (r.nextInt(4) == 0) {
                engine.cancel("AAA", r.nextInt(i) + 1);
            }
        }
        j.flush();
        long events = j.published();
        assertThat(events).isGreaterThan(2_000);
        assertThat(j.storedCount()).isEqualTo(events);

        List<OrderEvent> got = new ArrayList<>();
        while (j.consume("reader", 500, Duration.ofMillis(500), got::add) > 0) {
            // keep reading until the consumer has nothing more
        }
        assertThat(got).hasSize((int) events);
        TreeSet<Long> seqs = new TreeSet<>();
        got.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize((int) events);
        assertThat(seqs.first()).isEqualTo(1);
        assertThat(seqs.last()).isEqualTo(events);
        assertThat(got).anyMatch(e -> e.type() == EventType.TRADE).anyMatch(e -> e.symbol().equals("B.B"));
        assertThat(j.consume("reader", 10, Duration.ofMillis(200), got::add)).as("all acknowledged").isZero();
    }

    @Test
    void aRepublishedEventIsDroppedByTheStreamAndReplayWorksBySequenceAndTime() throws Exception {
        JetStreamOrderEvents j = connect(JetStreamConfig.builder().codec(OrderEventCodec.json()));
        Instant before = Instant.now().minusSeconds(1);
        for (long s = 1; s <= 10; s++) {
            j.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
        }
        j.publish(new OrderEvent.Rejected("it", 5, "X", 5, CommandType.NEW, ResultCode.INVALID_PRICE));   // id it-5 again
        j.flush();
        assertThat(j.storedCount()).as("the duplicate message id is dropped").isEqualTo(10);
        assertThat(j.published()).as("a duplicate is never reported as published").isEqualTo(10);
        assertThat(j.duplicates()).isEqualTo(1);
        List<StoredEvent> fromSix = j.replay(6, 100);
        assertThat(fromSix).extracting(StoredEvent::streamSequence).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(fromSix).extracting(s -> s.event().seq()).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(j.replay(before, 3)).hasSize(3);
        assertThat(j.replay(Instant.now().plusSeconds(60), 3)).isEmpty();
    }

    @Test
    void aPublisherRefusesAStreamConfiguredOtherwiseUnlessAskedToUpdateIt() throws Exception {
        io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                io.cift.messaging.internal.NatsJetStreamOrderEvents.class);
        connect(JetStreamConfig.builder().duplicateWindow(Duration.ofSeconds(30)).maxAge(Duration.ofHours(1)));
        Connection nc = Nats.connect(url);
        try (log) {
            var sc = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
            assertThat(sc.getDuplicateWindow()).isEqualTo(Duration.ofSeconds(30));
            assertThat(sc.getMaxAge()).isEqualTo(Duration.ofHours(1));
            assertThatThrownBy(() -> connect(JetStreamConfig.builder().duplicateWindow(Duration.ofSeconds(5))
                    .maxAge(Duration.ofHours(2))))
                    .hasMessageContaining("stream " + stream).hasMessageContaining("max age PT1H, not PT2H")
                    .hasMessageContaining("duplicate window PT30S, not PT5S").hasMessageContaining("updateStream(true)");
            sc = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
            assertThat(sc.getDuplicateWindow()).as("refused: unchanged").isEqualTo(Duration.ofSeconds(30));
            connect(JetStreamConfig.builder().duplicateWindow(Duration.ofSeconds(5)).maxAge(Duration.ofHours(2)).updateStream(true));
            sc = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
            assertThat(sc.getDuplicateWindow()).isEqualTo(Duration.ofSeconds(5));
            assertThat(sc.getMaxAge()).isEqualTo(Duration.ofHours(2));
            // the same configuration connects again without a word
            connect(JetStreamConfig.builder().duplicateWindow(Duration.ofSeconds(5)).maxAge(Duration.ofHours(2)));
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "created stream " + stream)).hasSize(1);
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN, "stream " + stream)).as("the refusal")
                    .singleElement().asString().contains("refused").contains("max age PT1H, not PT2H");
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO, "updated stream " + stream)).hasSize(1);
        } finally {
            nc.close();
        }
    }

    @Test
    void publishersStartingTogetherOnAMissingStreamBothUseTheOneThatOneOfThemCreates() throws Exception {
        // both look the stream up, find none, and create it: the one that loses the race must use the stream
        // the other made (the server may answer its create with "subjects overlap"), not fail
        for (int round = 0; round < 300; round++) {
            String name = stream + "_" + round;
            JetStreamConfig config = JetStreamConfig.builder().url(url).stream(name).subjectPrefix(prefix + ".r" + round).build();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Runnable connect = () -> {
                try {
                    start.await();
                    JetStreamOrderEvents j = JetStreamOrderEvents.connect(config);
                    synchronized (open) {
                        open.add(j);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            };
            Thread a = new Thread(connect);
            Thread b = new Thread(connect);
            a.start();
            b.start();
            a.join();
            b.join();
            assertThat(failures).as("round %d", round).isEmpty();
            Connection nc = Nats.connect(url);
            try {
                assertThat(nc.jetStreamManagement().getStreamInfo(name).getConfiguration().getSubjects())
                        .containsExactly(prefix + ".r" + round + ".>");
                nc.jetStreamManagement().deleteStream(name);
            } finally {
                nc.close();
            }
        }
    }

    @Test
    void aReaderNeverCreatesNorChangesAStream() throws Exception {
        JetStreamConfig other = JetStreamConfig.builder().url(url).stream(stream).subjectPrefix("elsewhere." + prefix)
                .duplicateWindow(Duration.ofSeconds(1)).maxAge(Duration.ofMinutes(1)).build();
        assertThatThrownBy(() -> JetStreamOrderEvents.reader(other)).hasMessageContaining("does not exist")
                .hasMessageContaining("never creates");
        Connection nc = Nats.connect(url);
        try {
            assertThatThrownBy(() -> nc.jetStreamManagement().getStreamInfo(stream)).as("still no stream")
                    .isInstanceOf(io.nats.client.JetStreamApiException.class);
            JetStreamOrderEvents j = connect(JetStreamConfig.builder());
            j.publish(new OrderEvent.Rejected("it", 1, "X", 1, CommandType.NEW, ResultCode.INVALID_PRICE));
            j.flush();
            var before = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
            try (OrderEventReader r = JetStreamOrderEvents.reader(other)) {
                assertThat(r.replay(1, 10)).hasSize(1);
                assertThat(r.storedCount()).isEqualTo(1);
            }
            var after = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
            assertThat(after.getSubjects()).isEqualTo(before.getSubjects());
            assertThat(after.getDuplicateWindow()).isEqualTo(before.getDuplicateWindow());
            assertThat(after.getMaxAge()).isEqualTo(before.getMaxAge());
        } finally {
            nc.close();
        }
    }

    @Test
    void twoPublishersWithTheSameEngineIdSeeTheCollisionCountedNotPublished() {
        JetStreamOrderEvents a = connect(JetStreamConfig.builder());
        JetStreamOrderEvents b = connect(JetStreamConfig.builder());
        for (long s = 1; s <= 50; s++) {
            a.publish(new OrderEvent.Rejected("same", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
        }
        a.flush();
        for (long s = 1; s <= 50; s++) {
            b.publish(new OrderEvent.Rejected("same", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
            b.publish(new OrderEvent.Rejected("other", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
        }
        b.flush();
        assertThat(a.published()).isEqualTo(50);
        assertThat(b.published()).as("only the other engine's events were stored").isEqualTo(50);
        assertThat(b.duplicates()).isEqualTo(50);
        assertThat(b.storedCount()).isEqualTo(100).isEqualTo(a.published() + b.published());
    }

    @Test
    void publishesThatFailAreRetriedWithTheSameIdUntilTheStreamTakesThem() throws Exception {
        JetStreamOrderEvents j = connect(JetStreamConfig.builder().retryDelay(Duration.ofMillis(50)));
        Connection nc = Nats.connect(url);
        try {
            nc.jetStreamManagement().deleteStream(stream);       // now every publish fails: no stream listens
            for (long s = 1; s <= 20; s++) {
                j.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (j.retried() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(j.retried()).as("every failed publish is retried").isGreaterThanOrEqualTo(20);
            assertThat(j.published()).isZero();
        } finally {
            nc.close();
        }
        connect(JetStreamConfig.builder());                      // creates the stream again
        j.flush();
        assertThat(j.published()).isEqualTo(20);
        assertThat(j.storedCount()).as("each event once, whatever the number of attempts").isEqualTo(20);
    }

    @Test
    void windowsOfEventsConfirmedByTheirLastOneStoreEveryEventOnceAndAPartialWindowClosesByItself() throws Exception {
        JetStreamOrderEvents j = connect(JetStreamConfig.builder().confirmEvery(100).confirmLinger(Duration.ofMillis(5)));
        for (long s = 1; s <= 1_050; s++) {
            j.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (j.published() < 1_050 && System.nanoTime() < deadline) {   // no flush: the last 50 linger, then go
            Thread.sleep(5);
        }
        assertThat(j.published()).isEqualTo(1_050);
        assertThat(j.retried()).isZero();
        assertThat(j.storedCount()).as("the closing duplicate of the partial window is dropped").isEqualTo(1_050);
        List<OrderEvent> got = new ArrayList<>();
        while (j.consume("windows", 500, Duration.ofMillis(500), got::add) > 0) {
            // read everything
        }
        assertThat(got).extracting(OrderEvent::seq).doesNotHaveDuplicates().hasSize(1_050);
    }

    @Test
    void aWindowThatCannotBeConfirmedIsPublishedAgainEventByEvent() throws Exception {
        JetStreamOrderEvents j = connect(JetStreamConfig.builder().confirmEvery(100).retryDelay(Duration.ofMillis(50)));
        Connection nc = Nats.connect(url);
        try {
            nc.jetStreamManagement().deleteStream(stream);   // plain publishes now vanish without an error
            for (long s = 1; s <= 250; s++) {
                j.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (j.retried() < 250 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(j.retried()).as("every event of every unconfirmed window goes again").isGreaterThanOrEqualTo(250);
            assertThat(j.published()).isZero();
        } finally {
            nc.close();
        }
        connect(JetStreamConfig.builder());                  // creates the stream again
        j.flush();
        assertThat(j.published()).isEqualTo(250);
        assertThat(j.storedCount()).as("each event once").isEqualTo(250);
    }

    @Test
    void aFullInFlightBoundDropsOrFailsWithoutBlockingThePublisher() {
        JetStreamOrderEvents drop = connect(JetStreamConfig.builder().maxInFlight(1).backpressure(Backpressure.DROP));
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                io.cift.messaging.internal.NatsJetStreamOrderEvents.class)) {
            for (long s = 1; s <= 2_000; s++) {
                drop.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
            }
            drop.flush();
            assertThat(drop.dropped()).isPositive();
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN, "dropped")).as("drops are logged, rate-limited")
                    .hasSizeBetween(1, 2);
        }
        assertThat(drop.published() + drop.dropped()).isEqualTo(2_000);
        assertThat(drop.storedCount()).isEqualTo(drop.published());

        JetStreamOrderEvents failing = connect(JetStreamConfig.builder().maxInFlight(1).backpressure(Backpressure.FAIL));
        assertThatThrownBy(() -> {
            for (long s = 10_000; s < 12_000; s++) {
                failing.publish(new OrderEvent.Rejected("it", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
            }
        }).isInstanceOf(PublishException.class).hasMessageContaining("more than 1 events in flight");
    }

    @Test
    void configurationRefusesBadValuesNamingThem() {
        assertThatThrownBy(() -> JetStreamConfig.builder().confirmEvery(0)).hasMessageContaining("confirmEvery must be between 1");
        assertThatThrownBy(() -> JetStreamConfig.builder().maxInFlight(10).confirmEvery(11).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("confirmEvery (11) must not exceed maxInFlight (10)");
        assertThatThrownBy(() -> JetStreamConfig.builder().confirmLinger(Duration.ZERO)).hasMessageContaining("confirmLinger");
        assertThatThrownBy(() -> JetStreamConfig.builder().url("http://x")).hasMessageContaining("url must start with nats://");
        assertThatThrownBy(() -> JetStreamConfig.builder().subjectPrefix("a.*")).hasMessageContaining("subjectPrefix");
        assertThatThrownBy(() -> JetStreamConfig.builder().maxInFlight(0)).hasMessageContaining("maxInFlight must be at least 1, got 0");
        assertThat(JetStreamConfig.builder().build().stream()).isEqualTo("CIFT_ORDERS");
    }
}
