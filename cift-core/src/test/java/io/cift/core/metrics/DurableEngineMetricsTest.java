package io.cift.core.metrics;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurableEngineMetricsTest {

    @TempDir
    Path dir;

    @Test
    void theMetersReadTheEnginesCounters() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(dir).fsync(FsyncPolicy.BATCH)
                .engine(MatchingEngineConfig.builder().symbols("X").build()).build())) {
            new DurableEngineMetrics(e, Tag.of("desk", "rates")).bindTo(r);
            e.submit("X", 1, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 10, false);
            e.submit("X", 2, 8, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 4, false);     // trades 4
            e.submit("X", 1, 8, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 101, 4, false);    // order 1 still rests
            e.cancel("X", 99);                                                                 // unknown id
            assertThat(e.awaitDurable(4, Duration.ofSeconds(5))).isTrue();

            assertThat(r.get(DurableEngineMetrics.COMMANDS).tag("engine", e.engineId()).tag("desk", "rates")
                    .functionCounter().count()).isEqualTo(4);
            assertThat(r.get(DurableEngineMetrics.DURABLE).functionCounter().count()).isEqualTo(4);
            assertThat(r.get(DurableEngineMetrics.JOURNAL_LAG).gauge().value()).isZero();
            assertThat(r.get(DurableEngineMetrics.TRADES).functionCounter().count()).isEqualTo(1);
            assertThat(r.get(DurableEngineMetrics.VOLUME).functionCounter().count()).isEqualTo(4);
            assertThat(r.get(DurableEngineMetrics.REJECTS).tag("reason", "DUPLICATE_ORDER_ID").functionCounter().count())
                    .isEqualTo(1);
            assertThat(r.get(DurableEngineMetrics.REJECTS).tag("reason", "UNKNOWN_ORDER_ID").functionCounter().count())
                    .isEqualTo(1);
            assertThat(r.get(DurableEngineMetrics.REJECTS).tag("reason", "INVALID_PRICE").functionCounter().count()).isZero();
            assertThat(r.find(DurableEngineMetrics.REJECTS).tag("reason", "ACCEPTED").functionCounter()).isNull();

            // one command in 1,024 is timed: commands 1024 and 2048 of 2,500
            for (long id = 100; id < 2_596; id++) {
                e.submit("X", id, 9, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 50, 1, false);
            }
            assertThat(e.awaitDurable(2_500, Duration.ofSeconds(5))).isTrue();
            assertThat(r.get(DurableEngineMetrics.COMMAND_LATENCY).functionTimer().count()).isEqualTo(2);
            assertThat(r.get(DurableEngineMetrics.COMMAND_LATENCY).functionTimer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                    .isPositive();
            assertThat(r.get(DurableEngineMetrics.COMMAND_LATENCY_MAX).timeGauge().value(java.util.concurrent.TimeUnit.NANOSECONDS))
                    .isPositive();
            assertThat(r.get(DurableEngineMetrics.FSYNC).functionTimer().count()).as("group commit forced batches").isPositive();
        }
    }
}
