package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * The resting orders of a book as rows of one {@code long[]}, addressed by int handles: a row is eight
 * longs, one cache line, so reaching a random order (a cancel deep in the book, a neighbour to relink)
 * costs one miss, where an order object reached through a table of references cost two. The array holds
 * no references, so nothing here gives a garbage collector work. A row's level handle is -1 while the
 * order is not on the book; its previous and next handles are -1 at the ends of its level's queue and
 * while it is off the book. A row also says whether it is free in its pool and whether its handle is on the
 * pool's stack, so that a pool can hand out a row other than the top of its stack (a stale stack entry is then
 * skipped when popped, and a row is never on the stack twice). Single writer.
 */
final class OrderStore {
    /** Handle meaning "no order". */
    static final int NONE = -1;
    private static final int ROW = 8;
    private static final int SHIFT = 3;
    /**
     * Longs before row 0: a {@code long[]}'s elements start 16 bytes into the array, so with 6 longs of
     * padding every row starts on a cache line when the array does (as large arrays do under G1).
     */
    private static final int PAD = 6;
    private static final int ID = 0;
    private static final int OWNER = 1;
    private static final int PRICE = 2;
    private static final int OPEN = 3;
    private static final int FILLED = 4;
    private static final int PREV = 5;
    private static final int NEXT = 6;
    /** The level handle in the low 32 bits, the flags above. */
    private static final int META = 7;
    private static final long BUY = 1L << 32;
    private static final long POST_ONLY = 1L << 33;
    /** The row is in the pool, free. */
    private static final long FREE = 1L << 34;
    /** The row's handle is on the pool's stack (possibly stale: taken since without a pop). */
    private static final long STACKED = 1L << 35;
    private static final long LEVEL_BITS = 0xFFFF_FFFFL;

    private long[] rows = new long[PAD];
    private int capacity;

    /**
     * Adds rows (allocates; call it only when the pool grows).
     *
     * @param n how many
     */
    void grow(int n) {
        int from = capacity;
        rows = Arrays.copyOf(rows, PAD + ((from + n) << SHIFT));
        capacity = from + n;
        for (int h = from; h < capacity; h++) {
            unlinked(h);
            rows[at(h) + META] |= FREE | STACKED;
        }
    }

    private static int at(int h) {
        return PAD + (h << SHIFT);
    }

    long id(int h) {
        return rows[at(h) + ID];
    }

    long owner(int h) {
        return rows[at(h) + OWNER];
    }

    long price(int h) {
        return rows[at(h) + PRICE];
    }

    long open(int h) {
        return rows[at(h) + OPEN];
    }

    long filled(int h) {
        return rows[at(h) + FILLED];
    }

    int prev(int h) {
        return (int) rows[at(h) + PREV];
    }

    int next(int h) {
        return (int) rows[at(h) + NEXT];
    }

    /** @return the handle of the order's level in its side, -1 when it is not on the book */
    int level(int h) {
        return (int) rows[at(h) + META];
    }

    boolean buy(int h) {
        return (rows[at(h) + META] & BUY) != 0;
    }

    boolean postOnly(int h) {
        return (rows[at(h) + META] & POST_ONLY) != 0;
    }

    /** @return whether the row is free in its pool */
    boolean free(int h) {
        return (rows[at(h) + META] & FREE) != 0;
    }

    /** Marks the row free; returns whether it must go on the stack (it is not there yet). */
    boolean release(int h) {
        int a = at(h);
        long m = rows[a + META];
        rows[a + META] = m | FREE | STACKED;
        return (m & STACKED) == 0;
    }

    /** The row came off the stack; returns whether it is free (else the entry was stale). */
    boolean popped(int h) {
        int a = at(h);
        long m = rows[a + META] & ~STACKED;
        rows[a + META] = m;
        return (m & FREE) != 0;
    }

    /** Fills a row for a new resting order, off the book (level, prev and next -1). */
    void set(int h, long id, long owner, long price, long open, long filled, boolean buy, boolean postOnly) {
        int a = at(h);
        rows[a + ID] = id;
        rows[a + OWNER] = owner;
        rows[a + PRICE] = price;
        rows[a + OPEN] = open;
        rows[a + FILLED] = filled;
        rows[a + PREV] = NONE;
        rows[a + NEXT] = NONE;
        rows[a + META] = (buy ? BUY : 0) | (postOnly ? POST_ONLY : 0) | LEVEL_BITS | (rows[a + META] & STACKED);
    }

    void price(int h, long price) {
        rows[at(h) + PRICE] = price;
    }

    void open(int h, long open) {
        rows[at(h) + OPEN] = open;
    }

    void filled(int h, long filled) {
        rows[at(h) + FILLED] = filled;
    }

    void prev(int h, int prev) {
        rows[at(h) + PREV] = prev;
    }

    void next(int h, int next) {
        rows[at(h) + NEXT] = next;
    }

    /** Puts the order in level {@code level} as the last of its queue after {@code prev}. */
    void linkLast(int h, int level, int prev) {
        int a = at(h);
        rows[a + PREV] = prev;
        rows[a + NEXT] = NONE;
        rows[a + META] = rows[a + META] & ~LEVEL_BITS | level & LEVEL_BITS;
    }

    /** Marks the order off the book: no level, no neighbours. */
    void unlinked(int h) {
        int a = at(h);
        rows[a + PREV] = NONE;
        rows[a + NEXT] = NONE;
        rows[a + META] = rows[a + META] & ~LEVEL_BITS | LEVEL_BITS;
    }
}
