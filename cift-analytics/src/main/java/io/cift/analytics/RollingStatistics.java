package io.cift.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * quantstats' rolling statistics, one value per return date, NaN until a window is full. The arrays are the
 * report's own: read them, do not change them.
 *
 * @param window the window of the Sharpe, Sortino and volatility series (126)
 * @param greeksWindow the window of beta and alpha (252)
 * @param dates the return dates
 * @param sharpe rolling Sharpe ratio, annualized
 * @param sortino rolling Sortino ratio, annualized
 * @param volatility rolling volatility, annualized
 * @param beta rolling beta against the benchmark, null without one
 * @param alpha rolling alpha as quantstats computes it (the whole series' means, not annualized), null without
 *              a benchmark
 */
public record RollingStatistics(int window, int greeksWindow, List<LocalDate> dates, double[] sharpe,
                                double[] sortino, double[] volatility, double[] beta, double[] alpha) {
}
