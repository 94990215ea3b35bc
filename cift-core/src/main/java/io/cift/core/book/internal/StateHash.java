package io.cift.core.book.internal;

/**
 * A 64-bit order-sensitive digest for state hashes: each value is mixed with the murmur3 finalizer
 * and folded in FNV style. Not cryptographic: it tells states apart, it does not resist forgery.
 */
public final class StateHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private StateHash() {
    }

    /**
     * The digest of nothing.
     *
     * @return the starting value
     */
    public static long start() {
        return OFFSET;
    }

    /**
     * Folds one value in.
     *
     * @param h the digest so far
     * @param v the value
     * @return the new digest
     */
    public static long add(long h, long v) {
        long k = v;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (h ^ k) * PRIME;
    }

    /**
     * Folds a string in (its length, then its characters).
     *
     * @param h the digest so far
     * @param s the string
     * @return the new digest
     */
    public static long add(long h, String s) {
        h = add(h, s.length());
        for (int i = 0; i < s.length(); i++) {
            h = add(h, s.charAt(i));
        }
        return h;
    }
}
