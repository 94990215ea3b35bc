package io.cift.analytics.internal;

/**
 * quantstats' rolling statistics ({@code rolling_sharpe}, {@code rolling_sortino}, {@code rolling_volatility},
 * {@code rolling_greeks}) with its defaults: NaN until a window is full. As in quantstats, the rolling Sharpe and
 * Sortino turn the annual risk-free rate into a per-period one over the window's length, and the rolling alpha
 * uses the whole series' means (not the window's) and is not annualized. Stateless.
 */
public final class QsRolling {

    private QsRolling() {
    }

    /**
     * Rolling Sharpe ratio, annualized.
     *
     * @param r the returns
     * @param window the window (126)
     * @param periods periods per year
     * @param rf the annual risk-free rate
     * @return one value a return
     */
    public static double[] sharpe(double[] r, int window, double periods, double rf) {
        double[] x = QsMetrics.excess(r, rf, window);
        double[] out = nans(r.length);
        for (int t = window - 1; t < x.length; t++) {
            double[] w = java.util.Arrays.copyOfRange(x, t - window + 1, t + 1);
            out[t] = QsMath.mean(w) / QsMath.std(w) * Math.sqrt(periods);
        }
        return out;
    }

    /**
     * Rolling Sortino ratio, annualized: the window's mean over the root of its mean squared negative return.
     *
     * @param r the returns
     * @param window the window (126)
     * @param periods periods per year
     * @param rf the annual risk-free rate
     * @return one value a return
     */
    public static double[] sortino(double[] r, int window, double periods, double rf) {
        double[] x = QsMetrics.excess(r, rf, window);
        double[] out = nans(r.length);
        for (int t = window - 1; t < x.length; t++) {
            double squares = 0;
            double s = 0;
            for (int i = t - window + 1; i <= t; i++) {
                s += x[i];
                if (x[i] < 0) {
                    squares += x[i] * x[i];
                }
            }
            out[t] = s / window / Math.sqrt(squares / window) * Math.sqrt(periods);
        }
        return out;
    }

    /**
     * Rolling volatility, annualized.
     *
     * @param r the returns
     * @param window the window (126)
     * @param periods periods per year
     * @return one value a return
     */
    public static double[] volatility(double[] r, int window, double periods) {
        double[] out = nans(r.length);
        for (int t = window - 1; t < r.length; t++) {
            out[t] = QsMath.std(java.util.Arrays.copyOfRange(r, t - window + 1, t + 1)) * Math.sqrt(periods);
        }
        return out;
    }

    /**
     * Rolling beta and alpha against the benchmark.
     *
     * @param r the returns
     * @param b the benchmark's returns on the same dates
     * @param window the window (252)
     * @return {beta, alpha}, one value a return each
     */
    public static double[][] greeks(double[] r, double[] b, int window) {
        double[] beta = nans(r.length);
        double[] alpha = nans(r.length);
        double meanR = QsMath.mean(r);
        double meanB = QsMath.mean(b);
        for (int t = window - 1; t < r.length; t++) {
            double[] wr = java.util.Arrays.copyOfRange(r, t - window + 1, t + 1);
            double[] wb = java.util.Arrays.copyOfRange(b, t - window + 1, t + 1);
            double sdB = QsMath.std(wb);
            beta[t] = sdB == 0 ? Double.NaN : QsMath.correlation(wr, wb) * QsMath.std(wr) / sdB;
            alpha[t] = meanR - beta[t] * meanB;
        }
        return new double[][] {beta, alpha};
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
