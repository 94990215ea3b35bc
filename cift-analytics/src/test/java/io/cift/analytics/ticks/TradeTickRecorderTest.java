package io.cift.analytics.ticks;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TradeTickRecorderTest {

    @Test
    void recordsEachEngineTradeAsATradeTickAtTheClocksTime() {
        TickStore store = TickStore.embedded();
        AtomicLong clock = new AtomicLong(1_709_285_400_000_000L);   // 2024-03-01T09:30:00Z
        TradeTickRecorder recorder = new TradeTickRecorder(store, 0.25, 10, () -> clock.getAndAdd(30_000_000L));
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().symbols("ES").listener(recorder).build());
        engine.submit("ES", 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 400, 5, false);    // 100.00
        engine.submit("ES", 2, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 401, 5, false);    // 100.25
        engine.submit("ES", 3, 2, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 0, 7, false);      // 5 @ 400, 2 @ 401

        List<Tick> ticks = store.ticks("ES", Instant.parse("2024-03-01T09:00:00Z"), Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(ticks).containsExactly(
                Tick.trade("ES", 1_709_285_400_000_000L, 100.0, 50),
                Tick.trade("ES", 1_709_285_430_000_000L, 100.25, 20));
        assertThat(recorder.recorded()).isEqualTo(2);
        assertThat(recorder.failures()).isZero();
        assertThat(store.bars("ES", BarInterval.MINUTE, Instant.parse("2024-03-01T09:30:00Z"),
                Instant.parse("2024-03-01T09:31:00Z"))).containsExactly(
                new Bar(1_709_285_400_000_000L, 100, 100.25, 100, 100.25, 70, (5000.0 + 2005) / 70, 2));
    }

    @Test
    void aStoreFailureIsCountedNotThrownIntoTheEngine() {
        TickStore store = TickStore.embedded();
        store.close();
        TradeTickRecorder recorder = new TradeTickRecorder(store, 1, 1, () -> 1L);
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().symbols("ES").listener(recorder).build());
        engine.submit("ES", 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
        engine.submit("ES", 2, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
        assertThat(recorder.failures()).isEqualTo(1);
        assertThat(recorder.recorded()).isZero();
        assertThat(recorder.lastFailure()).hasMessageContaining("closed");
        assertThat(engine.book("ES").orElseThrow().orderCount()).isZero();   // the trade happened anyway
    }
}
