package io.cift.analytics;

import java.util.List;
import java.util.Map;

/**
 * The statistics and tables of quantstats for one return series, computed as quantstats 0.0.81 computes them.
 *
 * @param metrics every scalar statistic under quantstats' function name, in quantstats' order (the benchmark
 *                ones, with {@code greeks} as {@code greeks_alpha} and {@code greeks_beta}, only with a
 *                benchmark); NaN or an infinity where quantstats gives one or raises
 * @param rolling the rolling statistics
 * @param monthlyReturns by year: the compounded return of each month, January to December (0 for a month
 *                       without returns), then the year's (EOY), as fractions
 * @param drawdownDetails the drawdown episodes in date order
 * @param returns the returns the statistics were computed from, one per date of {@code rolling().dates()}
 * @param benchmarkReturns the benchmark's returns on those dates as quantstats aligns them, null without one
 */
public record QuantStatsReport(Map<String, Double> metrics, RollingStatistics rolling,
                               Map<Integer, double[]> monthlyReturns, List<DrawdownDetail> drawdownDetails,
                               double[] returns, double[] benchmarkReturns) {
}
