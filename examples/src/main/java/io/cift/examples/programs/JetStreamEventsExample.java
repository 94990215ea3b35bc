package io.cift.examples.programs;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.messaging.EventDeduplicator;
import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.OrderEventReader;
import io.cift.messaging.StoredEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Order events from an engine to NATS JetStream, and a consumer that processes each event exactly once.
 *
 * <p>Shows: a durable engine whose events go to JetStream from a consumer thread (never from the matching
 * thread), numbered {@code engineId-seq} so that ids never collide across engines and restarts; a durable
 * JetStream consumer that acknowledges what it processed; and an {@link EventDeduplicator} that makes a
 * redelivery or a replay of the whole stream harmless.
 *
 * <p>Needs NATS with JetStream ({@code scripts/services.sh start nats}), found through {@code CIFT_NATS_URL}
 * (default {@code nats://127.0.0.1:4222}); it uses the stream {@code CIFT_EXAMPLE} (created when missing).
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.JetStreamEventsExample}
 */
public final class JetStreamEventsExample {

    private JetStreamEventsExample() {
    }

    /**
     * Runs the example against the server the environment names.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String url = System.getenv("CIFT_NATS_URL");
        run(System.out, url == null || url.isBlank() ? "nats://127.0.0.1:4222" : url, "CIFT_EXAMPLE", "cift.example");
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @param natsUrl the NATS server
     * @param stream the stream to publish to
     * @param subjectPrefix the subjects' prefix
     */
    public static void run(PrintStream out, String natsUrl, String stream, String subjectPrefix) {
        JetStreamConfig config = JetStreamConfig.builder().url(natsUrl).stream(stream).subjectPrefix(subjectPrefix).build();
        Path journal = tempDir();
        java.time.Instant start = java.time.Instant.now();   // the stream may hold earlier runs' events
        try (JetStreamOrderEvents publisher = JetStreamOrderEvents.connect(config)) {
            DurableEngine engine = DurableEngine.open(DurableEngineConfig.builder(journal)
                    .engine(MatchingEngineConfig.builder().symbols("ESZ6").build())
                    .fsync(FsyncPolicy.BATCH)
                    .consumer("jetstream", publisher.asConsumer())    // its own thread, after the journal is durable
                    .build());
            try (engine) {
                for (long id = 1; id <= 20; id++) {
                    Side side = id % 2 == 0 ? Side.BUY : Side.SELL;
                    engine.submit("ESZ6", id, 100 + id % 3, side, OrderType.LIMIT, TimeInForce.GTC, 600_000 + id % 4, 5, false);
                }
            }   // close: every event is published before it returns
            publisher.flush();
            out.println("engine " + engine.engineId() + " published " + publisher.published() + " events");
        } finally {
            deleteTree(journal);
        }

        EventDeduplicator seen = new EventDeduplicator();
        Map<io.cift.messaging.EventType, Integer> processed = new EnumMap<>(io.cift.messaging.EventType.class);
        try (OrderEventReader reader = JetStreamOrderEvents.reader(config)) {
            int delivered = 0;
            int n;
            while ((n = reader.consume("example-consumer", 500, Duration.ofMillis(500), e -> process(e, seen, processed))) > 0) {
                delivered += n;
            }
            out.println("consumer: " + delivered + " delivered, processed " + processed);
            // a replay of this run's events (as after losing the consumer's acknowledgements) processes nothing twice
            int again = 0;
            for (StoredEvent s : reader.replay(start, 100_000)) {
                if (seen.firstTime(s.event())) {
                    again++;
                }
            }
            out.println("replay of this run's events: " + again + " events processed again");
        }
    }

    private static void process(OrderEvent e, EventDeduplicator seen, Map<io.cift.messaging.EventType, Integer> processed) {
        if (seen.firstTime(e)) {                  // (engine id, sequence): exactly once, whatever the broker redelivers
            processed.merge(e.type(), 1, Integer::sum);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("cift-example-journal-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
