package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * Order id to order handle: open addressing with linear probing, no tombstones (removal shifts the cluster
 * back), load at most one half. Order ids mostly arrive in increasing order, so the home slot is the id
 * itself folded to the table (no scrambling): consecutive ids land in consecutive slots and the hot end
 * of the table stays in cache, where a scrambling hash sends every new order to a cold line. Ids that
 * defeat that (many sharing a home slot, so a probe runs past {@value #MAX_PROBE} slots) switch the table
 * to a scrambling hash for good, so hostile ids cost what they would in any hash map. Single writer.
 */
final class OrderIndex {
    /** A probe this long during an insert means the ids defeat the plain fold: scramble from then on. */
    static final int MAX_PROBE = 32;

    private long[] keys;
    /** The order's handle plus one; 0 marks an empty slot. No references: nothing for a collector to track. */
    private int[] values;
    private int mask;
    private int size;
    private boolean scrambled;

    /** Handle returned for an id that is not in the index. */
    static final int MISSING = -1;

    OrderIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    private int home(long key) {
        long h = scrambled ? key * 0x9E37_79B9_7F4A_7C15L : key;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** @return the handle of {@code key}'s order, or {@link #MISSING} */
    int get(long key) {
        for (int i = home(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == 0) {
                return MISSING;
            }
            if (keys[i] == key) {
                return v - 1;
            }
        }
    }

    boolean containsKey(long key) {
        return get(key) != MISSING;
    }

    int size() {
        return size;
    }

    /** @return whether hostile ids switched the table to a scrambling hash */
    boolean scrambled() {
        return scrambled;
    }

    /** Adds or replaces; {@code handle} is not negative. */
    void put(long key, int handle) {
        int probes = 0;
        int i = home(key);
        for (; values[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = handle + 1;
                return;
            }
            probes++;
        }
        keys[i] = key;
        values[i] = handle + 1;
        size++;
        if (size > (mask + 1) >>> 1) {
            rehash(mask + 1 << 1);
        } else if (probes > MAX_PROBE && !scrambled) {
            scrambled = true;
            rehash(mask + 1);
        }
    }

    /** Removes {@code key}; returns its order's handle, or {@link #MISSING}. */
    int remove(long key) {
        int i = home(key);
        for (; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == 0) {
                return MISSING;
            }
            if (keys[i] == key) {
                break;
            }
        }
        int removed = values[i] - 1;
        // shift back every entry of the cluster that the hole now separates from its home slot
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != 0; j = (j + 1) & mask) {
            int h = home(keys[j]);
            boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = 0;
        size--;
        return removed;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(values, 0);
            size = 0;
        }
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != 0) {
                int j = home(oldKeys[i]);
                while (values[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
                size++;
            }
        }
    }
}
