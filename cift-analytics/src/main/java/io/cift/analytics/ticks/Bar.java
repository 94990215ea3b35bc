package io.cift.analytics.ticks;

import java.time.Instant;

/**
 * One OHLCV bar over the ticks of one interval, computed on the last price and last size:
 * {@code open}/{@code close} are the last prices of the earliest/latest tick, {@code volume} the sum
 * of last sizes and {@code vwap} = sum(last × last size) / volume ({@code NaN} when the volume is 0).
 *
 * @param startMicros the bar's start, microseconds since 1970 (UTC), aligned to the interval
 * @param open last price of the bar's first tick
 * @param high highest last price
 * @param low lowest last price
 * @param close last price of the bar's final tick
 * @param volume sum of last sizes
 * @param vwap volume-weighted average last price, or {@code NaN} when the volume is 0
 * @param ticks how many ticks the bar holds (at least 1)
 */
public record Bar(long startMicros, double open, double high, double low, double close, double volume,
                  double vwap, long ticks) {

    /**
     * The bar's start as an instant.
     *
     * @return the start
     */
    public Instant start() {
        return Instant.ofEpochSecond(startMicros / 1_000_000L, (startMicros % 1_000_000L) * 1_000L);
    }
}
