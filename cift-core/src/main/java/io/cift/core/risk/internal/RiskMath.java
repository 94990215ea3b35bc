package io.cift.core.risk.internal;

/** Checked and saturating long arithmetic of the risk calculator's money and positions. */
final class RiskMath {

    private RiskMath() {
    }

    /** Saturating multiply of a price or position by a quantity. */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return (hi < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * {@code a * b / c} truncated toward zero, exact whatever the size of {@code a * b} (a 128-bit product);
     * used for the share of the cost basis a partial close removes, which is always within {@code a}.
     */
    static long mulDiv(long a, long b, long c) {
        long q = a / c;
        long r = a % c;
        long hi = Math.multiplyHigh(r, b);
        long lo = r * b;
        long part = (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo / c
                : java.math.BigInteger.valueOf(r).multiply(java.math.BigInteger.valueOf(b))
                        .divide(java.math.BigInteger.valueOf(c)).longValueExact();
        return q * b + part;   // |q * b + part| <= |a| since b <= c
    }

    /** Saturating add. */
    static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
