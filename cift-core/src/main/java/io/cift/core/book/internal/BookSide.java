package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * One side of the book: its price levels in a sorted array, best last, so that taking and adding
 * at the top of the book touch the end of the array. Levels are pooled. A direct-mapped cache indexed
 * by the low bits of the price finds an existing level without searching; a collision only costs the
 * binary search, so any price works. The sorted array, the cache and the pool hold int handles into a
 * level table written only when the pool grows: inserting a level deep in the book moves ints, not
 * references, so the garbage collector has no cards to refine.
 */
final class BookSide {
    private static final int CACHE_SIZE = 1 << 12;
    private static final int CACHE_MASK = CACHE_SIZE - 1;

    final boolean bid;
    /** Level handle plus one by the low bits of the price; 0 when empty. */
    private final int[] cache = new int[CACHE_SIZE];
    /** Sort keys, ascending: the price for bids, minus the price for asks; the best level is last. */
    private long[] keys = new long[64];
    /** Level handles in key order. */
    private int[] levels = new int[64];
    private int size;
    /** Every level by handle. */
    private Level[] table = new Level[0];
    /** Handles of the free levels (a stack). */
    private int[] free = new int[0];
    private int freeCount;

    BookSide(boolean bid) {
        this.bid = bid;
    }

    int size() {
        return size;
    }

    Level best() {
        return size == 0 ? null : table[levels[size - 1]];
    }

    /** The level with this handle. */
    Level level(int handle) {
        return table[handle];
    }

    /** The i-th level counting from the best (0 = best). */
    Level fromBest(int i) {
        return table[levels[size - 1 - i]];
    }

    /** Whether an order on the other side with this limit would trade against this side's best. */
    boolean crossedBy(long limit) {
        if (size == 0) {
            return false;
        }
        long k = keys[size - 1];
        return bid ? k >= limit : -k <= limit;
    }

    Level find(long price) {
        int c = cache[(int) price & CACHE_MASK];
        if (c != 0 && table[c - 1].price == price) {
            return table[c - 1];
        }
        int i = search(bid ? price : -price);
        return i >= 0 ? table[levels[i]] : null;
    }

    Level findOrCreate(long price) {
        int slot = (int) price & CACHE_MASK;
        int c = cache[slot];
        if (c != 0 && table[c - 1].price == price) {
            return table[c - 1];
        }
        long key = bid ? price : -price;
        int i = search(key);
        if (i >= 0) {
            cache[slot] = levels[i] + 1;
            return table[levels[i]];
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
        if (freeCount == 0) {
            grow();
        }
        Level l = table[free[--freeCount]];
        l.price = price;
        cache[slot] = l.handle + 1;
        keys[at] = key;
        levels[at] = l.handle;
        size++;
        return l;
    }

    private void grow() {
        int from = table.length;
        int n = Math.max(64, from);
        table = Arrays.copyOf(table, from + n);
        free = Arrays.copyOf(free, from + n);
        for (int i = 0; i < n; i++) {
            table[from + i] = new Level(from + i);
            free[freeCount++] = from + n - 1 - i;
        }
    }

    /** Removes an empty level and returns it to the pool. */
    void remove(Level l) {
        int last = size - 1;
        if (levels[last] != l.handle) {
            int i = search(bid ? l.price : -l.price);
            System.arraycopy(keys, i + 1, keys, i, last - i);
            System.arraycopy(levels, i + 1, levels, i, last - i);
        }
        size = last;
        int slot = (int) l.price & CACHE_MASK;
        if (cache[slot] == l.handle + 1) {
            cache[slot] = 0;
        }
        l.head = -1;
        l.tail = -1;
        l.clearTotal();
        l.count = 0;
        free[freeCount++] = l.handle;
    }


    /**
     * Checks the sorted arrays and the price cache.
     *
     * @return a description of the first problem, or null when there is none
     */
    String checkLevels() {
        for (int i = 0; i < size; i++) {
            Level l = table[levels[i]];
            if (keys[i] != (bid ? l.price : -l.price)) {
                return "level " + i + " does not match its sort key " + keys[i];
            }
            if (i > 0 && keys[i - 1] >= keys[i]) {
                return "levels out of order at " + i + " (" + keys[i - 1] + " >= " + keys[i] + ")";
            }
        }
        for (int slot = 0; slot < CACHE_SIZE; slot++) {
            Level c = cache[slot] == 0 ? null : table[cache[slot] - 1];
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
