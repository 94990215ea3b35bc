package io.cift.messaging;

import io.cift.core.journal.Commands;
import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedFlows;
import io.cift.core.feed.FeedMessage;
import io.cift.core.feed.OrderFeed;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order feed over a real NATS server: a durable engine's consumer publishes it, one subscriber follows
 * it from the start and one joins late, asks for a snapshot at its first gap and is whole from it; both
 * end with the engine's book.
 */
class NatsFeedIT {

    @TempDir
    Path tmp;

    /** A subscriber with a lenient book builder that asks for a snapshot at each gap. */
    private static final class Follower implements AutoCloseable {
        final List<long[]> gaps = new CopyOnWriteArrayList<>();
        final BookBuilder books;
        final FeedSubscription subscription;
        volatile long last;

        Follower(String url, String prefix) {
            FeedSubscription[] self = new FeedSubscription[1];
            books = new BookBuilder(false).onGap((first, lastMissing, reason) -> {
                gaps.add(new long[] {first, lastMissing});
                self[0].requestSnapshot();
            });
            subscription = FeedSubscription.nats(url, prefix, m -> {
                synchronized (this) {
                    books.accept(m);
                    last = m.seq();
                }
            });
            self[0] = subscription;
        }

        synchronized List<io.cift.core.feed.L3Order> orders() {
            return books.orders();
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    @Test
    void aLateJoinerAsksForASnapshotAndBothFollowersEndWithTheEnginesBook() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String prefix = "cift.it.feed." + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<Commands.Command> flow = FeedFlows.random(31, 30_000);
        try (FeedPublisher publisher = FeedPublisher.nats(url, prefix);
             Follower early = new Follower(url, prefix)) {
            OrderFeed feed = new OrderFeed(publisher, 0);   // snapshots only when asked
            publisher.serveSnapshotRequests(feed);
            Follower late = null;
            DurableEngine engine = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("j")).fsync(FsyncPolicy.NONE)
                    .consumer("feed", EnumSet.allOf(EngineEvent.Kind.class), feed.handler()).build());
            AtomicInteger sent = new AtomicInteger();
            try {
                for (Commands.Command c : flow) {
                    c.applyTo(engine);
                    int n = sent.incrementAndGet();
                    if (n == 10_000) {
                        late = new Follower(url, prefix);       // joins with the feed well under way
                    }
                    if (n % 500 == 0) {
                        Thread.sleep(5);                   // a live session, not a burst: the late joiner's request lands mid-flow
                    }
                }
            } finally {
                engine.close();                            // every event handed to the feed
            }
            try (Follower joined = late) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((early.last < feed.lastSequence() || joined.last < feed.lastSequence()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<io.cift.core.feed.L3Order> book = FeedFlows.engineOrders(engine);
                assertThat(book).as("a deep book").hasSizeGreaterThan(1_000);
                assertThat(early.gaps).as("the early follower lost nothing").isEmpty();
                assertThat(early.orders()).isEqualTo(book);
                assertThat(joined.gaps).as("the late joiner's first message is a gap").isNotEmpty();
                assertThat(joined.gaps.get(0)[0]).isEqualTo(1);
                assertThat(joined.books.snapshotApplied()).as("whole from the snapshot it asked for").isTrue();
                assertThat(joined.books.inSync()).isTrue();
                assertThat(joined.orders()).isEqualTo(book);
                assertThat(publisher.published()).isEqualTo(feed.lastSequence());
            }
        }
    }

    @Test
    void aFeedKeptInJetStreamReplaysIntoTheEnginesBook() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String prefix = "cift.it.kept." + id;
        String stream = "CIFT_FEED_" + id.toUpperCase(java.util.Locale.ROOT);
        io.nats.client.Connection admin = io.nats.client.Nats.connect(url);
        try {
            FeedPublisher publisher = FeedPublisher.nats(url, prefix);
            publisher.persistIn(stream, 1);
            publisher.persistIn(stream, 1);                        // again: the stream is as wanted
            OrderFeed feed = new OrderFeed(publisher, 4_000);
            DurableEngine engine = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("k")).fsync(FsyncPolicy.NONE)
                    .consumer("feed", EnumSet.allOf(EngineEvent.Kind.class), feed.handler()).build());
            try {
                FeedFlows.random(37, 12_000).forEach(c -> c.applyTo(engine));
            } finally {
                engine.close();                                    // every event handed to the feed
                publisher.close();                                 // flushed: the server has every message
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (admin.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount() < feed.lastSequence()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            BookBuilder books = new BookBuilder(true);
            long read = FeedSubscription.replay(url, stream, books::accept);
            assertThat(read).isEqualTo(feed.lastSequence());
            assertThat(books.orders()).isEqualTo(FeedFlows.engineOrders(engine));
            try (FeedPublisher other = FeedPublisher.nats(url, prefix + ".x")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.persistIn(stream, 1))
                        .hasMessageContaining("exists with subjects");
            }
        } finally {
            try {
                admin.jetStreamManagement().deleteStream(stream);
            } finally {
                admin.close();
            }
        }
    }
}
