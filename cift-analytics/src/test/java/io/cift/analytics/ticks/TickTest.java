package io.cift.analytics.ticks;

import io.cift.analytics.InvalidDataException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickTest {

    private static final long TS = 1_709_285_400_000_000L;

    @Test
    void refusesEachBadFieldByName() {
        assertThatThrownBy(() -> new Tick("ES", TS, Double.NaN, 1, 1, 1, 1, 1))
                .isInstanceOf(InvalidDataException.class).hasMessage("bid: must be a finite price, got NaN");
        assertThatThrownBy(() -> new Tick("ES", TS, 1, Double.POSITIVE_INFINITY, 1, 1, 1, 1))
                .hasMessage("ask: must be a finite price, got Infinity");
        assertThatThrownBy(() -> new Tick("ES", TS, 1, 1, 1, 1, Double.NaN, 1)).hasMessageStartingWith("last: ");
        assertThatThrownBy(() -> new Tick("ES", TS, 1, 1, -1, 1, 1, 1))
                .hasMessage("bid_size: must be a finite size of at least 0, got -1.0");
        assertThatThrownBy(() -> new Tick("ES", TS, 1, 1, 1, Double.NaN, 1, 1)).hasMessageStartingWith("ask_size: ");
        assertThatThrownBy(() -> new Tick("ES", TS, 1, 1, 1, 1, 1, -0.5)).hasMessageStartingWith("last_size: ");
        assertThatThrownBy(() -> new Tick("ES", -1, 1, 1, 1, 1, 1, 1))
                .hasMessage("timestamp: -1 µs is before 1970-01-01T00:00:00Z");
        assertThatThrownBy(() -> new Tick("ES", Tick.MAX_TIMESTAMP_MICROS + 1, 1, 1, 1, 1, 1, 1))
                .hasMessageStartingWith("timestamp: ");
        assertThatThrownBy(() -> new Tick("", TS, 1, 1, 1, 1, 1, 1)).hasMessage("symbol: must not be empty, got ''");
        assertThatThrownBy(() -> new Tick("  ", TS, 1, 1, 1, 1, 1, 1)).hasMessageStartingWith("symbol: ");
        assertThatThrownBy(() -> new Tick(null, TS, 1, 1, 1, 1, 1, 1)).hasMessage("symbol: must not be empty, got null");
        assertThatThrownBy(() -> new Tick("E\nS", TS, 1, 1, 1, 1, 1, 1))
                .hasMessageContaining("symbol: control character U+000A at index 1");
        assertThatThrownBy(() -> new Tick("X".repeat(128), TS, 1, 1, 1, 1, 1, 1)).hasMessageStartingWith("symbol: longer");
    }

    @Test
    void acceptsTheEdges() {
        assertThat(new Tick("ES", 0, -37.63, 0, 0, 0, -1e-9, 0).timestamp()).isEqualTo(Instant.EPOCH);
        assertThat(new Tick("X".repeat(127), Tick.MAX_TIMESTAMP_MICROS, 1, 1, 1, 1, 1, 1).timestamp())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(Tick.trade("ES", 1, 100.5, 3)).isEqualTo(new Tick("ES", 1, 0, 0, 0, 0, 100.5, 3));
    }
}
