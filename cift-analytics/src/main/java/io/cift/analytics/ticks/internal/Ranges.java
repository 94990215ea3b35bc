package io.cift.analytics.ticks.internal;

import java.time.Instant;
import java.util.Objects;

/** Converts and checks the half-open time ranges of tick store reads. */
final class Ranges {

    private Ranges() {
    }

    /**
     * Microseconds since 1970 of an instant, saturated at 0 and at {@code Long.MAX_VALUE}; a partial
     * microsecond rounds up, so {@code [from, to)} in microseconds holds exactly the ticks inside the
     * instants' range.
     */
    static long micros(String name, Instant t) {
        Objects.requireNonNull(t, name);
        if (t.getEpochSecond() < 0) {
            return 0;
        }
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        return t.getEpochSecond() * 1_000_000L + (t.getNano() + 999) / 1_000;
    }

    /** Checks a range and returns its bounds in microseconds: {@code [from, to)}. */
    static long[] range(Instant from, Instant to) {
        long f = micros("from", from);
        long t = micros("to", to);
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from: " + from + " is after to: " + to);
        }
        return new long[] {f, t};
    }
}
