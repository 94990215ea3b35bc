package io.cift.analytics.internal;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.cift.analytics.internal.QsMath.comp;
import static io.cift.analytics.internal.QsMath.mean;
import static io.cift.analytics.internal.QsMath.quantile;
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
        double er = expectedReturn(r);
        m.put("comp", comp(r));
        m.put("expected_return", er);
        m.put("geometric_mean", er);
        m.put("ghpr", er);
        m.put("best", r.length == 0 ? Double.NaN : java.util.Arrays.stream(r).max().getAsDouble());
        m.put("worst", r.length == 0 ? Double.NaN : java.util.Arrays.stream(r).min().getAsDouble());
        m.put("consecutive_wins", (double) longestRun(r, true));
        m.put("consecutive_losses", (double) longestRun(r, false));
        m.put("exposure", exposure(r));
        m.put("win_rate", winRate(r));
        m.put("avg_return", mean(where(r, x -> x != 0)));
        m.put("avg_win", mean(where(r, x -> x > 0)));
        m.put("avg_loss", mean(where(r, x -> x < 0)));
        m.put("volatility", std(r) * Math.sqrt(periods));
        m.put("autocorr_penalty", autocorrPenalty(r));
        m.put("sharpe", sharpe(r, rf, periods, true, false));
        m.put("smart_sharpe", sharpe(r, rf, periods, true, true));
        m.put("sortino", sortino(r, rf, periods, true, false));
        m.put("smart_sortino", sortino(r, rf, periods, true, true));
        m.put("adjusted_sortino", sortino(r, rf, periods, true, false) / SQRT2);
        m.put("probabilistic_sharpe_ratio", probabilistic(r, sharpe(r, 0, periods, false, false), rf));
        m.put("probabilistic_sortino_ratio", probabilistic(r, sortino(r, 0, periods, false, false), rf));
        m.put("probabilistic_adjusted_sortino_ratio", probabilistic(r, sortino(r, 0, periods, false, false) / SQRT2, rf));
        if (b != null) {
            double beta = greeks(r, b, periods)[1];
            m.put("treynor_ratio", beta == 0 ? 0 : (comp(r) - rf) / beta);
        }
        m.put("omega", omega(r, rf, periods));
        m.put("gain_to_pain_ratio", gainToPain(r));
        m.put("cagr", cagr(r, periods));
        double[] rarReturns = rf > 0 ? minus(r, rf) : r;
        m.put("rar", cagr(rarReturns, 252) / exposure(rarReturns));
        m.put("skew", QsMath.skew(r));
        m.put("kurtosis", QsMath.kurtosis(r));
        double maxDd = maxDrawdown(r);
        m.put("calmar", cagr(r, periods) / Math.abs(maxDd));
        double ulcer = ulcerIndex(r);
        m.put("ulcer_index", ulcer);
        m.put("ulcer_performance_index", ulcer == 0 ? Double.NaN : (comp(r) - rf) / ulcer);
        m.put("serenity_index", serenity(r, rf, ulcer));
        m.put("risk_of_ruin", Math.pow((1 - winRate(r)) / (1 + winRate(r)), r.length));
        m.put("value_at_risk", valueAtRisk(r));
        m.put("conditional_value_at_risk", conditionalValueAtRisk(r));
        m.put("tail_ratio", tailRatio(r));
        m.put("payoff_ratio", payoffRatio(r));
        m.put("profit_ratio", profitRatio(r));
        m.put("profit_factor", profitFactor(r));
        m.put("cpc_index", profitFactor(r) * winRate(r) * payoffRatio(r));
        m.put("common_sense_ratio", profitFactor(r) * tailRatio(r));
        m.put("outlier_win_ratio", outlierRatio(quantile(r, 0.99), mean(where(r, x -> x >= 0))));
        m.put("outlier_loss_ratio", outlierRatio(quantile(r, 0.01), mean(where(r, x -> x < 0))));
        m.put("recovery_factor", maxDd == 0 ? Double.NaN : Math.abs(sum(r) - rf) / Math.abs(maxDd));
        double sd = std(r);
        m.put("risk_return_ratio", sd == 0 ? Double.NaN : mean(r) / sd);
        m.put("max_drawdown", maxDd);
        m.put("kelly_criterion", kelly(r));
        if (b != null) {
            m.put("r_squared", rSquared(r, b));
            double[] diff = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                diff[i] = r[i] - b[i];
            }
            double dsd = std(diff);
            m.put("information_ratio", dsd != 0 ? mean(diff) / dsd : 0);
            double[] g = greeks(r, b, periods);
            m.put("greeks_alpha", g[0]);
            m.put("greeks_beta", g[1]);
        }
        return m;
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

    static double expectedReturn(double[] r) {
        return Math.pow(comp(r) + 1, 1.0 / r.length) - 1;
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

    static double winRate(double[] r) {
        int nonZero = 0;
        int wins = 0;
        for (double x : r) {
            if (x != 0) {
                nonZero++;
            }
            if (x > 0) {
                wins++;
            }
        }
        return nonZero == 0 ? 0.0 : (double) wins / nonZero;
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
    private static double probabilistic(double[] r, double base, double rf) {
        double skew = QsMath.skew(r);
        double kurt = QsMath.kurtosis(r);
        int n = r.length;
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
        double numer = 0;
        double denom = 0;
        for (double x : r) {
            double d = x - threshold;
            if (d > 0) {
                numer += d;
            } else if (d < 0) {
                denom -= d;
            }
        }
        return denom > 0 ? numer / denom : Double.NaN;
    }

    private static double gainToPain(double[] r) {
        double downside = Math.abs(sum(where(r, x -> x < 0)));
        return downside == 0 ? Double.NaN : sum(r) / downside;
    }

    static double cagr(double[] r, double periods) {
        double years = r.length / periods;
        return Math.pow(Math.abs(comp(r) + 1.0), 1.0 / years) - 1;
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

    static double maxDrawdown(double[] r) {
        if (r.length == 0) {
            return 0.0;
        }
        double min = 0;
        for (double d : drawdowns(r)) {
            min = Math.min(min, d);
        }
        return min;
    }

    private static double ulcerIndex(double[] r) {
        double s = 0;
        for (double d : drawdowns(r)) {
            s += d * d;
        }
        return Math.sqrt(s / (r.length - 1));
    }

    private static double serenity(double[] r, double rf, double ulcer) {
        double sd = std(r);
        if (sd == 0) {
            return Double.NaN;
        }
        double pitfall = -conditionalValueAtRisk(drawdowns(r)) / sd;
        double denominator = ulcer * pitfall;
        return denominator == 0 ? Double.NaN : (sum(r) - rf) / denominator;
    }

    static double valueAtRisk(double[] r) {
        double mu = mean(r);
        double sigma = std(r);
        if (!(sigma > 0) || Double.isNaN(mu)) {
            return Double.NaN;
        }
        return NormalDistribution.of(mu, sigma).inverseCumulativeProbability(1 - 0.95);
    }

    static double conditionalValueAtRisk(double[] r) {
        double var = valueAtRisk(r);
        double c = mean(where(r, x -> x < var));
        return Double.isNaN(c) ? var : c;
    }

    private static double tailRatio(double[] r) {
        double upper = quantile(r, 0.95);
        double lower = quantile(r, 1 - 0.95);
        if (Double.isNaN(upper) || Double.isNaN(lower) || lower == 0) {
            return Double.NaN;
        }
        return Math.abs(upper / lower);
    }

    static double payoffRatio(double[] r) {
        double avgLoss = mean(where(r, x -> x < 0));
        double avgWin = mean(where(r, x -> x > 0));
        return avgLoss == 0 ? Double.NaN : avgWin / Math.abs(avgLoss);
    }

    private static double profitRatio(double[] r) {
        double[] wins = where(r, x -> x >= 0);
        double[] loss = where(r, x -> x < 0);
        if (wins.length == 0) {
            return 0.0;
        }
        if (loss.length == 0) {
            return Double.NaN;
        }
        double winRatio = Math.abs(mean(wins) / wins.length);
        double lossRatio = Math.abs(mean(loss) / loss.length);
        return lossRatio == 0 ? Double.NaN : winRatio / lossRatio;
    }

    private static double profitFactor(double[] r) {
        double winsSum = sum(where(r, x -> x >= 0));
        double lossesSum = Math.abs(sum(where(r, x -> x < 0)));
        if (lossesSum == 0) {
            return winsSum == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return winsSum / lossesSum;
    }

    private static double outlierRatio(double quantile, double mean) {
        return Double.isNaN(mean) || mean == 0 ? Double.NaN : quantile / mean;
    }

    private static double kelly(double[] r) {
        double wl = payoffRatio(r);
        double wp = winRate(r);
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
