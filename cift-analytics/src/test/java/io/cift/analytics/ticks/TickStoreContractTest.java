package io.cift.analytics.ticks;

import io.cift.analytics.InvalidDataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cases every {@link TickStore} must pass with the same numbers. Prices and sizes are chosen so
 * that every sum is exact in binary floating point; the expected bars are worked out by hand in the
 * comments. Implementations give a fresh, empty store per test.
 */
public abstract class TickStoreContractTest {

    /** 2024-03-01T09:30:00Z in microseconds. */
    protected static final long T0 = Instant.parse("2024-03-01T09:30:00Z").toEpochMilli() * 1_000L;

    private static final Tick T1 = tick("ES", "09:30:00.000000", 100.00, 10);
    private static final Tick T2 = tick("ES", "09:30:15.250000", 101.00, 5);
    private static final Tick T3 = tick("ES", "09:30:59.999999", 99.50, 20);
    private static final Tick T4 = tick("ES", "09:31:00.000000", 99.75, 4);
    private static final Tick T5 = tick("ES", "09:33:10.000001", 102.25, 8);

    /** The store under test. */
    protected TickStore store;

    /**
     * A new, empty store.
     *
     * @return the store
     */
    protected abstract TickStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** A tick on 2024-03-01 at {@code hh:mm:ss.ffffff} UTC with a quote around {@code last}. */
    protected static Tick tick(String symbol, String time, double last, double size) {
        return new Tick(symbol, micros("2024-03-01T" + time + "Z"), last - 0.25, last + 0.25, 3, 7, last, size);
    }

