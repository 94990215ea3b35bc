package io.cift.analytics.ticks.internal;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QueuedTickStore;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;
import io.cift.analytics.ticks.TickStoreException;
import io.cift.analytics.ticks.TradeTickRecorder;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queued store: writes never wait for the underlying store, a full queue drops and counts, close drains. */
class OffThreadTickStoreTest {

    private static final long T0 = 1_767_600_000_000_000L;
    private static final Instant END = Instant.ofEpochSecond(4_000_000_000L);

    /** An embedded store that records which threads wrote and can be held still. */
    private static class Watched implements TickStore {
        final TickStore inner = TickStore.embedded();
        final Set<String> writers = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public String backend() {
            return "watched";
        }

        @Override
        public void write(Tick tick) {
            writers.add(Thread.currentThread().getName());
            entered.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inner.write(tick);
        }

        @Override
        public void write(List<Tick> ticks) {
            inner.write(ticks);
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public long confirmed() {
            return inner.confirmed();
        }

        @Override
        public List<Tick> ticks(String symbol, Instant from, Instant to) {
            return inner.ticks(symbol, from, to);
        }

        @Override
        public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to) {
            return inner.bars(symbol, interval, from, to);
        }

        @Override
        public Map<String, Tick> latest(Collection<String> symbols) {
            return inner.latest(symbols);
        }

        @Override
        public OptionalDouble vwap(String symbol, Instant from, Instant to) {
            return inner.vwap(symbol, from, to);
        }

        @Override
        public void close() {
            // the inner embedded store keeps its ticks for the test to read
        }
    }

    @Test
    void ticksReachTheStoreOnTheWriterThreadAndAFlushWaitsForThem() {
        Watched w = new Watched();
        try (QueuedTickStore q = TickStore.offThread(w, 1024)) {
            for (int i = 0; i < 500; i++) {
                q.write(Tick.trade("A", T0 + i, 10, 1));
            }
            q.flush();
            assertThat(q.ticks("A", Instant.EPOCH, END)).hasSize(500);
            assertThat(w.writers).containsExactly("cift-tick-writer");
            q.write(List.of(Tick.trade("A", T0 + 1_000, 11, 1)));
            assertThat(q.ticks("A", Instant.EPOCH, END)).hasSize(501);
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        Watched w = new Watched();
        w.hold = new CountDownLatch(1);
        QueuedTickStore q = TickStore.offThread(w, 4);
        TradeTickRecorder recorder = new TradeTickRecorder(q, 1, 1, () -> T0);
        recorder.onTrade("A", 1, 1, 2, 2, Side.BUY, 10, 1, 0, 0);
        assertThat(w.entered.await(5, TimeUnit.SECONDS)).as("the writer thread holds the first tick").isTrue();
        for (int i = 0; i < 4; i++) {
            recorder.onTrade("A", 1, 1, 2, 2, Side.BUY, 10 + i, 1, 0, 0);       // fills the queue
        }
        long t0 = System.nanoTime();
        recorder.onTrade("A", 1, 1, 2, 2, Side.BUY, 99, 1, 0, 0);
        assertThat(System.nanoTime() - t0).as("never waits for the stalled store").isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(q.dropped()).isEqualTo(1);
        assertThat(recorder.failures()).isEqualTo(1);
        assertThat(recorder.lastFailure()).isInstanceOf(TickStoreException.class).hasMessageContaining("queue is full");
        assertThatThrownBy(() -> q.write(Tick.trade("A", T0, 1, 1))).isInstanceOf(TickStoreException.class);
        w.hold.countDown();
        q.close();                                          // drains what was queued
        assertThat(w.inner.ticks("A", Instant.EPOCH, END)).hasSize(5);
        assertThatThrownBy(() -> q.write(Tick.trade("A", T0, 1, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingStoreIsCountedOnTheWriterThread() {
        Watched w = new Watched() {
            @Override
            public void write(Tick tick) {
                throw new TickStoreException("refused", 1, false, null);
            }
        };
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(OffThreadTickStore.class);
             QueuedTickStore q = TickStore.offThread(w, 16)) {
            q.write(Tick.trade("A", T0, 10, 1));
            q.flush();
            assertThat(q.writeFailures()).isEqualTo(1);
            assertThat(q.lastWriteFailure()).get().extracting(Throwable::getMessage).isEqualTo("refused");
            q.write(Tick.trade("A", T0 + 1, 10, 1));
            q.write(Tick.trade("A", T0 + 2, 10, 1));
            q.flush();
            assertThat(q.writeFailures()).isEqualTo(3);
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN)).as("three failures, one warning")
                    .singleElement().asString().contains("failed a write (failure #1").contains("refused");
        }
    }
}
