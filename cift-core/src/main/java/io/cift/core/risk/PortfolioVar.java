package io.cift.core.risk;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Portfolio value at risk and expected shortfall from positions and a daily close history.
 *
 * <ul>
 *   <li>Simple daily returns r_i,t = close_i,t / close_i,t-1 - 1 over every date on which any position's
 *       instrument has a close (each of them must have a close on each such date).</li>
 *   <li>Position value v_i = quantity_i x last close_i; scenario P&amp;L_t = sum_i v_i r_i,t.</li>
 *   <li>Historical: VaR = -q, q the (1 - c) quantile of the scenario P&amp;L by linear interpolation between
 *       order statistics (numpy.percentile's default, R type 7); expected shortfall = -mean of the scenario
 *       P&amp;L values at or below q.</li>
 *   <li>Parametric (delta-normal, zero mean): sigma_p = sqrt(v' S v), S the sample covariance of returns
 *       (n - 1 denominator); VaR = z_c sigma_p; expected shortfall = sigma_p phi(z_c) / (1 - c); component
 *       VaR_i = v_i (S v)_i / sigma_p x z_c (NaN when sigma_p is 0).</li>
 *   <li>A horizon of h days multiplies VaR, expected shortfall and components by sqrt(h).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PortfolioVar {

    private PortfolioVar() {
    }

    /**
     * Computes VaR and expected shortfall.
     *
     * @param positions signed quantities by symbol (iteration order is kept in the components)
     * @param history the closes
     * @param method historical or parametric
     * @param confidence c, strictly between 0 and 1
     * @param horizonDays h, at least 1
     * @return the result
     * @throws IllegalArgumentException naming the problem: empty positions, a non-finite quantity, an unknown
     *                                  symbol, a missing close, fewer than two dates, a bad confidence or horizon
     */
    public static VarResult compute(Map<String, Double> positions, PriceHistory history, VarMethod method,
                                    double confidence, int horizonDays) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(method, "method");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, got " + confidence);
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon days must be at least 1, got " + horizonDays);
        }
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("positions must not be empty");
        }
        List<String> symbols = new ArrayList<>(positions.keySet());
        int m = symbols.size();
        double[] q = new double[m];
        for (int i = 0; i < m; i++) {
            String s = symbols.get(i);
            Double qty = positions.get(s);
            if (qty == null || !Double.isFinite(qty)) {
                throw new IllegalArgumentException("quantity of " + s + " must be finite, got " + qty);
            }
            if (!history.hasSymbol(s)) {
                throw new IllegalArgumentException("unknown symbol " + s + " in the positions: no closes for it");
            }
            q[i] = qty;
        }
        Set<LocalDate> dateSet = history.dates(positions.keySet());
        if (dateSet.size() < 2) {
            throw new IllegalArgumentException("need closes on at least two dates, got " + dateSet.size());
        }
        LocalDate[] dates = dateSet.toArray(new LocalDate[0]);
        int n = dates.length - 1;
        double[][] r = new double[m][n];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            String s = symbols.get(i);
            double prev = close(history, s, dates[0]);
            for (int t = 1; t <= n; t++) {
                double c = close(history, s, dates[t]);
                r[i][t - 1] = c / prev - 1;
                if (!Double.isFinite(r[i][t - 1])) {
                    throw new IllegalArgumentException("the return of " + s + " on " + dates[t] + " is not finite (closes "
                            + prev + " then " + c + ")");
                }
                prev = c;
            }
            v[i] = q[i] * prev;
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("the value of the position in " + s + " (" + q[i] + " x " + prev
                        + ") is not finite");
            }
        }
        double value = 0;
        double gross = 0;
        for (double x : v) {
            value += x;
            gross += Math.abs(x);
        }
        double scale = Math.sqrt(horizonDays);
        if (method == VarMethod.HISTORICAL) {
            double[] pnl = new double[n];
            for (int t = 0; t < n; t++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += v[i] * r[i][t];
                }
                pnl[t] = sum;
            }
            double[] sorted = pnl.clone();
            Arrays.sort(sorted);
            double threshold = quantile(sorted, 1 - confidence);
            double tail = 0;
            int count = 0;
            for (double x : sorted) {
                if (x <= threshold) {
                    tail += x;
                    count++;
                }
            }
            double es = -tail / count;
            finite(positions, value, gross, threshold, es);
            return new VarResult(method, confidence, horizonDays, value, gross, value, -threshold * scale, es * scale,
                    Map.of(), n);
        }
        if (n < 2) {
            throw new IllegalArgumentException("the parametric method needs closes on at least three dates, got " + (n + 1));
        }
        double[][] cov = covariance(r, n);
        double[] sv = new double[m];
        double variance = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += cov[i][j] * v[j];
            }
            sv[i] = s;
            variance += v[i] * s;
        }
        double sigma = Math.sqrt(Math.max(variance, 0));
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z = normal.inverseCumulativeProbability(confidence);
        double var = z * sigma;
        double es = sigma * normal.density(z) / (1 - confidence);
        finite(positions, value, gross, var, es);
        Map<String, Double> components = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            components.put(symbols.get(i), v[i] * sv[i] / sigma * z * scale);
        }
        return new VarResult(method, confidence, horizonDays, value, gross, value, var * scale, es * scale,
                Collections.unmodifiableMap(components), n);
    }

    /** Refuses a result that overflowed: a value or a sum too large for a double. */
    private static void finite(Map<String, Double> positions, double value, double gross, double var, double es) {
        if (!Double.isFinite(value) || !Double.isFinite(gross) || !Double.isFinite(var) || !Double.isFinite(es)) {
            throw new IllegalArgumentException("the positions " + positions + " are too large to value: portfolio value "
                    + value + ", gross " + gross + ", VaR " + var + ", expected shortfall " + es);
        }
    }

    private static double close(PriceHistory h, String symbol, LocalDate date) {
        Double c = h.close(symbol, date);
        if (c == null) {
            throw new IllegalArgumentException("missing close for " + symbol + " on " + date);
        }
        return c;
    }

    /** The p quantile of sorted values by linear interpolation between order statistics (R type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[][] covariance(double[][] r, int n) {
        int m = r.length;
        double[] mean = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (double x : r[i]) {
                s += x;
            }
            mean[i] = s / n;
        }
        double[][] cov = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += (r[i][t] - mean[i]) * (r[j][t] - mean[j]);
                }
                cov[i][j] = s / (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }
}
