package io.cift.analytics.internal;

import io.cift.analytics.InvalidDataException;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The decimals every backend takes: below 10^{@value #MAX_INTEGER_DIGITS} in magnitude (what the database
 * columns, {@code Decimal(38, 10)}, hold before the point) and at most {@value #MAX_PLACES} decimal places
 * (the database backends keep 10 and refuse more). Checked at ingestion and for the marks a query is given,
 * so that no value can make the arithmetic on it (or the text of an error about it) run away: a
 * {@code BigDecimal} such as 1E+99999999 or 1E-99999999 is one digit, but adding anything to it, or printing
 * it plainly, makes a hundred million.
 */
public final class Decimals {

    /** Most digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 28;
    /** Most decimal places (trailing zeros do not count). */
    public static final int MAX_PLACES = 18;
    private static final String RANGE = "below 10^" + MAX_INTEGER_DIGITS + " in magnitude with at most " + MAX_PLACES
            + " decimal places";

    private Decimals() {
    }

    /** Whether {@code v} is below 10^{@value #MAX_INTEGER_DIGITS} in magnitude with at most {@value #MAX_PLACES} places. */
    static boolean inRange(BigDecimal v) {
        if (v.scale() > MAX_PLACES) {
            v = v.stripTrailingZeros();
            if (v.scale() > MAX_PLACES) {
                return false;
            }
        }
        return v.signum() == 0 || (long) v.precision() - v.scale() <= MAX_INTEGER_DIGITS;
    }

    /**
     * Refuses a value of a batch row that is too large.
     *
     * @param row the row, from 1
     * @param field what the value is
     * @param v the value, or null (checked elsewhere)
     * @throws InvalidDataException naming the row, the field and the value
     */
    public static void check(int row, String field, BigDecimal v) {
        if (v != null && !inRange(v)) {
            throw new InvalidDataException(row, field + " must be " + RANGE + ", got " + text(v));
        }
    }

    /**
     * Refuses marks given to a query that are missing, not positive or too large.
     *
     * @param given mark prices by symbol, or null
     * @throws IllegalArgumentException naming the symbol and the value
     */
    public static void checkMarks(Map<String, BigDecimal> given) {
        if (given == null) {
            return;
        }
        for (Map.Entry<String, BigDecimal> e : given.entrySet()) {
            BigDecimal v = e.getValue();
            if (v == null || v.signum() <= 0 || !inRange(v)) {
                throw new IllegalArgumentException("mark of " + e.getKey() + " must be positive, " + RANGE + ", got "
                        + (v == null ? "nothing" : text(v)));
            }
        }
    }

    /**
     * A decimal for a message: plain when that is short, else in scientific notation (the plain text of
     * 1E+99999999 is a hundred million characters).
     *
     * @param v the value
     * @return its text
     */
    public static String text(BigDecimal v) {
        long plainLength = Math.max((long) v.precision() - v.scale(), 1) + Math.max(v.scale(), 0);
        return plainLength <= 60 ? v.toPlainString() : v.toString();
    }
}