    protected static long micros(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    protected static Instant at(String time) {
        return Instant.parse("2024-03-01T" + time + "Z");
    }

    /** Writes the five ES ticks out of time order, one by one, and flushes. */
    private void writeEsOutOfOrder() {
        for (Tick t : List.of(T3, T1, T5, T2, T4)) {
            store.write(t);
        }
        store.flush();
    }

    @Test
    void readsTicksInTimeOrderWhateverTheArrivalOrder() {
        writeEsOutOfOrder();
        assertThat(store.ticks("ES", at("09:00:00"), at("10:00:00"))).containsExactly(T1, T2, T3, T4, T5);
        assertThat(store.confirmed()).isEqualTo(5);
        assertThat(store.backend()).isNotBlank();
    }

    @Test
    void rangesIncludeFromAndExcludeTo() {
        writeEsOutOfOrder();
        // from is exactly T2, to is exactly T5
        assertThat(store.ticks("ES", at("09:30:15.250"), at("09:33:10.000001"))).containsExactly(T2, T3, T4);
        assertThat(store.ticks("ES", at("09:30:15.250"), at("09:30:15.250"))).isEmpty();
        assertThat(store.ticks("ES", at("09:30:15.250001"), at("09:33:10.000002"))).containsExactly(T3, T4, T5);
        assertThatThrownBy(() -> store.ticks("ES", at("09:31:00"), at("09:30:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
    }

    @Test
    void oneMinuteBarsByHand() {
        writeEsOutOfOrder();
        store.write(tick("NQ", "09:30:30", 500, 1));   // another symbol in the same minute
        store.flush();
        List<Bar> bars = store.bars("ES", BarInterval.MINUTE, at("09:30:00"), at("09:34:00"));
        // 09:30: T1 100x10, T2 101x5, T3 99.5x20 -> notional 1000 + 505 + 1990 = 3495 over 35
        // 09:31: T4 99.75x4; 09:32: no ticks, no bar; 09:33: T5 102.25x8
        assertThat(bars).containsExactly(
                new Bar(T0, 100, 101, 99.5, 99.5, 35, 3495.0 / 35, 3),
                new Bar(T0 + 60_000_000L, 99.75, 99.75, 99.75, 99.75, 4, 99.75, 1),
                new Bar(T0 + 180_000_000L, 102.25, 102.25, 102.25, 102.25, 8, 102.25, 1));
    }

    @Test
    void barsAtTheRangeEdgesHoldOnlyTicksInsideTheRange() {
        writeEsOutOfOrder();
        // [T2, T5): the 09:30 bar keeps its calendar start but holds only T2 and T3: (505 + 1990) / 25
        assertThat(store.bars("ES", BarInterval.MINUTE, at("09:30:15.250"), at("09:33:10.000001"))).containsExactly(
                new Bar(T0, 101, 101, 99.5, 99.5, 25, 2495.0 / 25, 2),
                new Bar(T0 + 60_000_000L, 99.75, 99.75, 99.75, 99.75, 4, 99.75, 1));
    }

    @Test
    void barsAtOtherIntervalsAlignToTheCalendar() {
        writeEsOutOfOrder();
        store.write(tick("ES", "23:59:59.999999", 98, 2));
        store.write(new Tick("ES", micros("2024-03-02T00:00:00Z"), 97.75, 98.25, 1, 1, 98, 6));
        store.flush();
        Instant from = Instant.parse("2024-03-01T00:00:00Z");
        Instant to = Instant.parse("2024-03-03T00:00:00Z");
        // one hour bar 09:00 with all five: notional 3495 + 399 + 818 = 4712 over 47
        Bar nineOClock = new Bar(T0 - 1_800_000_000L, 100, 102.25, 99.5, 102.25, 47, 4712.0 / 47, 5);
        assertThat(store.bars("ES", BarInterval.HOUR, from, to)).startsWith(nineOClock).hasSize(3);
        // five-minute bars start at multiples of five minutes since midnight: 09:30 holds all five
        assertThat(store.bars("ES", BarInterval.parse("5m"), at("09:00:00"), at("10:00:00")))
                .containsExactly(new Bar(T0, 100, 102.25, 99.5, 102.25, 47, 4712.0 / 47, 5));
        // one bar per UTC day: the tick at 23:59:59.999999 belongs to the first, midnight to the second
        assertThat(store.bars("ES", BarInterval.DAY, from, to)).containsExactly(
                new Bar(micros("2024-03-01T00:00:00Z"), 100, 102.25, 98, 98, 49, (4712.0 + 196) / 49, 6),
                new Bar(micros("2024-03-02T00:00:00Z"), 98, 98, 98, 98, 6, 98, 1));
        // one-second bars: one per tick here, each starting at the whole second
        assertThat(store.bars("ES", BarInterval.SECOND, at("09:30:00"), at("09:34:00")))
                .extracting(Bar::startMicros)
                .containsExactly(T0, T0 + 15_000_000L, T0 + 59_000_000L, T0 + 60_000_000L, T0 + 190_000_000L);
    }

    @Test
    void aBarWithoutVolumeHasNoVwap() {
        store.write(List.of(tick("ES", "09:30:01", 100, 0), tick("ES", "09:30:02", 100.5, 0)));
        List<Bar> bars = store.bars("ES", BarInterval.MINUTE, at("09:30:00"), at("09:31:00"));
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).volume()).isZero();
        assertThat(bars.get(0).vwap()).isNaN();
        assertThat(bars.get(0).high()).isEqualTo(100.5);
        assertThat(store.vwap("ES", at("09:30:00"), at("09:31:00"))).isEmpty();
    }

    @Test
    void vwapOverARange() {
        writeEsOutOfOrder();
        assertThat(store.vwap("ES", at("09:30:00"), at("09:31:00"))).isEqualTo(OptionalDouble.of(3495.0 / 35));
        assertThat(store.vwap("ES", at("09:30:00"), at("09:34:00"))).isEqualTo(OptionalDouble.of(4712.0 / 47));
        assertThat(store.vwap("ES", at("09:31:00.000001"), at("09:33:10"))).isEmpty();
        assertThat(store.vwap("NOPE", at("09:00:00"), at("10:00:00"))).isEmpty();
    }

    @Test
    void latestIsByTimestampNotByArrivalAndInTheOrderAsked() {
        writeEsOutOfOrder();
        Tick nq1 = tick("NQ", "09:35:00", 501, 1);
        Tick nq0 = tick("NQ", "09:34:00", 500, 2);
        store.write(nq1);
        store.write(nq0);   // arrives last, but is older
        store.flush();
        Map<String, Tick> latest = store.latest(List.of("NQ", "MISSING", "ES"));
        assertThat(latest.keySet()).containsExactly("NQ", "ES");
        assertThat(latest.get("NQ")).isEqualTo(nq1);
        assertThat(latest.get("ES")).isEqualTo(T5);
        assertThat(store.latest(List.of())).isEmpty();
    }

    @Test
    void equalTimestampsKeepTheirArrivalOrder() {
        Tick a = tick("ES", "09:30:00", 100, 1);
        Tick b = tick("ES", "09:30:00", 100.5, 2);
        store.write(a);
        store.write(b);
        store.flush();
        assertThat(store.ticks("ES", at("09:30:00"), at("09:31:00"))).containsExactly(a, b);
        assertThat(store.bars("ES", BarInterval.MINUTE, at("09:30:00"), at("09:31:00")))
                .containsExactly(new Bar(T0, 100, 100.5, 100, 100.5, 3, 301.0 / 3, 2));
        assertThat(store.latest(List.of("ES")).get("ES")).isEqualTo(b);
    }

    @Test
    void aBatchIsStoredWholeAndVisibleOnReturn() {
        List<Tick> batch = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            batch.add(new Tick("ES", T0 + (4_999 - i) * 1_000L, 99, 101, 1, 1, 100 + (i % 8) * 0.125, 1 + i % 3));
        }
        store.write(batch);
        assertThat(store.confirmed()).isEqualTo(5_000);
        List<Tick> back = store.ticks("ES", at("09:30:00"), at("09:31:00"));
        assertThat(back).hasSize(5_000);
        assertThat(back.get(0)).isEqualTo(batch.get(4_999));
        assertThat(back.get(4_999)).isEqualTo(batch.get(0));
    }

    @Test
    void aBatchWithANullElementIsRefusedWhole() {
        List<Tick> batch = Arrays.asList(T1, null, T2);
        assertThatThrownBy(() -> store.write(batch)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("row 2");
        store.flush();
        assertThat(store.ticks("ES", at("09:00:00"), at("10:00:00"))).isEmpty();
        assertThat(store.confirmed()).isZero();
    }

    @Test
    void symbolsAndMicrosecondsRoundTripExactly() {
        List<Tick> odd = List.of(
                new Tick("BRK.B", 1, 0, 0, 0, 0, 412.5, 1),
                new Tick("a b,c=d\"e\\f", 123_456_789_012_345L, -37.63, -37.5, 1e6, 0.5, -37.625, 1e-3),
                new Tick("ÆØÅ-日本", Tick.MAX_TIMESTAMP_MICROS / 2, 1e-9, 1e12, 0, 0, 0.1, 0.3));
        for (Tick t : odd) {
            store.write(t);
        }
        store.flush();
        for (Tick t : odd) {
            Instant ts = t.timestamp();
            assertThat(store.ticks(t.symbol(), ts, ts.plusNanos(1_000))).containsExactly(t);
        }
        assertThat(store.latest(List.of("ÆØÅ-日本", "a b,c=d\"e\\f", "BRK.B")).values()).containsExactly(odd.get(2),
                odd.get(1), odd.get(0));
    }
}
