package io.cift.core.risk.internal;

import org.agrona.collections.Int2ObjectHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The client order ids an account used this session: 32-bit Roaring bitmaps keyed by the id's high word,
 * the last one used cached. About one bit per id for increasing or clustered ids, so lookups stay in
 * cache where a hash set of millions of ids would not; memory grows only with new ids.
 */
final class ClientIdSet {
    private final Int2ObjectHashMap<RoaringBitmap> byHigh = new Int2ObjectHashMap<>();
    private int lastHigh;
    private RoaringBitmap last;

    private RoaringBitmap bitmap(int high, boolean create) {
        if (last != null && high == lastHigh) {
            return last;
        }
        RoaringBitmap b = byHigh.get(high);
        if (b == null) {
            if (!create) {
                return null;
            }
            b = new RoaringBitmap();
            byHigh.put(high, b);
        }
        lastHigh = high;
        last = b;
        return b;
    }

    boolean contains(long id) {
        RoaringBitmap b = bitmap((int) (id >>> 32), false);
        return b != null && b.contains((int) id);
    }

    void add(long id) {
        bitmap((int) (id >>> 32), true).add((int) id);
    }

    /** Writes every id (for snapshots). */
    void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(byHigh.size());
        for (Int2ObjectHashMap<RoaringBitmap>.EntryIterator it = byHigh.entrySet().iterator(); it.hasNext(); ) {
            it.next();
            out.writeInt(it.getIntKey());
            RoaringBitmap b = it.getValue();
            b.runOptimize();
            b.serialize(out);
        }
    }

    /** @return how many ids the set holds */
    long size() {
        long n = 0;
        for (RoaringBitmap b : byHigh.values()) {
            n += b.getLongCardinality();
        }
        return n;
    }

    /** Reads what {@link #write} wrote into an empty set. */
    void read(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            int high = in.readInt();
            RoaringBitmap b = new RoaringBitmap();
            b.deserialize(in);
            byHigh.put(high, b);
        }
        last = null;
    }
}
