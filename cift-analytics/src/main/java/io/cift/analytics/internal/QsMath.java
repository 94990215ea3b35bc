package io.cift.analytics.internal;

import java.util.Arrays;

/**
 * The statistics pandas and numpy give quantstats, on plain arrays: sample standard deviation (ddof 1),
 * pandas' bias-corrected skew and excess kurtosis, linear-interpolation quantiles, Pearson correlation.
 * Empty input gives NaN where pandas gives NaN. Stateless.
 */
final class QsMath {

    private QsMath() {
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** The mean, NaN when empty. */
    static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : sum(x) / x.length;
    }

    /** Sample standard deviation (ddof 1), NaN below two values. */
    static double std(double[] x) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (n - 1));
    }

    /** pandas' skew: the adjusted Fisher-Pearson coefficient, NaN below three values, 0 without variance. */
    static double skew(double[] x) {
        int n = x.length;
        if (n < 3) {
            return Double.NaN;
        }
        double m = mean(x);
        double m2 = 0;
        double m3 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 = zeroOutFpErr(m2);
        m3 = zeroOutFpErr(m3);
        if (m2 == 0) {
            return 0;
        }
        return (n * Math.sqrt(n - 1.0) / (n - 2.0)) * (m3 / Math.pow(m2, 1.5));
    }

    /** pandas' kurtosis: excess kurtosis with the sample correction, NaN below four values, 0 without variance. */
    static double kurtosis(double[] x) {
        int n = x.length;
        if (n < 4) {
            return Double.NaN;
        }
        double m = mean(x);
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d2 = (v - m) * (v - m);
            m2 += d2;
            m4 += d2 * d2;
        }
        double adj = 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
        double numerator = zeroOutFpErr(n * (n + 1.0) * (n - 1.0) * m4);
        double denominator = zeroOutFpErr((n - 2.0) * (n - 3.0) * m2 * m2);
        if (denominator == 0) {
            return 0;
        }
        return numerator / denominator - adj;
    }

    private static double zeroOutFpErr(double v) {
        return Math.abs(v) < 1e-14 ? 0 : v;
    }

    /** The q-quantile with linear interpolation (pandas' and numpy's default), NaN when empty. */
    static double quantile(double[] x, double q) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return quantileSorted(s, q);
    }

    static double quantileSorted(double[] s, double q) {
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Pearson's correlation of two series of equal length, NaN when either has no variance. */
    static double correlation(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }

    /** Sample covariance (ddof 1). */
    static double covariance(double[] x, double[] y) {
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (n - 1);
    }

    /** The elements for which the test holds. */
    static double[] where(double[] x, java.util.function.DoublePredicate test) {
        return Arrays.stream(x).filter(test).toArray();
    }

    /** prod(1 + r) - 1. */
    static double comp(double[] r) {
        double p = 1;
        for (double v : r) {
            p *= 1 + v;
        }
        return p - 1;
    }
}
