package io.cift.cache;

import io.cift.analytics.DailyValue;
import io.cift.analytics.PerformanceAnalytics;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlCalculator;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AnalyticsCache} must do. */
public abstract class AnalyticsCacheContractTest {

    protected AnalyticsCache cache;
    /** A user id of this test run, so runs never share keys. */
    protected String user;

    protected abstract AnalyticsCache newCache();

    @BeforeEach
    void open() {
        cache = newCache();
        user = "u:" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        if (cache != null) {   // null when the test was skipped before it had one
            cache.close();
        }
    }

    static final ValueCodec<String> TEXT = new ValueCodec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    };

    @Test
    void aValueComputedAcrossAnInvalidationIsNotServedAfterIt() {
        String stale = cache.get(user, "q", TEXT, () -> {
            cache.invalidate(user);          // the data changed while this value was being computed
            return "computed-before-the-change";
        });
        assertThat(stale).isEqualTo("computed-before-the-change");
        assertThat(cache.get(user, "q", TEXT, () -> "fresh")).isEqualTo("fresh");
        assertThat(cache.get(user, "q", TEXT, () -> "again")).as("and the fresh one is cached").isEqualTo("fresh");
    }

    @Test
    void readThroughComputesOnceThenHits() {
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.get(user, "q", TEXT, () -> "v" + computed.incrementAndGet())).isEqualTo("v1");
        }
        assertThat(computed).hasValue(1);
        assertThat(cache.stats().hits()).isEqualTo(4);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.get(user, "other", TEXT, () -> "w")).isEqualTo("w");
    }

    @Test
    void invalidationMakesEveryQueryOfThatUserStaleAndOnlyThatUser() {
        String other = user + "-other";
        cache.get(user, "a", TEXT, () -> "old-a");
        cache.get(user, "b", TEXT, () -> "old-b");
        cache.get(other, "a", TEXT, () -> "other-a");
        cache.invalidate(user);
        assertThat(cache.get(user, "a", TEXT, () -> "new-a")).isEqualTo("new-a");
        assertThat(cache.get(user, "b", TEXT, () -> "new-b")).isEqualTo("new-b");
        assertThat(cache.get(other, "a", TEXT, () -> "recomputed")).isEqualTo("other-a");
    }

    @Test
    void aBurstOfIdenticalMissesComputesOnce() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.get(user, "slow", TEXT, () -> {
                        computed.incrementAndGet();
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "done";
                    });
                }));
            }
            go.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("done");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).hasValue(1);
        assertThat(cache.stats().computations()).isEqualTo(1);
    }

    @Test
    void userIdsThatLookLikeKeysCannotReachEachOthersValues() {
        cache.get(user + ":1", "q", TEXT, () -> "first");
        assertThat(cache.get(user, "1:q", TEXT, () -> "second")).isEqualTo("second");
        cache.invalidate(user + ":1");
        assertThat(cache.get(user, "1:q", TEXT, () -> "third")).isEqualTo("second");
    }

    @Test
    void reportsComeBackExactlyIncludingNaNDatesAndDecimals() {
        List<DailyValue> v = List.of(new DailyValue(LocalDate.of(2026, 1, 30), 100), new DailyValue(LocalDate.of(2026, 2, 2), 100),
                new DailyValue(LocalDate.of(2026, 2, 3), 100));
        PerformanceReport perf = PerformanceAnalytics.compute(v, null, "embedded");
        assertThat(perf.metrics().sharpeRatio()).isNaN();
        ValueCodec<PerformanceReport> pc = ValueCodec.json(PerformanceReport.class);
        cache.get(user, "perf", pc, () -> perf);
        assertThat(cache.get(user, "perf", pc, () -> null)).isEqualTo(perf);

        PnlReport pnl = PnlCalculator.compute(List.of(
                new Trade(1, user, Instant.parse("2026-01-05T10:00:00Z"), "A", Side.BUY, new BigDecimal("3"), new BigDecimal("10.10"), new BigDecimal("0.01")),
                new Trade(2, user, Instant.parse("2026-01-05T10:00:01Z"), "B", Side.SELL, new BigDecimal("1"), new BigDecimal("5"), BigDecimal.ZERO),
                new Trade(3, user, Instant.parse("2026-01-05T10:00:02Z"), "B", Side.BUY, new BigDecimal("1"), new BigDecimal("4"), BigDecimal.ZERO)),
                Map.of("A", new BigDecimal("10.25")), PnlMethod.FIFO, "postgresql");
        ValueCodec<PnlReport> nc = ValueCodec.json(PnlReport.class);
        cache.get(user, "pnl", nc, () -> pnl);
        PnlReport back = cache.get(user, "pnl", nc, () -> null);
        assertThat(back.backend()).isEqualTo("postgresql");
        assertThat(back.bySymbol().get("A").unrealizedPnl()).isEqualByComparingTo("0.45");
        assertThat(back.bySymbol().get("B").averageOpenCost()).isNull();
        assertThat(back.totals().totalPnl()).isEqualByComparingTo(pnl.totals().totalPnl());
    }
}
