package io.cift.core.risk.internal;

/**
 * The order-rate throttle: GCRA (the virtual-scheduling form of a token bucket) over an account's
 * theoretical arrival time. Stateless; the time lives in the account.
 */
final class Throttle {

    private Throttle() {
    }

    /**
     * The account's theoretical arrival time after an order that {@link #allows} let through.
     *
     * @param tat the account's theoretical arrival time
     * @param now the clock
     * @param perSecond the sustained rate
     * @return the new arrival time
     */
    static long next(long tat, long now, long perSecond) {
        return Math.max(tat, now) + 1_000_000_000L / perSecond;
    }

    /**
     * Whether an order arriving {@code now} is within the rate and burst.
     *
     * @param tat the account's theoretical arrival time
     * @param now the clock
     * @param perSecond the sustained rate
     * @param burst orders allowed at once
     * @return true when it may go
     */
    static boolean allows(long tat, long now, long perSecond, long burst) {
        long interval = 1_000_000_000L / perSecond;
        long tolerance = interval * (burst - 1);
        return Math.max(tat, now) - now <= tolerance;
    }
}
