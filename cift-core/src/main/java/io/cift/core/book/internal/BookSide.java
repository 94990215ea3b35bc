package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * One side of the book: its price levels in key order, best last, so that taking and adding at the top of
 * the book touch the end. The order is kept in blocks of at most {@link #BLOCK} sorted keys, the blocks
 * themselves in key order: adding or removing a level anywhere in a deep book moves at most a block's
 * entries (and, when a block splits or empties, a few ints of the block order), never the whole side.
 * Levels are pooled. A direct-mapped cache indexed by the low bits of the price finds an existing level
 * without searching; it grows with the side, so the contiguous prices of a deep book do not collide, and a
 * collision only costs the searches, so any price works. Blocks, the cache and the pool hold int handles
 * into a level table written only when the pool grows, so the garbage collector has no cards to refine.
 * Walking the levels from the best one ({@link #fromBest}) in order costs O(1) a step.
 */
final class BookSide {
    /** The price cache's first size: small, since an engine of many symbols keeps hundreds of sides, most shallow. */
    private static final int CACHE_MIN = 1 << 10;
    /** The size it grows to at most (512 KiB). */
    private static final int CACHE_MAX = 1 << 17;
    /** Entries a block holds at most (a power of two). */
    static final int BLOCK = 64;
    private static final int SHIFT = 6;

    final boolean bid;
    /** Level handle plus one by the low bits of the price; 0 when empty. */
    // it doubles whenever the side holds more than three quarters of its size in levels (allocating then
    // only, as the pools do), so a deep book's contiguous prices each keep a slot of their own
    private int[] cache = new int[CACHE_MIN];
    private int cacheMask = CACHE_MIN - 1;
    /** Block b's sort keys (the price for bids, minus the price for asks), ascending, at [b * BLOCK, + blockSize[b]). */
    // one block to start with (no more than a side held before blocks): an engine of many symbols keeps
    // hundreds of sides, most of them shallow
    private long[] keys = new long[BLOCK];
    /** The level handles beside {@link #keys}. */
    private int[] levels = new int[BLOCK];
    private int[] blockSize = new int[1];
    /** Block ids in key order; the first {@link #blocks} are in use. */
    private int[] order = new int[2];
    /** The first key of the block at each position of {@link #order}. */
    private long[] firstKey = new long[2];
    private int blocks;
    /** Ids of the unused blocks (a stack). */
    private int[] freeBlocks = {0};
    private int freeBlockCount = 1;
    private int size;
    /** Every level by handle. */
    private Level[] table = new Level[0];
    /** Handles of the free levels (a stack). */
    private int[] free = new int[0];
    private int freeCount;
    /** Where {@link #fromBest} stopped last: its i, block position and entry; i is -1 after a change. */
    private int cursorI = -1;
    private int cursorPos;
    private int cursorAt;

    BookSide(boolean bid) {
        this.bid = bid;
    }

    int size() {
        return size;
    }

    Level best() {
        if (size == 0) {
            return null;
        }
        int b = order[blocks - 1];
        return table[levels[(b << SHIFT) + blockSize[b] - 1]];
    }

    /** The level with this handle. */
    Level level(int handle) {
        return table[handle];
    }

    /** The i-th level counting from the best (0 = best); O(1) when i follows the previous call's. */
    Level fromBest(int i) {
        if (i == cursorI + 1 && cursorI >= 0) {
            if (--cursorAt < order[cursorPos] << SHIFT) {
                cursorPos--;
                int b = order[cursorPos];
                cursorAt = (b << SHIFT) + blockSize[b] - 1;
            }
        } else {
            int p = blocks - 1;
            int rest = i;
            while (rest >= blockSize[order[p]]) {
                rest -= blockSize[order[p]];
                p--;
            }
            int b = order[p];
            cursorPos = p;
            cursorAt = (b << SHIFT) + blockSize[b] - 1 - rest;
        }
        cursorI = i;
        return table[levels[cursorAt]];
    }

    /** Whether an order on the other side with this limit would trade against this side's best. */
    boolean crossedBy(long limit) {
        if (size == 0) {
            return false;
        }
        int b = order[blocks - 1];
        long k = keys[(b << SHIFT) + blockSize[b] - 1];
        return bid ? k >= limit : -k <= limit;
    }

    Level find(long price) {
        Level hit = cached(price);
        return hit != null ? hit : onBook(price);
    }

    /** The level at this price if the price cache holds it, else null (it may still be on the book). */
    Level cached(long price) {
        int c = cache[(int) price & cacheMask];
        if (c != 0) {
            Level l = table[c - 1];
            if (l.price == price) {
                return l;
            }
        }
        return null;
    }

    /** The level at this price found through the blocks alone (not the cache), or null. */
    private Level onBook(long price) {
        if (size == 0) {
            return null;
        }
        long key = bid ? price : -price;
        int b = order[block(key)];
        int i = search(b, key);
        return i >= 0 ? table[levels[(b << SHIFT) + i]] : null;
    }

    Level findOrCreate(long price) {
        Level hit = cached(price);
        if (hit != null) {
            return hit;
        }
        int slot = (int) price & cacheMask;
        long key = bid ? price : -price;
        int p;
        int at;
        if (blocks == 0) {
            p = 0;
            at = 0;
            insertBlock(0, takeBlock());
        } else {
            p = block(key);
            int b = order[p];
            int i = search(b, key);
            if (i >= 0) {
                int h = levels[(b << SHIFT) + i];
                cache[slot] = h + 1;
                return table[h];
            }
            at = -i - 1;
            if (blockSize[b] == BLOCK) {
                split(p);
                if (at > BLOCK / 2) {
                    p++;
                    at -= BLOCK / 2;
                }
            }
        }
        if (freeCount == 0) {
            grow();
        }
        Level l = table[free[--freeCount]];
        l.price = price;
        cache[slot] = l.handle + 1;
        int b = order[p];
        int base = b << SHIFT;
        int moved = blockSize[b] - at;
        if (moved > 0) {
            System.arraycopy(keys, base + at, keys, base + at + 1, moved);
            System.arraycopy(levels, base + at, levels, base + at + 1, moved);
        }
        keys[base + at] = key;
        levels[base + at] = l.handle;
        blockSize[b]++;
        if (at == 0) {
            firstKey[p] = key;
        }
        size++;
        cursorI = -1;
        if (size > cache.length - (cache.length >> 2) && cache.length < CACHE_MAX) {
            growCache();
        }
        return l;
    }

    /** Removes an empty level and returns it to the pool. */
    void remove(Level l) {
        long key = bid ? l.price : -l.price;
        int p = block(key);
        int b = order[p];
        int base = b << SHIFT;
        int n = blockSize[b] - 1;
        if (keys[base + n] != key) {
            int i = search(b, key);
            System.arraycopy(keys, base + i + 1, keys, base + i, n - i);
            System.arraycopy(levels, base + i + 1, levels, base + i, n - i);
            if (i == 0) {
                firstKey[p] = keys[base];
            }
        }
        blockSize[b] = n;
        if (n == 0) {
            removeBlock(p);
        } else if (p + 1 < blocks && n + blockSize[order[p + 1]] <= BLOCK / 2) {
            merge(p);
        } else if (p > 0 && n + blockSize[order[p - 1]] <= BLOCK / 2) {
            merge(p - 1);
        }
        size--;
        cursorI = -1;
        int slot = (int) l.price & cacheMask;
        if (cache[slot] == l.handle + 1) {
            cache[slot] = 0;
        }
        l.head = -1;
        l.tail = -1;
        l.clearTotal();
        l.count = 0;
        free[freeCount++] = l.handle;
    }

    /** The position in the block order of the block that holds (or would hold) the key. */
    private int block(long key) {
        int hi = blocks - 1;
        if (key >= firstKey[hi]) {
            return hi;   // most traffic is at the top of the book
        }
        int lo = 0;
        hi--;
        // the last position whose first key is at most the key (0 when the key precedes every block)
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstKey[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Binary search within block b: the index, or -(insertion point) - 1. */
    private int search(int b, long key) {
        int base = b << SHIFT;
        int lo = 0;
        int hi = blockSize[b] - 1;
        if (hi >= 0 && keys[base + hi] == key) {
            return hi;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[base + mid];
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

    /** Moves the upper half of the full block at position p into a new block just after it. */
    private void split(int p) {
        int to = takeBlock();
        int b = order[p];
        int half = BLOCK / 2;
        System.arraycopy(keys, (b << SHIFT) + half, keys, to << SHIFT, half);
        System.arraycopy(levels, (b << SHIFT) + half, levels, to << SHIFT, half);
        blockSize[b] = half;
        blockSize[to] = half;
        insertBlock(p + 1, to);
    }

    /** Moves the block at position p + 1 into the one at p (they fit in half a block together). */
    private void merge(int p) {
        int b = order[p];
        int next = order[p + 1];
        System.arraycopy(keys, next << SHIFT, keys, (b << SHIFT) + blockSize[b], blockSize[next]);
        System.arraycopy(levels, next << SHIFT, levels, (b << SHIFT) + blockSize[b], blockSize[next]);
        blockSize[b] += blockSize[next];
        blockSize[next] = 0;
        firstKey[p] = keys[b << SHIFT];
        removeBlock(p + 1);
    }

    /** Puts block b at position p of the block order (its first key set from its entries, if any). */
    private void insertBlock(int p, int b) {
        if (blocks == order.length) {
            order = Arrays.copyOf(order, blocks * 2);
            firstKey = Arrays.copyOf(firstKey, blocks * 2);
        }
        System.arraycopy(order, p, order, p + 1, blocks - p);
        System.arraycopy(firstKey, p, firstKey, p + 1, blocks - p);
        order[p] = b;
        firstKey[p] = keys[b << SHIFT];
        blocks++;
    }

    /** Takes the empty block at position p out of the block order and frees it. */
    private void removeBlock(int p) {
        int b = order[p];
        blocks--;
        System.arraycopy(order, p + 1, order, p, blocks - p);
        System.arraycopy(firstKey, p + 1, firstKey, p, blocks - p);
        freeBlocks[freeBlockCount++] = b;
    }

    private int takeBlock() {
        if (freeBlockCount == 0) {
            int from = blockSize.length;
            int n = from * 2;
            keys = Arrays.copyOf(keys, n << SHIFT);
            levels = Arrays.copyOf(levels, n << SHIFT);
            blockSize = Arrays.copyOf(blockSize, n);
            freeBlocks = Arrays.copyOf(freeBlocks, n);
            for (int i = n - 1; i >= from; i--) {
                freeBlocks[freeBlockCount++] = i;
            }
        }
        int b = freeBlocks[--freeBlockCount];
        blockSize[b] = 0;
        return b;
    }

    /** Doubles the price cache and fills it with the levels on the book. */
    private void growCache() {
        cache = new int[cache.length << 1];
        cacheMask = cache.length - 1;
        for (int p = 0; p < blocks; p++) {
            int base = order[p] << SHIFT;
            for (int j = 0, n = blockSize[order[p]]; j < n; j++) {
                Level l = table[levels[base + j]];
                cache[(int) l.price & cacheMask] = l.handle + 1;
            }
        }
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

    /**
     * Checks the blocks, their order and the price cache.
     *
     * @return a description of the first problem, or null when there is none
     */
    String checkLevels() {
        int seen = 0;
        long prev = Long.MIN_VALUE;
        for (int p = 0; p < blocks; p++) {
            int b = order[p];
            if (blockSize[b] <= 0 || blockSize[b] > BLOCK) {
                return "block " + p + " holds " + blockSize[b] + " levels";
            }
            if (firstKey[p] != keys[b << SHIFT]) {
                return "block " + p + " starts at " + keys[b << SHIFT] + ", not at its first key " + firstKey[p];
            }
            for (int j = 0; j < blockSize[b]; j++) {
                long k = keys[(b << SHIFT) + j];
                Level l = table[levels[(b << SHIFT) + j]];
                if (k != (bid ? l.price : -l.price)) {
                    return "level " + seen + " does not match its sort key " + k;
                }
                if (seen > 0 && prev >= k) {
                    return "levels out of order at " + seen + " (" + prev + " >= " + k + ")";
                }
                prev = k;
                seen++;
            }
        }
        if (seen != size) {
            return "the blocks hold " + seen + " levels, not " + size;
        }
        for (int slot = 0; slot < cache.length; slot++) {
            Level c = cache[slot] == 0 ? null : table[cache[slot] - 1];
            if (c != null && (((int) c.price & cacheMask) != slot || onBook(c.price) != c)) {
                return "the price cache holds a level at " + c.price + " that is not on the book";
            }
        }
        return null;
    }
}
