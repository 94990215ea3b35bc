package io.cift.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Performance analytics of daily values with the definitions of empyrical (the library behind pyfolio and
 * zipline), so the numbers agree with it.
 *
 * <p>From the daily values v_0..v_N-1 (sorted by date): simple returns r_t = v_t / v_t-1 - 1 (N values give
 * n = N-1 returns). Annualization 252; risk-free rate rf and minimum acceptable return MAR per period, 0
 * unless given; standard deviations are sample ones (n-1); percentiles interpolate linearly between closest
 * ranks (numpy's default).
 * <ul>
 *   <li>cumulative_return = prod(1 + r) - 1; annual_return = prod(1 + r)^(252/n) - 1;
 *       annual_volatility = std(r) sqrt(252);</li>
 *   <li>sharpe_ratio = mean(r - rf) / std(r - rf) sqrt(252);</li>
 *   <li>downside_risk = sqrt(mean over all n of min(r - MAR, 0)^2) sqrt(252);
 *       sortino_ratio = mean(r - MAR) 252 / downside_risk;</li>
 *   <li>max_drawdown = min over t of (C_t - max C) / max C with C_0 = 100, C_t = 100 prod(1 + r)
 *       (0 when there is none); calmar_ratio = annual_return / |max_drawdown| (NaN without a drawdown,
 *       or when infinite);</li>
 *   <li>omega_ratio = sum of (r - rf) over 0 / -sum of (r - rf) under 0 (required return 0; NaN when
 *       nothing is under); tail_ratio = |p95| / |p5|; value_at_risk = p5 (a return, not sign-flipped);
 *       conditional_value_at_risk = mean of the int((n-1) 0.05) + 1 smallest returns;</li>
 *   <li>stability_of_timeseries = R^2 of a least-squares line through cumsum(log(1 + r)) (0 when a
 *       variance is 0, as scipy's linregress);</li>
 *   <li>against a benchmark aligned by date: beta = cov(r, b) / var(b) (NaN when var(b) &lt; 1e-30);
 *       alpha = (1 + mean(r - rf - beta (b - rf)))^252 - 1; information_ratio = mean(r - b) / std(r - b);</li>
 *   <li>win_rate = share of non-zero returns that are positive; profit_factor = sum of non-negative
 *       returns / |sum of negative returns|;</li>
 *   <li>drawdown episodes from the values: a day is under water when its value is below the running peak;
 *       a value equal to the peak ends the episode (see {@link DrawdownEpisode}).</li>
 * </ul>
 * Degenerate inputs do not throw: an undefined metric is NaN (0/0) or an infinity (x/0), as in empyrical;
 * with fewer than two returns the dispersion statistics are NaN. Invalid input (a non-finite or
 * non-positive value, a duplicate date) throws {@link InvalidDataException} naming the row. Stateless and
 * thread-safe.
 */
public final class PerformanceAnalytics {

    /** Periods per year. */
    public static final int ANNUALIZATION = 252;

    private PerformanceAnalytics() {
    }

    /**
     * Computes the report with rf = MAR = 0.
     *
     * @param values the daily values, in any order
     * @param benchmark the benchmark's daily values, or null
     * @param backend the backend name to put in the report
     * @return the report
     */
    public static PerformanceReport compute(List<DailyValue> values, List<DailyValue> benchmark, String backend) {
        return compute(values, benchmark, 0, 0, backend);
    }

    /**
     * Computes the report.
     *
     * @param values the daily values, in any order
     * @param benchmark the benchmark's daily values, or null
     * @param riskFree the risk-free rate per period
     * @param mar the minimum acceptable return per period (for downside risk and Sortino)
     * @param backend the backend name to put in the report
     * @return the report
     * @throws InvalidDataException for a non-finite or non-positive value or a duplicate date
     */
    public static PerformanceReport compute(List<DailyValue> values, List<DailyValue> benchmark, double riskFree,
                                            double mar, String backend) {
        List<DailyValue> v = validated(values, "value");
        double[] r = returns(v);
        PerformanceMetrics m = metrics(r, riskFree, mar);
        BenchmarkRelative rel = benchmark == null ? null : relative(v, r, validated(benchmark, "benchmark value"), riskFree);
        return new PerformanceReport(backend, Collections.unmodifiableList(v), m, rel, drawdowns(v), monthly(v, r));
    }

    /** Sorted copy; throws for bad values and duplicate dates, naming the row in the caller's order. */
    static List<DailyValue> validated(List<DailyValue> values, String what) {
        Objects.requireNonNull(values, "values");
        if (ascendingAndValid(values)) {
            return new ArrayList<>(values);
        }
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            DailyValue d = values.get(i);
            if (d == null || d.date() == null) {
                throw new InvalidDataException(i + 1, "missing date");
            }
            if (!(d.value() > 0) || Double.isInfinite(d.value())) {
                throw new InvalidDataException(i + 1, what + " on " + d.date() + " must be finite and positive, got " + d.value());
            }
            Integer prev = seen.putIfAbsent(d.date(), i + 1);
            if (prev != null) {
                throw new InvalidDataException(i + 1, "duplicate date " + d.date() + " (also row " + prev + ")");
            }
        }
        List<DailyValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(DailyValue::date));
        return sorted;
    }

    /** Whether every row is valid and the dates strictly ascend (no sort and no duplicate check needed). */
    private static boolean ascendingAndValid(List<DailyValue> values) {
        LocalDate prev = null;
        for (DailyValue d : values) {
            if (d == null || d.date() == null || !(d.value() > 0) || Double.isInfinite(d.value())
                    || prev != null && !d.date().isAfter(prev)) {
                return false;
            }
            prev = d.date();
        }
        return true;
    }

    static double[] returns(List<DailyValue> v) {
        double[] r = new double[Math.max(0, v.size() - 1)];
        for (int t = 1; t < v.size(); t++) {
            r[t - 1] = v.get(t).value() / v.get(t - 1).value() - 1;
        }
        return r;
    }

    /**
     * The metrics of a return series.
     *
     * @param r the simple returns
     * @param rf the risk-free rate per period
     * @param mar the minimum acceptable return per period
     * @return the metrics
     */
    public static PerformanceMetrics metrics(double[] r, double rf, double mar) {
        int n = r.length;
        double nan = Double.NaN;
        double growth = 1;
        for (double x : r) {
            growth *= 1 + x;
        }
        double cumulative = n == 0 ? nan : growth - 1;
        double annualReturn = n == 0 ? nan : Math.pow(growth, (double) ANNUALIZATION / n) - 1;
        double sd = std(r, 0);
        double annualVol = n < 2 ? nan : sd * Math.sqrt(ANNUALIZATION);
        double sharpe = n < 2 ? nan : mean(r, rf) / std(r, rf) * Math.sqrt(ANNUALIZATION);
        double downside = nan;
        if (n >= 1) {
            double s = 0;
            for (double x : r) {
                double d = Math.min(x - mar, 0);
                s += d * d;
            }
            downside = Math.sqrt(s / n) * Math.sqrt(ANNUALIZATION);
        }
        double sortino = n < 2 ? nan : mean(r, mar) * ANNUALIZATION / downside;
        double maxDd = maxDrawdown(r);
        double calmar = nan;
        if (maxDd < 0) {
            double c = annualReturn / Math.abs(maxDd);
            calmar = Double.isInfinite(c) ? nan : c;
        }
        double omega = n >= 2 ? io.cift.analytics.internal.QsMetrics.omegaRatio(r, rf) : nan;
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double p5 = n == 0 ? nan : percentile(sorted, 5);
        double p95 = n == 0 ? nan : percentile(sorted, 95);
        double tail = n == 0 ? nan : Math.abs(p95) / Math.abs(p5);
        double cvar = nan;
        if (n > 0) {
            int k = (int) ((n - 1) * 0.05) + 1;
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += sorted[i];
            }
            cvar = s / k;
        }
        double stability = n < 2 ? nan : stability(r);
        int nonZero = 0;
        int positive = 0;
        double gains = 0;
        double losses = 0;
        for (double x : r) {
            if (x != 0) {
                nonZero++;
                if (x > 0) {
                    positive++;
                }
            }
            if (x >= 0) {
                gains += x;
            } else {
                losses += x;
            }
        }
        double winRate = (double) positive / nonZero;
        double profitFactor = gains / Math.abs(losses);
        return new PerformanceMetrics(cumulative, annualReturn, annualVol, sharpe, sortino, downside, maxDd, calmar,
                omega, tail, p5, cvar, stability, winRate, profitFactor);
    }

    static double mean(double[] r, double minus) {
        double s = 0;
        for (double x : r) {
            s += x - minus;
        }
        return s / r.length;
    }

    /** Sample standard deviation (n - 1) of r - minus; NaN for fewer than two values. */
    static double std(double[] r, double minus) {
        int n = r.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(r, minus);
        double s = 0;
        for (double x : r) {
            double d = x - minus - m;
            s += d * d;
        }
        return Math.sqrt(s / (n - 1));
    }

    /** numpy.percentile's default (linear) on sorted values; q in [0, 100]. */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q / 100.0;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double maxDrawdown(double[] r) {
        if (r.length == 0) {
            return Double.NaN;
        }
        double c = 100;
        double peak = 100;
        double worst = 0;
        for (double x : r) {
            c *= 1 + x;
            peak = Math.max(peak, c);
            worst = Math.min(worst, (c - peak) / peak);
        }
        return worst;
    }

    private static double stability(double[] r) {
        int n = r.length;
        double[] y = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log1p(r[i]);
            y[i] = s;
        }
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double v : y) {
            my += v;
        }
        my /= n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double den = Math.sqrt(sxx * syy);
        if (den == 0) {
            return 0;
        }
        double rr = Math.max(-1, Math.min(1, sxy / den));
        return rr * rr;
    }

    private static BenchmarkRelative relative(List<DailyValue> v, double[] r, List<DailyValue> bench, double rf) {
        Map<LocalDate, Double> b = new HashMap<>();
        double[] br = returns(bench);
        for (int t = 1; t < bench.size(); t++) {
            b.put(bench.get(t).date(), br[t - 1]);
        }
        double[] x = new double[r.length];
        double[] y = new double[r.length];
        int n = 0;
        for (int t = 1; t < v.size(); t++) {
            Double bt = b.get(v.get(t).date());
            if (bt != null) {
                x[n] = r[t - 1];
                y[n] = bt;
                n++;
            }
        }
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        double nan = Double.NaN;
        if (n < 2) {
            return new BenchmarkRelative(nan, nan, nan, n);
        }
        double my = mean(y, 0);
        double cov = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - my;
            cov += d * x[i];
            var += d * d;
        }
        cov /= n;
        var /= n;
        double beta = var < 1.0e-30 ? nan : cov / var;
        double a = 0;
        double[] active = new double[n];
        for (int i = 0; i < n; i++) {
            a += x[i] - rf - beta * (y[i] - rf);
            active[i] = x[i] - y[i];
        }
        double alpha = Math.pow(1 + a / n, ANNUALIZATION) - 1;
        double ir = mean(active, 0) / std(active, 0);
        return new BenchmarkRelative(alpha, beta, ir, n);
    }

    /**
     * The drawdown episodes of a value series sorted by date.
     *
     * @param v the values, sorted by date
     * @return the summary
     */
    static DrawdownSummary drawdowns(List<DailyValue> v) {
        List<DrawdownEpisode> eps = new ArrayList<>();
        if (!v.isEmpty()) {
            int peak = 0;
            int valley = -1;
            for (int i = 1; i < v.size(); i++) {
                double x = v.get(i).value();
                if (x < v.get(peak).value()) {
                    if (valley < 0 || x < v.get(valley).value()) {
                        valley = i;
                    }
                } else {
                    if (valley >= 0) {
                        eps.add(episode(v, peak, valley, i));
                        valley = -1;
                    }
                    peak = i;
                }
            }
            if (valley >= 0) {
                eps.add(episode(v, peak, valley, -1));
            }
        }
        DrawdownEpisode deepest = null;
        DrawdownEpisode longest = null;
        int maxPeriods = 0;
        long maxDays = 0;
        for (DrawdownEpisode e : eps) {
            if (deepest == null || e.depth() < deepest.depth()) {
                deepest = e;
            }
            if (longest == null || e.durationPeriods() > longest.durationPeriods()) {
                longest = e;
            }
            maxPeriods = Math.max(maxPeriods, e.durationPeriods());
            maxDays = Math.max(maxDays, e.durationCalendarDays());
        }
        return new DrawdownSummary(maxPeriods, maxDays, eps.size(), deepest, longest, Collections.unmodifiableList(eps));
    }

    private static DrawdownEpisode episode(List<DailyValue> v, int peak, int valley, int recovery) {
        int end = recovery < 0 ? v.size() - 1 : recovery;
        DailyValue p = v.get(peak);
        DailyValue w = v.get(valley);
        return new DrawdownEpisode(p.date(), w.date(), recovery < 0 ? null : v.get(recovery).date(), recovery >= 0,
                p.value(), w.value(), w.value() / p.value() - 1, end - peak,
                ChronoUnit.DAYS.between(p.date(), v.get(end).date()));
    }

    private static Map<YearMonth, Double> monthly(List<DailyValue> v, double[] r) {
        Map<YearMonth, Double> out = new LinkedHashMap<>();
        for (int t = 1; t < v.size(); t++) {
            YearMonth ym = YearMonth.from(v.get(t).date());
            out.merge(ym, r[t - 1], (a, b) -> (1 + a) * (1 + b) - 1);
        }
        return Collections.unmodifiableMap(out);
    }
}
