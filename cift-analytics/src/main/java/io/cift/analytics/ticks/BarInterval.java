package io.cift.analytics.ticks;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a bar: a whole number of seconds, minutes, hours or days that divides a day evenly
 * ({@code 1s}, {@code 15s}, {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}, ...). Bars are aligned to
 * the UTC calendar: a bar starts at midnight UTC plus a whole number of intervals. Immutable.
 */
public final class BarInterval {

    private static final long DAY_MICROS = 86_400_000_000L;
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    /** One second. */
    public static final BarInterval SECOND = parse("1s");
    /** One minute. */
    public static final BarInterval MINUTE = parse("1m");
    /** One hour. */
    public static final BarInterval HOUR = parse("1h");
    /** One day. */
    public static final BarInterval DAY = parse("1d");

    private final long amount;
    private final char unit;
    private final long micros;

    private BarInterval(long amount, char unit, long micros) {
        this.amount = amount;
        this.unit = unit;
        this.micros = micros;
    }

    /**
     * Parses an interval such as {@code 1m} or {@code 15s}.
     *
     * @param text a positive number followed by {@code s}, {@code m}, {@code h} or {@code d}
     * @return the interval
     * @throws IllegalArgumentException naming the value when it is malformed or does not divide a day
     */
    public static BarInterval parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("interval: expected a number and a unit s, m, h or d (like 1m), got '"
                    + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        char unit = m.group(2).charAt(0);
        long unitMicros = switch (unit) {
            case 's' -> 1_000_000L;
            case 'm' -> 60_000_000L;
            case 'h' -> 3_600_000_000L;
            default -> DAY_MICROS;
        };
        long micros = amount * unitMicros;
        if (micros > DAY_MICROS || DAY_MICROS % micros != 0) {
            throw new IllegalArgumentException("interval: must divide a day evenly (bars align to midnight UTC), got '"
                    + text + "'");
        }
        return new BarInterval(amount, unit, micros);
    }

    /**
     * The interval of a duration, which must be a whole number of seconds dividing a day.
     *
     * @param d the duration
     * @return the interval
     * @throws IllegalArgumentException when it is not a whole number of seconds dividing a day
     */
    public static BarInterval of(Duration d) {
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new IllegalArgumentException("interval: must be a positive whole number of seconds, got " + d);
        }
        return parse(d.getSeconds() + "s");
    }

    /**
     * The length in microseconds.
     *
     * @return microseconds
     */
    public long micros() {
        return micros;
    }

    /**
     * The start of the bar that holds a timestamp.
     *
     * @param timestampMicros microseconds since 1970, not negative
     * @return the bar's start in microseconds since 1970
     */
    public long barStart(long timestampMicros) {
        return timestampMicros - Math.floorMod(timestampMicros, micros);
    }

    /** The canonical text, such as {@code 5m}: what {@link #parse} reads. */
    @Override
    public String toString() {
        return amount + String.valueOf(unit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarInterval b && b.micros == micros;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros);
    }
}
