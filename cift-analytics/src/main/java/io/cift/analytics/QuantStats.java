package io.cift.analytics;

import io.cift.analytics.internal.QsMetrics;
import io.cift.analytics.internal.QsRolling;
import io.cift.analytics.internal.QsTables;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * quantstats' statistics, rolling series and tables for daily values, numerically as quantstats 0.0.81
 * computes them (the definitions of its {@code stats} module are the contract; see docs/analytics.md for the
 * list and for where quantstats' choices differ from empyrical's, which {@link PerformanceAnalytics} keeps).
 *
 * <p>The returns are r_t = v_t / v_t-1 - 1, dated by the later day, as a quantstats user passes them. A
 * benchmark is turned into returns the same way; on other dates than the values it is aligned as quantstats
 * aligns it (its compounded value taken on the next day it has, then returns between the values' dates).
 * Each statistic is computed as quantstats computes it called alone with its defaults, the periods per year
 * and the annual risk-free rate. Stateless and thread-safe.
 */
public final class QuantStats {

    /** The window of the rolling Sharpe, Sortino and volatility (quantstats' default). */
    public static final int ROLLING_WINDOW = 126;
    /** The window of the rolling beta and alpha (quantstats' default). */
    public static final int GREEKS_WINDOW = 252;

    private QuantStats() {
    }

    /**
     * Computes the report.
     *
     * @param values the daily values, in any order, at least two
     * @param benchmark the benchmark's daily values, or null
     * @param periodsPerYear periods per year: 252 for equities, 365 for crypto
     * @param riskFree the annual risk-free rate, as a fraction
     * @return the report
     * @throws InvalidDataException for a non-finite or non-positive value or a duplicate date
     * @throws IllegalArgumentException for fewer than two values, periods per year below 1, or a risk-free rate
     *                                  that is not finite or not above -1
     */
    public static QuantStatsReport compute(List<DailyValue> values, List<DailyValue> benchmark, int periodsPerYear,
                                           double riskFree) {
        if (periodsPerYear < 1) {
            throw new IllegalArgumentException("periodsPerYear must be at least 1, got " + periodsPerYear);
        }
        if (!Double.isFinite(riskFree) || riskFree <= -1) {
            throw new IllegalArgumentException("riskFree must be a finite annual rate above -1, got " + riskFree);
        }
        List<DailyValue> v = PerformanceAnalytics.validated(values, "value");
        if (v.size() < 2) {
            throw new IllegalArgumentException("values: at least two daily values are needed for a return, got " + v.size());
        }
        double[] r = PerformanceAnalytics.returns(v);
        LocalDate[] dates = new LocalDate[r.length];
        for (int t = 1; t < v.size(); t++) {
            dates[t - 1] = v.get(t).date();
        }
        double[] b = benchmark == null ? null : aligned(PerformanceAnalytics.validated(benchmark, "benchmark value"), dates);
        Map<String, Double> metrics = Collections.unmodifiableMap(QsMetrics.all(r, b, periodsPerYear, riskFree));
        double[][] greeks = b == null ? null : QsRolling.greeks(r, b, GREEKS_WINDOW);
        RollingStatistics rolling = new RollingStatistics(ROLLING_WINDOW, GREEKS_WINDOW, List.of(dates),
                QsRolling.sharpe(r, ROLLING_WINDOW, periodsPerYear, riskFree),
                QsRolling.sortino(r, ROLLING_WINDOW, periodsPerYear, riskFree),
                QsRolling.volatility(r, ROLLING_WINDOW, periodsPerYear),
                greeks == null ? null : greeks[0], greeks == null ? null : greeks[1]);
        Map<Integer, double[]> monthly = Collections.unmodifiableMap(QsTables.monthlyReturns(dates, r));
        List<DrawdownDetail> details = new ArrayList<>();
        for (QsTables.Episode e : QsTables.drawdownDetails(dates, r)) {
            details.add(new DrawdownDetail(e.start(), e.valley(), e.end(), e.days(), e.maxDrawdown(), e.maxDrawdown99()));
        }
        return new QuantStatsReport(metrics, rolling, monthly, List.copyOf(details), r, b);
    }

    /**
     * The benchmark's returns on the values' return dates: its own returns when its dates are the same; else,
     * as quantstats' {@code _prepare_benchmark}, its compounded value on each date (the value of the next day it
     * has, NaN past its last day), then the change from date to date, 0 where undefined.
     */
    static double[] aligned(List<DailyValue> bench, LocalDate[] dates) {
        double[] rb = PerformanceAnalytics.returns(bench);
        LocalDate[] bd = new LocalDate[rb.length];
        for (int t = 1; t < bench.size(); t++) {
            bd[t - 1] = bench.get(t).date();
        }
        if (Arrays.equals(dates, bd)) {     // both ascending without duplicates: the same dates, the same sets
            return rb;
        }
        double[] prices = new double[rb.length];
        double growth = 1;
        for (int i = 0; i < rb.length; i++) {
            growth *= 1 + rb[i];
            prices[i] = 1 + (growth - 1);     // quantstats' to_prices: 1 + compsum, rounded as it rounds
        }
        double[] at = new double[dates.length];
        int j = 0;
        for (int i = 0; i < dates.length; i++) {
            while (j < bd.length && bd[j].isBefore(dates[i])) {
                j++;
            }
            at[i] = j < bd.length ? prices[j] : Double.NaN;
        }
        double[] out = new double[dates.length];
        for (int i = 1; i < dates.length; i++) {
            double change = at[i] / at[i - 1] - 1;
            out[i] = Double.isNaN(change) || Double.isInfinite(change) ? 0 : change;
        }
        return out;
    }
}
