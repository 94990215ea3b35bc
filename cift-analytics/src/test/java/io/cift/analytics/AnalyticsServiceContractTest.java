package io.cift.analytics;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link AnalyticsService} must do, with the same data and the same expected numbers.
 * Each implementation's test extends this class and supplies a fresh, empty service.
 */
public abstract class AnalyticsServiceContractTest {

    protected AnalyticsService service;

    /**
     * A fresh service with no data (for a database: empty tables).
     *
     * @return the service under test
     */
    protected abstract AnalyticsService newService();

    /** @return the backend name the service must put in its results */
    protected abstract String expectedBackend();

    @BeforeEach
    void open() {
        service = newService();
    }

    @AfterEach
    void close() {
        if (service != null) {   // null when the test was skipped before it had one
            service.close();
        }
    }

    private static PortfolioSnapshot snap(String user, String ts, String value) {
        return new PortfolioSnapshot(user, Instant.parse(ts), new BigDecimal(value));
    }

    private static Trade trade(String user, long id, String sym, Side side, String q, String p, String fee) {
        return new Trade(id, user, Instant.parse("2026-01-05T10:00:00Z").plusSeconds(id), sym, side,
                new BigDecimal(q), new BigDecimal(p), new BigDecimal(fee));
    }

    @Test
    void lastSnapshotOfEachUtcDayIsThatDaysValue() {
        service.ingestSnapshots(List.of(
                snap("alice", "2026-01-05T09:00:00Z", "50"),
                snap("alice", "2026-01-05T23:59:59Z", "100"),    // last of Jan 5
                snap("alice", "2026-01-06T00:00:00Z", "200"),
                snap("alice", "2026-01-06T16:00:00Z", "110"),    // last of Jan 6
                snap("alice", "2026-01-07T12:00:00Z", "99"),
                snap("alice", "2026-01-08T12:00:00Z", "108.9"),
                snap("bob", "2026-01-06T12:00:00Z", "1")));
        PerformanceReport r = service.performance(PerformanceQuery.of("alice"));
        assertThat(r.backend()).isEqualTo(expectedBackend());
        assertThat(r.values()).extracting(DailyValue::value).containsExactly(100.0, 110.0, 99.0, 108.9);
        assertThat(r.metrics().cumulativeReturn()).isCloseTo(0.089, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.metrics().maxDrawdown()).isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-12));

        PerformanceReport range = service.performance(PerformanceQuery.of("alice")
                .between(LocalDate.of(2026, 1, 6), LocalDate.of(2026, 1, 7)));
        assertThat(range.values()).extracting(DailyValue::date)
                .containsExactly(LocalDate.of(2026, 1, 6), LocalDate.of(2026, 1, 7));
        assertThat(service.performance(PerformanceQuery.of("nobody")).values()).isEmpty();
    }

    @Test
    void aMultiYearBackfillGoesInOneBatchWithItsMicroseconds() {
        // 2,520 trading days (ten years, 120 months) in one batch: a schema partitioned by month made a
        // current ClickHouse refuse this with TOO_MANY_PARTS (more than 100 partitions in one insert)
        List<PortfolioSnapshot> days = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        Instant t = Instant.parse("2016-01-04T21:00:00.123456Z");    // a Monday
        for (int d = 0; d < 2_520; d++, t = t.plus(java.time.Duration.ofDays(
                t.atZone(java.time.ZoneOffset.UTC).getDayOfWeek() == java.time.DayOfWeek.FRIDAY ? 3 : 1))) {
            days.add(new PortfolioSnapshot("backfill", t, BigDecimal.valueOf(1_000_000L + d, 2)));
            trades.add(new Trade(d + 1, "backfill", t.plusNanos(1_000L * (d % 1000)), "SYM", d % 2 == 0 ? Side.BUY : Side.SELL,
                    BigDecimal.ONE, new BigDecimal("100.25"), BigDecimal.ZERO));
        }
        service.ingestSnapshots(days);
        service.ingestTrades(trades);
        PerformanceReport r = service.performance(PerformanceQuery.of("backfill"));
        assertThat(r.values()).hasSize(2_520);
        assertThat(r.values().get(0).date()).isEqualTo(LocalDate.of(2016, 1, 4));
        assertThat(r.values().get(2_519).value()).isEqualTo(10_025.19);
        TradePage page = service.trades("backfill", 1_000, 3);
        assertThat(page.trades()).extracting(Trade::timestamp).containsExactly(
                trades.get(1_000).timestamp(), trades.get(1_001).timestamp(), trades.get(1_002).timestamp());
        assertThat(page.trades().get(1).timestamp().getNano()).as("microseconds kept").isEqualTo(123_456_000 + 1_000);
    }

    @Test
    void badSnapshotBatchStoresNothing() {
        assertThatThrownBy(() -> service.ingestSnapshots(List.of(
                snap("carol", "2026-01-05T10:00:00Z", "100"),
                snap("carol", "2026-01-06T10:00:00Z", "-5"))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 2");
        assertThat(service.performance(PerformanceQuery.of("carol")).values()).isEmpty();
    }

    @Test
    void pnlBreakdownUsesStoredMarksUnlessGiven() {
        service.ingestTrades(List.of(
                trade("dave", 1, "A", Side.BUY, "10", "100", "1"),
                trade("dave", 2, "A", Side.BUY, "10", "110", "1"),
                trade("dave", 3, "A", Side.SELL, "15", "120", "1.5"),
                trade("erin", 4, "A", Side.SELL, "1", "1", "0")));
        service.ingestMarks(List.of(new Mark("A", new BigDecimal("90"))));
        PnlReport stored = service.pnl("dave", PnlMethod.FIFO, Map.of());
        assertThat(stored.backend()).isEqualTo(expectedBackend());
        assertThat(stored.bySymbol().get("A").unrealizedPnl()).isEqualByComparingTo("-100");   // 5 x (90 - 110)
        PnlReport given = service.pnl("dave", PnlMethod.AVERAGE_COST, Map.of("A", new BigDecimal("100")));
        assertThat(given.bySymbol().get("A").realizedPnlGross()).isEqualByComparingTo("225");
        assertThat(given.totals().totalPnl()).isEqualByComparingTo("196.5");
        assertThat(given.bySymbol().get("A").tradeCount()).isEqualTo(3);
    }

    @Test
    void tradeSummaryAggregatesBySymbolForOneOrAllUsers() {
        service.ingestTrades(List.of(
                trade("hal", 1, "A", Side.BUY, "10", "100", "1"),
                trade("hal", 2, "A", Side.SELL, "4", "110.5", "0.5"),
                trade("hal", 3, "B", Side.SELL, "2", "50", "0"),
                trade("ivy", 4, "A", Side.SELL, "3", "90", "0.25")));
        service.ingestMarks(List.of(new Mark("A", new BigDecimal("105")), new Mark("B", new BigDecimal("40"))));
        TradeSummaryReport hal = service.tradeSummary("hal", Map.of());
        assertThat(hal.backend()).isEqualTo(expectedBackend());
        SymbolSummary a = hal.bySymbol().get("A");
        assertThat(a.tradeCount()).isEqualTo(2);
        assertThat(a.netQuantity()).isEqualByComparingTo("6");
        assertThat(a.grossTradedNotional()).isEqualByComparingTo("1442");          // 1000 + 442
        assertThat(a.cashFlow()).isEqualByComparingTo("-558");                      // 442 - 1000
        assertThat(a.totalPnl()).isEqualByComparingTo("70.5");                      // -558 - 1.5 + 6 x 105
        // the method-independent total agrees with the lot-matching breakdown
        assertThat(service.pnl("hal", PnlMethod.FIFO, Map.of()).bySymbol().get("A").totalPnl()).isEqualByComparingTo("70.5");
        TradeSummaryReport all = service.tradeSummary(null, Map.of("B", new BigDecimal("45")));
        assertThat(all.user()).isNull();
        assertThat(all.bySymbol()).containsOnlyKeys("A", "B");
        assertThat(all.bySymbol().get("A").tradeCount()).isEqualTo(3);
        assertThat(all.bySymbol().get("A").netQuantity()).isEqualByComparingTo("3");
        assertThat(all.bySymbol().get("A").sellCount()).isEqualTo(2);
        assertThat(all.bySymbol().get("B").marketValue()).isEqualByComparingTo("-90");   // given mark wins
    }

    @Test
    void tradeIngestIsIdempotentAndRefusesConflicts() {
        List<Trade> batch = List.of(trade("fay", 1, "A", Side.BUY, "1", "10", "0"));
        service.ingestTrades(batch);
        service.ingestTrades(batch);
        assertThat(service.trades("fay", Long.MIN_VALUE, 10).trades()).hasSize(1);
        assertThatThrownBy(() -> service.ingestTrades(List.of(
                trade("fay", 2, "A", Side.BUY, "1", "10", "0"),
                trade("fay", 1, "A", Side.BUY, "2", "10", "0"))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 2");
        assertThat(service.trades("fay", Long.MIN_VALUE, 10).trades()).as("nothing of the bad batch").hasSize(1);
    }

    @Test
    void twoCallersSendingTheSameTradesAtOnceStoreEachOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<Trade> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(trade("gus", round * 100L + i, "G", Side.BUY, "1", "10", "0"));
            }
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            Runnable send = () -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                service.ingestTrades(batch);
            };
            java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(send);
            send.run();
            other.get();
        }
        TradeSummaryReport s = service.tradeSummary("gus", Map.of());
        assertThat(s.bySymbol().get("G").tradeCount()).as("no trade counted twice").isEqualTo(200);
        assertThat(s.bySymbol().get("G").buyQuantity()).isEqualByComparingTo("200");
    }

    @Test
    void tradeHistoryPagesInTradeIdOrder() {
        List<Trade> batch = new ArrayList<>();
        for (long id = 25; id >= 1; id--) {
            batch.add(trade("gus", id * 10, "S" + (id % 3), id % 2 == 0 ? Side.BUY : Side.SELL, "1", "5", "0"));
        }
        service.ingestTrades(batch);
        List<Long> seen = new ArrayList<>();
        long cursor = Long.MIN_VALUE;
        int pages = 0;
        while (true) {
            TradePage p = service.trades("gus", cursor, 10);
            assertThat(p.backend()).isEqualTo(expectedBackend());
            p.trades().forEach(t -> seen.add(t.tradeId()));
            pages++;
            cursor = p.nextAfterTradeId();
            if (!p.hasMore()) {
                break;
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).isSorted().startsWith(10L, 20L).endsWith(250L);
        assertThat(service.trades("gus", 250, 10).trades()).isEmpty();
        assertThatThrownBy(() -> service.trades("gus", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAreStoredExactlyAtEveryMagnitudeAndSign() {
        // ten decimal places, the largest value a 64-bit integer holds at that scale and the next one above it,
        // 27 integer digits, an exponent, trailing zeros beyond ten places, and negative fees (rebates)
        String[][] qpf = {
                {"0.0000000001", "99999999.9999999999", "-0.0000000001"},
                {"100000000.0000000001", "123456789012345678901234567.5", "-99999999.9999999999"},
                {"1E+3", "5.50000000000000", "-100000000.0000000001"},
                {"922337203.6854775807", "922337203.6854775808", "-123456789012345678901234567.25"},
                {"1", "0.5", "0"}};
        List<Trade> batch = new ArrayList<>();
        for (int i = 0; i < qpf.length; i++) {
            batch.add(trade("ivy", i + 1, "D", Side.BUY, qpf[i][0], qpf[i][1], qpf[i][2]));
        }
        service.ingestTrades(batch);
        List<Trade> back = service.trades("ivy", Long.MIN_VALUE, 100).trades();
        assertThat(back).hasSize(qpf.length);
        for (int i = 0; i < qpf.length; i++) {
            Trade t = back.get(i);
            assertThat(t.quantity()).as("quantity " + qpf[i][0]).isEqualByComparingTo(qpf[i][0]);
            assertThat(t.price()).as("price " + qpf[i][1]).isEqualByComparingTo(qpf[i][1]);
            assertThat(t.fee()).as("fee " + qpf[i][2]).isEqualByComparingTo(qpf[i][2]);
        }
    }

    @Test
    void decimalsNoArithmeticCanKeepUpWithAreRefusedAndStoreNothing() {
        // one digit each, but adding anything to them or printing them plainly makes a hundred million
        String range = "must be below 10^28 in magnitude with at most 18 decimal places";
        assertThatThrownBy(() -> service.ingestTrades(List.of(trade("kim", 1, "A", Side.BUY, "1", "100", "0"),
                trade("kim", 2, "A", Side.SELL, "1", "1E+99999999", "0"))))
                .isInstanceOf(InvalidDataException.class).hasMessage("row 2: price " + range + ", got 1E+99999999");
        assertThatThrownBy(() -> service.ingestTrades(List.of(trade("kim", 1, "A", Side.BUY, "1", "100", "1E-99999999"))))
                .isInstanceOf(InvalidDataException.class).hasMessage("row 1: fee " + range + ", got 1E-99999999");
        assertThatThrownBy(() -> service.ingestTrades(List.of(trade("kim", 1, "A", Side.BUY, "10000000000000000000000000000", "1", "0"))))
                .as("10^28").isInstanceOf(InvalidDataException.class).hasMessageContaining("row 1: quantity " + range);
        assertThat(service.trades("kim", Long.MIN_VALUE, 10).trades()).isEmpty();
        assertThatThrownBy(() -> service.ingestSnapshots(List.of(new PortfolioSnapshot("kim", Instant.parse("2026-01-05T10:00:00Z"),
                BigDecimal.TEN, new BigDecimal("-1E+40"), null))))
                .isInstanceOf(InvalidDataException.class).hasMessage("row 1: cash " + range + ", got -1" + "0".repeat(40));
        assertThat(service.performance(PerformanceQuery.of("kim")).values()).isEmpty();
        assertThatThrownBy(() -> service.ingestMarks(List.of(new Mark("A", new BigDecimal("1E+30")))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 1: mark price of A " + range);
        service.ingestTrades(List.of(trade("kim", 1, "A", Side.BUY, "9999999999999999999999999999", "1", "0")));   // 28 digits
        assertThatThrownBy(() -> service.pnl("kim", PnlMethod.FIFO, Map.of("A", new BigDecimal("1E+99999999"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mark of A must be positive, below 10^28 in magnitude with at most 18 decimal places, got 1E+99999999");
        assertThatThrownBy(() -> service.tradeSummary(null, Map.of("A", new BigDecimal("-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mark of A must be positive");
        assertThat(service.pnl("kim", PnlMethod.FIFO, Map.of("A", BigDecimal.ONE)).bySymbol().get("A").unrealizedPnl())
                .isEqualByComparingTo("0");
    }

    @Test
    void userIdsAreData() {
        String evil = "o'brien\"; DROP TABLE trades; --";
        service.ingestSnapshots(List.of(snap(evil, "2026-01-05T10:00:00Z", "100"), snap(evil, "2026-01-06T10:00:00Z", "101")));
        service.ingestTrades(List.of(trade(evil, 1, "A", Side.BUY, "1", "10", "0")));
        assertThat(service.performance(PerformanceQuery.of(evil)).values()).hasSize(2);
        assertThat(service.trades(evil, Long.MIN_VALUE, 5).trades()).extracting(Trade::user).containsExactly(evil);
    }
}
