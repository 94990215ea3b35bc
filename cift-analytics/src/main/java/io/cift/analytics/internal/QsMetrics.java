package io.cift.analytics.internal;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.cift.analytics.internal.QsMath.comp;
import static io.cift.analytics.internal.QsMath.mean;
import static io.cift.analytics.internal.QsMath.std;
import static io.cift.analytics.internal.QsMath.sum;
import static io.cift.analytics.internal.QsMath.where;

/**
 * quantstats' scalar statistics ({@code quantstats/stats.py}, 0.0.81) of a return series, each as quantstats
 * computes it with its default parameters, the periods per year and the annual risk-free rate given. Where
 * quantstats takes {@code rf} it is used as quantstats uses it: turned into a per-period rate
 * (1 + rf)^(1/periods) - 1 by the Sharpe and Sortino family and omega, subtracted as it is by the others
 * that take it, ignored by cagr and gain_to_pain_ratio; quantstats applies only a positive rate. Stateless.
 */
public final class QsMetrics {

    private static final double SQRT2 = Math.sqrt(2);

    private QsMetrics() {
    }

    /**
     * Every statistic, named as quantstats names it; with a benchmark also treynor_ratio, r_squared,
     * information_ratio, greeks_alpha and greeks_beta.
     *
     * @param r the returns
     * @param b the benchmark's returns on the same dates, or null
     * @param periods periods per year
     * @param rf the annual risk-free rate
     * @return the statistics in quantstats' order
     */
    public static Map<String, Double> all(double[] r, double[] b, double periods, double rf) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = r.length;
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        double[] dd = drawdowns(r);
        double total = comp(r);
        double er = Math.pow(total + 1, 1.0 / n) - 1;
        Parts parts = Parts.of(r);
        double winRate = parts.winRate();
        double payoff = parts.payoffRatio();
        double profitFactor = parts.profitFactor();
        double tailRatio = tailRatio(sorted);
        double skew = QsMath.skew(r);
        double kurtosis = QsMath.kurtosis(r);
        double sd = std(r);
        double mean = mean(r);
        double sum = sum(r);
        double maxDd = n == 0 ? 0.0 : Math.min(0, min(dd));
        double cagr = cagr(total, n, periods);
        double[] greeks = b == null ? null : greeks(r, b, periods);
        m.put("comp", total);
        m.put("expected_return", er);
        m.put("geometric_mean", er);
        m.put("ghpr", er);
        m.put("best", n == 0 ? Double.NaN : sorted[n - 1]);
        m.put("worst", n == 0 ? Double.NaN : sorted[0]);
        m.put("consecutive_wins", (double) longestRun(r, true));
        m.put("consecutive_losses", (double) longestRun(r, false));
        m.put("exposure", exposure(r));
        m.put("win_rate", winRate);
        m.put("avg_return", parts.nonZeroSum() / parts.nonZero());
        m.put("avg_win", parts.avgWin());
        m.put("avg_loss", parts.avgLoss());
        m.put("volatility", sd * Math.sqrt(periods));
        m.put("autocorr_penalty", autocorrPenalty(r));
        m.put("sharpe", sharpe(r, rf, periods, true, false));
        m.put("smart_sharpe", sharpe(r, rf, periods, true, true));
        double sortino = sortino(r, rf, periods, true, false);
        m.put("sortino", sortino);
        m.put("smart_sortino", sortino(r, rf, periods, true, true));
        m.put("adjusted_sortino", sortino / SQRT2);
        double sortinoPerPeriod = sortino(r, 0, periods, false, false);
        m.put("probabilistic_sharpe_ratio", probabilistic(n, skew, kurtosis, sharpe(r, 0, periods, false, false), rf));
        m.put("probabilistic_sortino_ratio", probabilistic(n, skew, kurtosis, sortinoPerPeriod, rf));
        m.put("probabilistic_adjusted_sortino_ratio", probabilistic(n, skew, kurtosis, sortinoPerPeriod / SQRT2, rf));
        if (b != null) {
            m.put("treynor_ratio", greeks[1] == 0 ? 0 : (total - rf) / greeks[1]);
        }
        m.put("omega", omega(r, rf, periods));
        m.put("gain_to_pain_ratio", parts.negativeSum() == 0 ? Double.NaN : sum / Math.abs(parts.negativeSum()));
        m.put("cagr", cagr);
        double[] rarReturns = rf > 0 ? minus(r, rf) : r;
        m.put("rar", cagr(comp(rarReturns), n, 252) / exposure(rarReturns));
        m.put("skew", skew);
        m.put("kurtosis", kurtosis);
        m.put("calmar", cagr / Math.abs(maxDd));
        double ulcer = ulcerIndex(dd);
        m.put("ulcer_index", ulcer);
        m.put("ulcer_performance_index", ulcer == 0 ? Double.NaN : (total - rf) / ulcer);
        m.put("serenity_index", serenity(dd, sd, sum, rf, ulcer));
        m.put("risk_of_ruin", Math.pow((1 - winRate) / (1 + winRate), n));
        m.put("value_at_risk", valueAtRisk(mean, sd));
        m.put("conditional_value_at_risk", conditionalValueAtRisk(r, mean, sd));
        m.put("tail_ratio", tailRatio);
        m.put("payoff_ratio", payoff);
        m.put("profit_ratio", parts.profitRatio(n));
        m.put("profit_factor", profitFactor);
        m.put("cpc_index", profitFactor * winRate * payoff);
        m.put("common_sense_ratio", profitFactor * tailRatio);
        m.put("outlier_win_ratio", outlierRatio(quantile(sorted, 0.99), parts.positiveSum() / (n - parts.negative())));
        m.put("outlier_loss_ratio", outlierRatio(quantile(sorted, 0.01), parts.avgLoss()));
        m.put("recovery_factor", maxDd == 0 ? Double.NaN : Math.abs(sum - rf) / Math.abs(maxDd));
        m.put("risk_return_ratio", sd == 0 ? Double.NaN : mean / sd);
        m.put("max_drawdown", maxDd);
        m.put("kelly_criterion", kelly(payoff, winRate));
        if (b != null) {
            m.put("r_squared", rSquared(r, b));
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                diff[i] = r[i] - b[i];
            }
            double dsd = std(diff);
            m.put("information_ratio", dsd != 0 ? mean(diff) / dsd : 0);
            m.put("greeks_alpha", greeks[0]);
            m.put("greeks_beta", greeks[1]);
        }
        return m;
    }

    /**
     * Counts and sums of the non-zero, positive and negative returns, in one pass, and quantstats' statistics
     * made of them (a mean of none is NaN; zeros add nothing to a sum).
     */
    private record Parts(int nonZero, double nonZeroSum, int positive, double positiveSum, int negative,
                         double negativeSum) {

        static Parts of(double[] r) {
            int nonZero = 0;
            int positive = 0;
            int negative = 0;
            double nonZeroSum = 0;
            double positiveSum = 0;
            double negativeSum = 0;
            for (double x : r) {
                if (x != 0) {
                    nonZero++;
                    nonZeroSum += x;
                }
                if (x > 0) {
                    positive++;
                    positiveSum += x;
                } else if (x < 0) {
                    negative++;
                    negativeSum += x;
                }
            }
            return new Parts(nonZero, nonZeroSum, positive, positiveSum, negative, negativeSum);
        }

        double avgWin() {
            return positiveSum / positive;
        }

        double avgLoss() {
            return negativeSum / negative;
        }

        /** Positive returns among the non-zero ones (0 without any). */
        double winRate() {
            return nonZero == 0 ? 0.0 : (double) positive / nonZero;
        }

        double payoffRatio() {
            double avgLoss = avgLoss();
            return avgLoss == 0 ? Double.NaN : avgWin() / Math.abs(avgLoss);
        }

        /** The sum of the returns of at least 0 over the absolute sum of the negative ones. */
        double profitFactor() {
            double lossesSum = Math.abs(negativeSum);
            if (lossesSum == 0) {
                return positiveSum == 0 ? 0.0 : Double.POSITIVE_INFINITY;
            }
            return positiveSum / lossesSum;
        }

        /** quantstats' profit ratio: |mean of the returns of at least 0 / their count| over the same of the losses. */
        double profitRatio(int n) {
            int wins = n - negative;
            if (wins == 0) {
                return 0.0;
            }
            if (negative == 0) {
                return Double.NaN;
            }
            double winRatio = Math.abs(positiveSum / wins / wins);
            double lossRatio = Math.abs(avgLoss() / negative);
            return lossRatio == 0 ? Double.NaN : winRatio / lossRatio;
        }
    }

    private static double min(double[] x) {
        double v = Double.POSITIVE_INFINITY;
        for (double d : x) {
            v = Math.min(v, d);
        }
        return v;
    }

    /** The q-quantile of sorted values (linear interpolation), NaN when there are none. */
    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : QsMath.quantileSorted(sorted, q);
    }

    /** The returns less the risk-free rate per period, when the rate is positive (quantstats' rule). */
    static double[] excess(double[] r, double rf, double nperiods) {
        return rf > 0 ? minus(r, Math.pow(1 + rf, 1.0 / nperiods) - 1.0) : r;
    }

    private static double[] minus(double[] r, double x) {
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[i] - x;
        }
        return out;
    }

    private static int longestRun(double[] r, boolean wins) {
        int best = 0;
        int run = 0;
        for (double x : r) {
            run = (wins ? x > 0 : x < 0) ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    static double exposure(double[] r) {
        int nonZero = 0;
        for (double x : r) {
            if (x != 0 && !Double.isNaN(x)) {
                nonZero++;
            }
        }
        return Math.ceil((double) nonZero / r.length * 100) / 100;
    }

    static double autocorrPenalty(double[] r) {
        int num = r.length;
        double coef = Math.abs(QsMath.correlation(java.util.Arrays.copyOfRange(r, 0, num - 1),
                java.util.Arrays.copyOfRange(r, 1, num)));
        double s = 0;
        double power = 1;
        for (int x = 1; x < num; x++) {
            power *= coef;
            s += (double) (num - x) / num * power;
        }
        return Math.sqrt(1 + 2 * s);
    }

    static double sharpe(double[] returns, double rf, double periods, boolean annualize, boolean smart) {
        double[] r = excess(returns, rf, periods);
        double divisor = std(r);
        if (smart) {
            divisor *= autocorrPenalty(r);
        }
        double res = mean(r) / divisor;
        return annualize ? res * Math.sqrt(periods) : res;
    }

    static double sortino(double[] returns, double rf, double periods, boolean annualize, boolean smart) {
        double[] r = excess(returns, rf, periods);
        double squares = 0;
        for (double x : r) {
            if (x < 0) {
                squares += x * x;
            }
        }
        double downside = Math.sqrt(squares / r.length);
        if (smart) {
            downside *= autocorrPenalty(r);
        }
        double res = downside == 0 ? Double.NaN : mean(r) / downside;
        return annualize ? res * Math.sqrt(periods) : res;
    }

    /** quantstats' probabilistic ratio of a per-period base ratio (its kurtosis term subtracts 3 from pandas' excess kurtosis). */
    private static double probabilistic(int n, double skew, double kurt, double base, double rf) {
        double sigma = Math.sqrt((1 + 0.5 * base * base - skew * base + (kurt - 3) / 4 * base * base) / (n - 1));
        double ratio = (base - rf) / sigma;
        return Double.isNaN(ratio) ? Double.NaN : NormalDistribution.of(0, 1).cumulativeProbability(ratio);
    }

    static double[] greeks(double[] r, double[] b, double periods) {
        double varB = QsMath.covariance(b, b);
        double beta = varB == 0 ? Double.NaN : QsMath.covariance(r, b) / varB;
        double alpha = (mean(r) - beta * mean(b)) * periods;
        return new double[] {Double.isNaN(alpha) ? 0 : alpha, Double.isNaN(beta) ? 0 : beta};
    }

    private static double omega(double[] returns, double rf, double periods) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double[] r = excess(returns, rf, periods);
        double threshold = periods == 1 ? 0.0 : Math.pow(1 + 0.0, 1.0 / periods) - 1;
        return omegaRatio(r, threshold);
    }

    /**
     * The omega ratio: the returns' gains above a threshold over their losses below it, NaN without losses. quantstats'
     * omega and empyrical's both come down to it.
     *
     * @param r the returns
     * @param threshold the return that separates gains from losses
     * @return the ratio
     */
    public static double omegaRatio(double[] r, double threshold) {
        double gains = 0;
        double losses = 0;
        for (double x : r) {
            double d = x - threshold;
            if (d > 0) {
                gains += d;
            } else if (d < 0) {
                losses -= d;
            }
        }
        return losses > 0 ? gains / losses : Double.NaN;
    }

    /** CAGR of a total compounded return over n periods. */
    static double cagr(double total, int n, double periods) {
        double years = n / periods;
        return Math.pow(Math.abs(total + 1.0), 1.0 / years) - 1;
    }

    /**
     * The drawdown of each return's date: the compounded value over its running peak, less one, the peak
     * starting at quantstats' baseline of 1.
     */
    static double[] drawdowns(double[] r) {
        double[] dd = new double[r.length];
        double price = 1;
        double first = r.length == 0 ? 1 : 1 + r[0];
        double peak = first > 1000 ? 100_000 : first > 10 ? 100 : 1;
        for (int i = 0; i < r.length; i++) {
            price *= 1 + r[i];
            peak = Math.max(peak, price);
            double d = price / peak - 1.0;
            dd[i] = Double.isInfinite(d) ? 0 : d;
        }
        return dd;
    }

    /** quantstats' ulcer index of the drawdowns: the root of their sum of squares over n - 1. */
    private static double ulcerIndex(double[] dd) {
        double s = 0;
        for (double d : dd) {
            s += d * d;
        }
        return Math.sqrt(s / (dd.length - 1));
    }

    private static double serenity(double[] dd, double sd, double sum, double rf, double ulcer) {
        if (sd == 0) {
            return Double.NaN;
        }
        double pitfall = -conditionalValueAtRisk(dd, mean(dd), std(dd)) / sd;
        double denominator = ulcer * pitfall;
        return denominator == 0 ? Double.NaN : (sum - rf) / denominator;
    }

    /** The 5 % quantile of a normal distribution with the returns' mean and standard deviation. */
    private static double valueAtRisk(double mu, double sigma) {
        if (!(sigma > 0) || Double.isNaN(mu)) {
            return Double.NaN;
        }
        return NormalDistribution.of(mu, sigma).inverseCumulativeProbability(1 - 0.95);
    }

    private static double conditionalValueAtRisk(double[] r, double mu, double sigma) {
        double var = valueAtRisk(mu, sigma);
        double c = mean(where(r, x -> x < var));
        return Double.isNaN(c) ? var : c;
    }

    private static double tailRatio(double[] sorted) {
        double upper = quantile(sorted, 0.95);
        double lower = quantile(sorted, 1 - 0.95);
        if (Double.isNaN(upper) || Double.isNaN(lower) || lower == 0) {
            return Double.NaN;
        }
        return Math.abs(upper / lower);
    }

    private static double outlierRatio(double quantile, double mean) {
        return Double.isNaN(mean) || mean == 0 ? Double.NaN : quantile / mean;
    }

    private static double kelly(double wl, double wp) {
        if (wl == 0 || Double.isNaN(wl)) {
            return Double.NaN;
        }
        return (wl * wp - (1 - wp)) / wl;
    }

    /** scipy's linregress r squared: 0 when either series has no variance. */
    private static double rSquared(double[] r, double[] b) {
        double sxx = QsMath.covariance(r, r);
        double syy = QsMath.covariance(b, b);
        if (sxx == 0 || syy == 0) {
            return 0;
        }
        double c = QsMath.correlation(r, b);
        return c * c;
    }
}
