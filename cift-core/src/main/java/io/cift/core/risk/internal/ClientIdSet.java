package io.cift.core.risk.internal;

import org.agrona.collections.Long2ObjectHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.util.Arrays;

/**
 * The client order ids an account used this session, in pages of 65,536 ids keyed by the id's upper bits
 * (the last page used cached). A page starts as a small sorted array of the ids' low 16 bits and becomes a
 * dense bitmap (8 KiB, one bit per id) at {@value #SPARSE_MAX} ids, so an id arriving out of order costs a
 * binary search and a short array shift at most, never the shift of thousands of entries a general
 * compressed bitmap pays before it switches. Memory: a bit per id for increasing or clustered ids, at most
 * 16 bytes per id for ids scattered across pages. Snapshots use Roaring's portable format.
 */
final class ClientIdSet {
    /** Ids a page keeps as a sorted array before it becomes a bitmap. */
    static final int SPARSE_MAX = 512;

    private static final class Page {
        char[] sparse = new char[8];
        int n;
        long[] dense;
    }

    private final Long2ObjectHashMap<Page> pages = new Long2ObjectHashMap<>();
    private long lastKey;
    private Page last;
    private long size;

    private Page page(long key, boolean create) {
        if (last != null && key == lastKey) {
            return last;
        }
        Page p = pages.get(key);
        if (p == null) {
            if (!create) {
                return null;
            }
            p = new Page();
            pages.put(key, p);
        }
        lastKey = key;
        last = p;
        return p;
    }

    boolean contains(long id) {
        Page p = page(id >>> 16, false);
        if (p == null) {
            return false;
        }
        int low = (int) id & 0xFFFF;
        if (p.dense != null) {
            return (p.dense[low >>> 6] & (1L << low)) != 0;
        }
        return Arrays.binarySearch(p.sparse, 0, p.n, (char) low) >= 0;
    }

    void add(long id) {
        Page p = page(id >>> 16, true);
        int low = (int) id & 0xFFFF;
        if (p.dense == null) {
            int i = Arrays.binarySearch(p.sparse, 0, p.n, (char) low);
            if (i >= 0) {
                return;
            }
            if (p.n < SPARSE_MAX) {
                i = -i - 1;
                if (p.n == p.sparse.length) {
                    p.sparse = Arrays.copyOf(p.sparse, p.sparse.length * 2);
                }
                System.arraycopy(p.sparse, i, p.sparse, i + 1, p.n - i);
                p.sparse[i] = (char) low;
                p.n++;
                size++;
                return;
            }
            long[] dense = new long[1 << 10];
            for (int k = 0; k < p.n; k++) {
                dense[p.sparse[k] >>> 6] |= 1L << p.sparse[k];
            }
            p.dense = dense;
            p.sparse = null;
            p.n = 0;
        }
        long bit = 1L << low;
        if ((p.dense[low >>> 6] & bit) == 0) {
            p.dense[low >>> 6] |= bit;
            size++;
        }
    }

    /** @return how many ids the set holds */
    long size() {
        return size;
    }

    /** Writes every id (for snapshots): per upper 32 bits, a Roaring bitmap of the lower 32, in Roaring's portable format. */
    void write(java.io.DataOutput out) throws java.io.IOException {
        long[] keys = new long[pages.size()];
        int k = 0;
        for (Long2ObjectHashMap<Page>.KeyIterator it = pages.keySet().iterator(); it.hasNext(); ) {
            keys[k++] = it.nextLong();
        }
        Arrays.sort(keys);   // unsigned order equals signed order here: keys are id >>> 16, never negative
        int highs = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] >>> 16 != keys[i - 1] >>> 16) {
                highs++;
            }
        }
        out.writeInt(highs);
        RoaringBitmap b = null;
        for (int i = 0; i < keys.length; i++) {
            long high = keys[i] >>> 16;
            if (b == null || high != keys[i - 1] >>> 16) {
                if (b != null) {
                    b.runOptimize();
                    b.serialize(out);
                }
                out.writeInt((int) high);
                b = new RoaringBitmap();
            }
            Page p = pages.get(keys[i]);
            int base = (int) (keys[i] << 16);
            if (p.dense != null) {
                for (int w = 0; w < p.dense.length; w++) {
                    for (long bits = p.dense[w]; bits != 0; bits &= bits - 1) {
                        b.add(base | (w << 6 | Long.numberOfTrailingZeros(bits)));
                    }
                }
            } else {
                for (int j = 0; j < p.n; j++) {
                    b.add(base | p.sparse[j]);
                }
            }
        }
        if (b != null) {
            b.runOptimize();
            b.serialize(out);
        }
    }

    /** Reads what {@link #write} wrote (or the Roaring-per-upper-word form earlier versions wrote) into an empty set. */
    void read(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            long high = in.readInt() & 0xFFFF_FFFFL;
            RoaringBitmap b = new RoaringBitmap();
            b.deserialize(in);
            for (IntIterator it = b.getIntIterator(); it.hasNext(); ) {
                add(high << 32 | (it.next() & 0xFFFF_FFFFL));
            }
        }
        last = null;
    }
}
