package io.cift.analytics.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * quantstats' tables: {@code monthly_returns} (compounded, months without returns 0, the year's total as
 * EOY) and {@code drawdown_details} (each drawdown's start, valley and end, calendar days, and its maximum
 * and 99 % maximum drawdown in percent), with quantstats' rules for where an episode starts and ends. Stateless.
 */
public final class QsTables {

    private QsTables() {
    }

    /**
     * Monthly returns by year: 13 values, January to December then EOY.
     *
     * @param dates each return's date, ascending
     * @param r the returns
     * @return by year, ascending
     */
    public static Map<Integer, double[]> monthlyReturns(LocalDate[] dates, double[] r) {
        Map<Integer, double[]> growth = new TreeMap<>();
        for (int i = 0; i < r.length; i++) {
            double[] y = growth.computeIfAbsent(dates[i].getYear(), k -> {
                double[] g = new double[13];
                java.util.Arrays.fill(g, 1.0);
                return g;
            });
            y[dates[i].getMonthValue() - 1] *= 1 + r[i];
            y[12] *= 1 + r[i];
        }
        for (double[] g : growth.values()) {       // growth of 1 to return
            for (int k = 0; k < 13; k++) {
                g[k] -= 1;
            }
        }
        return growth;
    }

    /**
     * One drawdown episode, as quantstats tabulates it.
     *
     * @param start the first day under water
     * @param valley the deepest day
     * @param end the last day under water (the last day of the data when it has not recovered)
     * @param days calendar days from start to end, both counted
     * @param maxDrawdown the deepest drawdown, in percent
     * @param maxDrawdown99 the deepest once the worst 1 % of the episode's days are left out, in percent (NaN
     *                      when that leaves none)
     */
    public record Episode(LocalDate start, LocalDate valley, LocalDate end, int days, double maxDrawdown,
                          double maxDrawdown99) {
    }

    /**
     * The drawdown episodes, in date order.
     *
     * @param dates each return's date, ascending
     * @param r the returns
     * @return the episodes
     */
    public static List<Episode> drawdownDetails(LocalDate[] dates, double[] r) {
        double[] dd = QsMetrics.drawdowns(r);
        int n = dd.length;
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            if (dd[i] != 0 && dd[i - 1] == 0) {
                starts.add(i);
            }
            // quantstats marks the recovery day, then moves the mark back a day
            if (dd[i] == 0 && dd[i - 1] != 0) {
                ends.add(i - 1);
            }
        }
        List<Episode> out = new ArrayList<>();
        if (starts.isEmpty()) {
            return out;
        }
        if (!ends.isEmpty() && starts.get(0) > ends.get(0)) {
            starts.add(0, 0);
        }
        if (ends.isEmpty() || starts.get(starts.size() - 1) > ends.get(ends.size() - 1)) {
            ends.add(n - 1);
        }
        for (int k = 0; k < starts.size(); k++) {
            int s = starts.get(k);
            int e = ends.get(k);
            int valley = s;
            double[] neg = new double[e - s + 1];
            for (int i = s; i <= e; i++) {
                if (dd[i] < dd[valley]) {
                    valley = i;
                }
                neg[i - s] = -dd[i];
            }
            double q = QsMath.quantile(neg, 0.99);
            double kept = Double.NaN;
            for (double x : neg) {
                if (x < q && (Double.isNaN(kept) || x > kept)) {
                    kept = x;
                }
            }
            out.add(new Episode(dates[s], dates[valley], dates[e], (int) ChronoUnit.DAYS.between(dates[s], dates[e]) + 1,
                    dd[valley] * 100, -kept * 100));
        }
        return out;
    }
}
