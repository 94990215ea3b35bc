package io.cift.analytics.ticks;

import io.cift.analytics.InvalidDataException;

import java.time.Instant;

/**
 * One market data record for a symbol at an exchange timestamp: the current quote (best bid and ask
 * with their sizes) and the most recent trade (last price and size). A side without a quote is
 * written as price 0 and size 0, and a tick that reports no trade has last size 0; bars and VWAP use
 * the last price and size of every tick in their range.
 *
 * <p>Every tick is valid by construction: the symbol is not blank and has no control characters,
 * the timestamp is not before 1970 (nor after the year 9999), prices are finite and sizes finite and not negative. A bad value
 * is refused with an {@link InvalidDataException} naming the field and the value.
 *
 * @param symbol the instrument
 * @param timestampMicros exchange time, microseconds since 1970-01-01T00:00:00Z (UTC)
 * @param bid best bid price
 * @param ask best ask price
 * @param bidSize size at the best bid
 * @param askSize size at the best ask
 * @param last last trade price
 * @param lastSize last trade size
 */
public record Tick(String symbol, long timestampMicros, double bid, double ask, double bidSize, double askSize,
                   double last, double lastSize) {

    /** The longest symbol accepted, in characters. */
    public static final int MAX_SYMBOL_LENGTH = 127;

    /** The latest timestamp accepted: 9999-12-31T23:59:59.999999Z, in microseconds. */
    public static final long MAX_TIMESTAMP_MICROS = 253_402_300_799_999_999L;

    /**
     * Validates every field.
     *
     * @throws InvalidDataException naming the first bad field and its value
     */
    public Tick {
        check(symbol, timestampMicros, bid, ask, bidSize, askSize, last, lastSize);
    }

    /**
     * A trade-only tick: last price and size, no quote (bid, ask and their sizes 0).
     *
     * @param symbol the instrument
     * @param timestampMicros exchange time in microseconds since 1970 (UTC)
     * @param last trade price
     * @param lastSize trade size
     * @return the tick
     */
    public static Tick trade(String symbol, long timestampMicros, double last, double lastSize) {
        return new Tick(symbol, timestampMicros, 0, 0, 0, 0, last, lastSize);
    }

    /**
     * The timestamp as an instant.
     *
     * @return exchange time
     */
    public Instant timestamp() {
        return Instant.ofEpochSecond(timestampMicros / 1_000_000L, (timestampMicros % 1_000_000L) * 1_000L);
    }

    /**
     * Checks tick fields without building a tick: the same rules as the constructor.
     *
     * @param symbol the instrument
     * @param timestampMicros microseconds since 1970
     * @param bid best bid price
     * @param ask best ask price
     * @param bidSize size at the best bid
     * @param askSize size at the best ask
     * @param last last trade price
     * @param lastSize last trade size
     * @throws InvalidDataException naming the first bad field and its value
     */
    public static void check(String symbol, long timestampMicros, double bid, double ask, double bidSize,
                             double askSize, double last, double lastSize) {
        checkSymbol(symbol);
        if (timestampMicros < 0) {
            throw new InvalidDataException("timestamp: " + timestampMicros + " µs is before 1970-01-01T00:00:00Z");
        }
        if (timestampMicros > MAX_TIMESTAMP_MICROS) {
            throw new InvalidDataException("timestamp: " + timestampMicros + " µs is after 9999-12-31T23:59:59.999999Z");
        }
        price("bid", bid);
        price("ask", ask);
        price("last", last);
        size("bid_size", bidSize);
        size("ask_size", askSize);
        size("last_size", lastSize);
    }

    /**
     * Checks a symbol: not null, not blank, at most {@link #MAX_SYMBOL_LENGTH} characters, no
     * control characters.
     *
     * @param symbol the symbol
     * @return the symbol
     * @throws InvalidDataException naming the field and the value
     */
    public static String checkSymbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new InvalidDataException("symbol: must not be empty, got " + (symbol == null ? "null" : "'" + symbol + "'"));
        }
        if (symbol.length() > MAX_SYMBOL_LENGTH) {
            throw new InvalidDataException("symbol: longer than " + MAX_SYMBOL_LENGTH + " characters: '"
                    + symbol.substring(0, 20) + "...'");
        }
        for (int i = 0; i < symbol.length(); i++) {
            if (Character.isISOControl(symbol.charAt(i))) {
                throw new InvalidDataException("symbol: control character U+"
                        + String.format("%04X", (int) symbol.charAt(i)) + " at index " + i + " in '"
                        + symbol.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return symbol;
    }

    private static void price(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidDataException(field + ": must be a finite price, got " + v);
        }
    }

    private static void size(String field, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new InvalidDataException(field + ": must be a finite size of at least 0, got " + v);
        }
    }
}
