package io.cift.core.journal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.feed.FeedCsv;
import io.cift.core.feed.OrderFeed;
import io.cift.core.risk.AccountLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journal followers: a copy of the engine replaying its journal on a thread of its own must hand its handler the very
 * events a consumer of every kind gets from the engine, numbered alike, across segment rolls, reopening, a risk gate,
 * and a handler that throws.
 */
class JournalFollowerTest {

    private static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder()
            .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).initialOrderCapacity(16).build();

    @TempDir
    Path tmp;

    /** Events as lines with their numbers: what must be equal between a consumer and a follower. */
    private static final class Numbered implements EngineEventHandler {
        final EventLog log = new EventLog();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        int batchEnds;

        @Override
        public void onEvent(EngineEvent e, boolean endOfBatch) {
            int before = log.lines.size();
            log.onEvent(e, endOfBatch);
            lines.add(e.engineId() + " " + e.commandSequence() + " " + e.eventSequence() + " " + e.tradeSequence() + " "
                    + log.lines.get(before));
            if (endOfBatch) {
                batchEnds++;
            }
        }
    }

    private static void apply(DurableEngine e, List<Commands.Command> cmds, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(cmds.get(i).applyTo(e)).as("command %d", i).isNotIn(ResultCode.JOURNAL_UNAVAILABLE,
                    ResultCode.CONSUMERS_BEHIND);
        }
    }

    @Test
    void aFollowerGetsTheConsumersEventsAcrossSegmentRollsAndReopening() {
        Path dir = tmp.resolve("j");
        List<Commands.Command> cmds = Commands.random(17, 30_000);
        Numbered consumer = new Numbered();
        Numbered follower = new Numbered();
        // small segments: the follower follows the writer from segment to segment
        DurableEngineConfig.Builder config = DurableEngineConfig.builder(dir).engine(ENGINE).snapshotEvery(7_000)
                .segmentBytes(64 << 10).fsync(FsyncPolicy.NONE);
        try (DurableEngine e = DurableEngine.open(config.consumer("all", consumer).follower("copy", follower).build())) {
            apply(e, cmds, 0, 20_000);
        }
        assertThat(consumer.lines).hasSizeGreaterThan(20_000);
        assertThat(follower.lines).containsExactlyElementsOf(consumer.lines);
        assertThat(follower.batchEnds).isPositive();

        // reopened: the follower starts from the recovered state (a snapshot and the journal after it)
        Numbered consumer2 = new Numbered();
        Numbered follower2 = new Numbered();
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(dir).engine(ENGINE).snapshotEvery(7_000)
                .segmentBytes(64 << 10).consumer("all", consumer2).follower("copy", follower2).build())) {
            apply(e, cmds, 20_000, cmds.size());
        }
        assertThat(consumer2.lines).isNotEmpty();
        assertThat(follower2.lines).containsExactlyElementsOf(consumer2.lines);
    }

    @Test
    void anOrderFeedMadeByAFollowerEqualsOneMadeByAConsumer() {
        List<Commands.Command> cmds = Commands.random(5, 20_000);
        StringWriter fromConsumer = new StringWriter();
        StringWriter fromFollower = new StringWriter();
        OrderFeed a = new OrderFeed(FeedCsv.writer(fromConsumer), 1_000);
        OrderFeed b = new OrderFeed(FeedCsv.writer(fromFollower), 1_000);
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("f")).engine(ENGINE)
                .consumer("feed", a.handler()).follower("feed-copy", b.handler()).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        a.endOfInput();
        b.endOfInput();
        assertThat(a.lastSequence()).isGreaterThan(10_000);
        assertThat(fromFollower.toString()).isEqualTo(fromConsumer.toString());
    }

    @Test
    void aFollowerBehindARiskGateMakesTheGatesRefusalsToo() {
        GatedDurableEngineTest.HandClock clock = new GatedDurableEngineTest.HandClock();
        Numbered consumer = new Numbered();
        Numbered follower = new Numbered();
        List<Commands.Command> cmds = Commands.random(3, 10_000);
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("g")).engine(ENGINE)
                .riskGate(clock).consumer("all", consumer).follower("copy", follower).build())) {
            for (long owner = 0; owner < 16; owner++) {
                e.setAccountLimits(owner, AccountLimits.builder().maxOrderQuantity(40).maxOpenOrders(30).build());
            }
            for (int i = 0; i < cmds.size(); i++) {
                clock.now += 1_000;
                cmds.get(i).applyTo(e);
            }
        }
        assertThat(consumer.log.lines).anyMatch(l -> l.startsWith("R "));
        assertThat(follower.lines).containsExactlyElementsOf(consumer.lines);
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheFollowerGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        Numbered seen = new Numbered();
        EngineEventHandler flaky = (ev, end) -> {
            if (calls.incrementAndGet() % 7 == 0) {
                throw new IllegalStateException("every 7th event");
            }
            seen.onEvent(ev, end);
        };
        Numbered consumer = new Numbered();
        List<Commands.Command> cmds = Commands.random(11, 5_000);
        DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("t")).engine(ENGINE)
                .consumer("all", consumer).follower("flaky", flaky).build());
        apply(e, cmds, 0, cmds.size());
        e.close();   // waits for the follower
        long failures = e.consumerFailures();
        assertThat(calls.get()).isEqualTo(consumer.lines.size());
        assertThat(failures).isEqualTo(calls.get() / 7);
        assertThat(seen.lines).hasSize(calls.get() - calls.get() / 7);
        assertThat(consumer.lines).containsAll(seen.lines);
    }

    /** A follower whose handler is stuck falls behind; the engine goes on taking commands, and the follower catches up. */
    @Test
    void aStuckFollowerDoesNotHoldTheEngineUp() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Numbered follower = new Numbered();
        EngineEventHandler stuck = (ev, end) -> {
            release.await();
            follower.onEvent(ev, end);
        };
        Numbered consumer = new Numbered();
        List<Commands.Command> cmds = Commands.random(23, 50_000);
        DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("s")).engine(ENGINE)
                .journalBufferBytes(64 << 10).consumer("all", consumer).follower("stuck", stuck).build());
        try {
            // far more commands than the journal's ring holds: only a follower that holds nothing up lets them all in
            apply(e, cmds, 0, cmds.size());
            assertThat(e.awaitDurable(cmds.size(), java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(follower.lines).isEmpty();
        } finally {
            release.countDown();
            e.close();
        }
        assertThat(follower.lines).containsExactlyElementsOf(consumer.lines);
    }
}
