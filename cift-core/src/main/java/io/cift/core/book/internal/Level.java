package io.cift.core.book.internal;

/**
 * A pooled price level: a FIFO of orders at one price with its aggregated quantity. The total is kept
 * exactly even past 2^63 lots (a carry word counts the overflows of the low 63 bits), and reported
 * saturated at {@link Long#MAX_VALUE}.
 */
final class Level {
    /** Its place in the side's level table, for life. */
    final int handle;
    long price;
    /** The low 63 bits of the total open quantity. */
    private long low;
    /** How many times 2^63 the total holds beyond {@link #low}. */
    private long high;
    int count;
    /** Handles of the first and last order of the queue, -1 when empty. */
    int head = -1;
    int tail = -1;
    Level(int handle) {
        this.handle = handle;
    }

    /** Puts order {@code o} (off the book) at the back of the queue and adds its open quantity. */
    void append(int o, OrderStore orders) {
        orders.linkLast(o, handle, tail);
        if (tail < 0) {
            head = o;
        } else {
            orders.next(tail, o);
        }
        tail = o;
        count++;
        add(orders.open(o));
    }

    /** Adds {@code q} (positive) to the total. */
    void add(long q) {
        long s = low + q;
        if (s < 0) {          // past 2^63 - 1: carry
            s &= Long.MAX_VALUE;
            high++;
        }
        low = s;
    }

    /** Takes {@code q} (positive, at most the total) from the total. */
    void sub(long q) {
        long s = low - q;
        if (s < 0) {          // borrow
            s &= Long.MAX_VALUE;
            high--;
        }
        low = s;
    }

    /** @return the total open quantity, {@link Long#MAX_VALUE} when it is that or more */
    long total() {
        return high > 0 ? Long.MAX_VALUE : low;
    }

    /**
     * Whether the exact total equals a sum kept the same way.
     *
     * @param sumLow the low 63 bits of the sum
     * @param sumHigh its carry
     * @return whether they agree
     */
    boolean totalIs(long sumLow, long sumHigh) {
        return low == sumLow && high == sumHigh;
    }

    /** Empties the total (the level returns to the pool). */
    void clearTotal() {
        low = 0;
        high = 0;
    }

    @Override
    public String toString() {
        return "Level[" + price + ", " + count + " orders, total " + (high > 0 ? high + "*2^63+" + low : Long.toString(low)) + "]";
    }

    /** Unlinks order {@code o}; its open quantity must still be counted in the total. */
    void remove(int o, OrderStore orders) {
        int prev = orders.prev(o);
        int next = orders.next(o);
        if (prev < 0) {
            head = next;
        } else {
            orders.next(prev, next);
        }
        if (next < 0) {
            tail = prev;
        } else {
            orders.prev(next, prev);
        }
        count--;
        sub(orders.open(o));
        orders.unlinked(o);
    }
}
