package io.cift.core.journal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Events reach asynchronous consumers off the matching thread, after durability, whatever the consumers do. */
class ConsumerHandOffTest {

    @TempDir
    Path tmp;

    private static DurableEngineConfig.Builder config(Path dir) {
        return DurableEngineConfig.builder(dir).snapshotEvery(0);
    }

    /**
     * An engine closed right after its commands, before its consumer's thread has even started (two cores, other
     * engines busy beside it): close still hands the consumer every event. Disruptor's own shutdown does not wait
     * for a consumer that is not running yet, and a demo run once reported 0 events published.
     */
    @Test
    void anEngineClosedAtOnceStillDeliversEveryEventToItsConsumers() throws Exception {
        int engines = 150;
        java.util.concurrent.atomic.AtomicInteger missed = new java.util.concurrent.atomic.AtomicInteger();
        Runnable runs = () -> {
            for (int k = 0; k < engines; k++) {
                AtomicLong seen = new AtomicLong();
                long events;
                try (DurableEngine e = DurableEngine.open(config(tmp.resolve(Thread.currentThread().getName() + "-" + k))
                        .fsync(FsyncPolicy.NONE).segmentBytes(65_536).journalBufferBytes(65_536).eventRingSize(64)
                        .consumer("count", (ev, end) -> seen.incrementAndGet()).build())) {
                    e.submit("X", 1, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
                    e.submit("X", 2, 8, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
                    events = e.events();
                }
                if (seen.get() != events) {
                    missed.incrementAndGet();
                }
            }
        };
        Thread a = new Thread(runs, "a");
        Thread b = new Thread(runs, "b");
        a.start();
        b.start();
        a.join();
        b.join();
        assertThat(missed).as("engines whose consumer missed events at close").hasValue(0);
    }

    @Test
    void consumersSeeOnlyDurableCommandsOnTheirOwnThreadsAndFailuresAreContained() {
        List<Commands.Command> cmds = Commands.random(11, 20_000);
        AtomicReference<DurableEngine> engine = new AtomicReference<>();
        AtomicLong notDurable = new AtomicLong();
        AtomicLong onMatchingThread = new AtomicLong();
        Thread matching = Thread.currentThread();
        EventLog log = new EventLog();
        AtomicLong calls = new AtomicLong();
        AtomicLong slowCalls = new AtomicLong();
        EngineEventHandler checking = (e, end) -> {
            if (engine.get().durableSequence() < e.commandSequence()) {
                notDurable.incrementAndGet();
            }
            if (Thread.currentThread() == matching) {
                onMatchingThread.incrementAndGet();
            }
        };
        EngineEventHandler throwing = (e, end) -> {
            if (calls.incrementAndGet() % 7 == 0) {
                throw new IllegalStateException("consumer failure");
            }
        };
        EngineEventHandler sleeping = (e, end) -> {
            if (e.eventSequence() % 5_000 == 0) {
                slowCalls.incrementAndGet();
                Thread.sleep(20);
            }
        };
        EventLog syncLog = new EventLog();
        long events;
        DurableEngine e = DurableEngine.open(config(tmp.resolve("j"))
                .engine(MatchingEngineConfig.builder().listener(syncLog).build())
                .consumer("log", log).consumer("check", checking).consumer("throw", throwing).consumer("sleep", sleeping)
                .build());
        {
            engine.set(e);
            for (Commands.Command c : cmds) {
                c.applyTo(e);
            }
            events = e.events();
            e.close();
            assertThat(e.consumerFailures()).isEqualTo(events / 7);
            assertThat(e.eventsDropped()).isZero();
        }
        assertThat(notDurable).hasValue(0);
        assertThat(onMatchingThread).hasValue(0);
        assertThat(calls).hasValue(events);
        assertThat(slowCalls.get()).isPositive();
        assertThat(log.snapshot()).isEqualTo(syncLog.snapshot());   // same events, same order
        assertThat(log.eventSeqs).hasSize((int) events);
    }

    @Test
    void aBlockedConsumerMakesWaitRefuseAfterItsTimeoutAndNeverHalfAppliesACommand() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        EngineEventHandler blocked = (e, end) -> release.await(30, TimeUnit.SECONDS);
        AtomicLong seen = new AtomicLong();
        EngineEventHandler counting = (e, end) -> seen.incrementAndGet();
        DurableEngine e = DurableEngine.open(config(tmp.resolve("wait")).eventRingSize(64).lagReserve(8)
                .lagTimeout(Duration.ofMillis(50)).consumer("blocked", blocked).consumer("count", counting).build());
        {
            int accepted = 0;
            ResultCode last = ResultCode.ACCEPTED;
            for (int i = 1; i <= 200 && last == ResultCode.ACCEPTED; i++) {
                last = e.submit("A", i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, false);
                if (last == ResultCode.ACCEPTED) {
                    accepted++;
                }
            }
            assertThat(last).isEqualTo(ResultCode.CONSUMERS_BEHIND);
            assertThat(accepted).isBetween(50, 64);
            assertThat(e.lastSequence()).isEqualTo(accepted);   // the refused command was not journaled
            assertThat(e.book("A").orElseThrow().orderCount()).isEqualTo(accepted);
            // a sweep with more events than the reserve still goes through whole once there is room
            release.countDown();
            assertThat(e.submit("A", 10_000, 2, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, accepted, false))
                    .isEqualTo(ResultCode.ACCEPTED);
            assertThat(e.book("A").orElseThrow().orderCount()).isZero();
            long events = e.events();
            e.close();
            assertThat(seen.get()).isEqualTo(events);
        }
    }

    @Test
    void rejectRefusesAtOnceAndDropCountsWhatItDrops() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        EngineEventHandler blocked = (e, end) -> release.await(30, TimeUnit.SECONDS);
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("reject")).eventRingSize(64).lagReserve(8)
                .lagPolicy(LagPolicy.REJECT).consumer("blocked", blocked).build())) {
            ResultCode last = ResultCode.ACCEPTED;
            long t0 = System.nanoTime();
            for (int i = 1; i <= 200 && last == ResultCode.ACCEPTED; i++) {
                last = e.submit("A", i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, false);
            }
            assertThat(last).isEqualTo(ResultCode.CONSUMERS_BEHIND);
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            release.countDown();
        }
        CountDownLatch release2 = new CountDownLatch(1);
        EngineEventHandler blocked2 = (e, end) -> release2.await(30, TimeUnit.SECONDS);
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("drop")).eventRingSize(64)
                .lagPolicy(LagPolicy.DROP).consumer("blocked", blocked2).build())) {
            for (int i = 1; i <= 200; i++) {
                assertThat(e.submit("A", i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, false))
                        .isEqualTo(ResultCode.ACCEPTED);
            }
            assertThat(e.eventsDropped()).isBetween(200L - 64, 200L - 60);
            assertThat(e.book("A").orElseThrow().orderCount()).isEqualTo(200);
            release2.countDown();
        }
    }

    @Test
    void aListenerWrittenForTheSynchronousEngineWorksAsAConsumer() {
        EventLog sync = new EventLog();
        EventLog async = new EventLog();
        OrderBookListener asListener = async;
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("j"))
                .engine(MatchingEngineConfig.builder().listener(sync).build())
                .consumer("adapter", EngineEventHandler.of(asListener)).build())) {
            for (Commands.Command c : Commands.random(12, 3_000)) {
                c.applyTo(e);
            }
        }
        assertThat(async.snapshot()).isEqualTo(sync.snapshot()).isNotEmpty();
    }
}
