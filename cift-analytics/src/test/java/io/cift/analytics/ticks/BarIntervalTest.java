package io.cift.analytics.ticks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarIntervalTest {

    @Test
    void parsesUnitsAndAlignsToMidnight() {
        assertThat(BarInterval.parse("1s").micros()).isEqualTo(1_000_000L);
        assertThat(BarInterval.parse("15m").micros()).isEqualTo(900_000_000L);
        assertThat(BarInterval.parse("4h").toString()).isEqualTo("4h");
        assertThat(BarInterval.parse("1d")).isEqualTo(BarInterval.DAY).isEqualTo(BarInterval.parse("24h"));
        assertThat(BarInterval.of(Duration.ofMinutes(5))).isEqualTo(BarInterval.parse("5m"));
        long t = 1_709_285_415_250_000L;   // 2024-03-01T09:30:15.25Z
        assertThat(BarInterval.MINUTE.barStart(t)).isEqualTo(1_709_285_400_000_000L);
        assertThat(BarInterval.DAY.barStart(t)).isEqualTo(1_709_251_200_000_000L);   // 2024-03-01T00:00Z
    }

    @Test
    void refusesWhatCannotAlignOrParse() {
        for (String bad : new String[] {"", "0m", "-1m", "1", "m", "1 m", "1M", "7m", "25h", "2d", "1.5m", "1w"}) {
            assertThatThrownBy(() -> BarInterval.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("interval: ")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> BarInterval.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BarInterval.of(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }
}
