package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * One side of the book: its price levels in a sorted array, best last, so that taking and adding
 * at the top of the book touch the end of the array. Levels are pooled. A direct-mapped cache indexed
 * by the low bits of the price finds an existing level without searching; a collision only costs the
 * binary search, so any price works.
 */
final class BookSide {
    private static final int CACHE_SIZE = 1 << 12;
    private static final int CACHE_MASK = CACHE_SIZE - 1;

    final boolean bid;
    private final Level[] cache = new Level[CACHE_SIZE];
    /** Sort keys, ascending: the price for bids, minus the price for asks; the best level is last. */
    private long[] keys = new long[64];
    private Level[] levels = new Level[64];
    private int size;
    private Level free;

    BookSide(boolean bid) {
        this.bid = bid;
    }

    int size() {
        return size;
    }

    Level best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The i-th level counting from the best (0 = best). */
    Level fromBest(int i) {
        return levels[size - 1 - i];
    }

    /** Whether an order on the other side with this limit would trade against this side's best. */
    boolean crossedBy(long limit) {
        if (size == 0) {
            return false;
        }
        long p = levels[size - 1].price;
        return bid ? p >= limit : p <= limit;
    }

    Level find(long price) {
        Level c = cache[(int) price & CACHE_MASK];
        if (c != null && c.price == price) {
            return c;
        }
        int i = search(bid ? price : -price);
        return i >= 0 ? levels[i] : null;
    }

    Level findOrCreate(long price) {
        int slot = (int) price & CACHE_MASK;
        Level c = cache[slot];
        if (c != null && c.price == price) {
            return c;
        }
        long key = bid ? price : -price;
        int i = search(key);
        if (i >= 0) {
            cache[slot] = levels[i];
            return levels[i];
        }
        int at = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        int moved = size - at;
        if (moved > 0) {
            System.arraycopy(keys, at, keys, at + 1, moved);
            System.arraycopy(levels, at, levels, at + 1, moved);
        }
        Level l = free;
        if (l == null) {
            l = new Level();
        } else {
            free = l.nextFree;
            l.nextFree = null;
        }
        l.price = price;
        cache[slot] = l;
        keys[at] = key;
        levels[at] = l;
        size++;
        return l;
    }

    /** Removes an empty level and returns it to the pool. */
    void remove(Level l) {
        int last = size - 1;
        if (levels[last] != l) {
            int i = search(bid ? l.price : -l.price);
            System.arraycopy(keys, i + 1, keys, i, last - i);
            System.arraycopy(levels, i + 1, levels, i, last - i);
        }
        levels[last] = null;
        size = last;
        int slot = (int) l.price & CACHE_MASK;
        if (cache[slot] == l) {
            cache[slot] = null;
        }
        l.head = null;
        l.tail = null;
        l.clearTotal();
        l.count = 0;
        l.nextFree = free;
        free = l;
    }


    /**
     * Checks the sorted arrays and the price cache.
     *
     * @return a description of the first problem, or null when there is none
     */
    String checkLevels() {
        for (int i = 0; i < size; i++) {
            Level l = levels[i];
            if (l == null || keys[i] != (bid ? l.price : -l.price)) {
                return "level " + i + " does not match its sort key " + keys[i];
            }
            if (i > 0 && keys[i - 1] >= keys[i]) {
                return "levels out of order at " + i + " (" + keys[i - 1] + " >= " + keys[i] + ")";
            }
        }
        for (int slot = 0; slot < CACHE_SIZE; slot++) {
            Level c = cache[slot];
            if (c != null && ((int) c.price & CACHE_MASK) != slot || c != null && search(bid ? c.price : -c.price) < 0) {
                return "the price cache holds a level at " + c.price + " that is not on the book";
            }
        }
        return null;
    }

    /** Binary search over keys[0, size): the index, or -(insertion point) - 1. */
    private int search(long key) {
        int lo = 0;
        int hi = size - 1;
        // Most traffic is at the top of the book: check the best level first.
        if (hi >= 0 && keys[hi] == key) {
            return hi;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
