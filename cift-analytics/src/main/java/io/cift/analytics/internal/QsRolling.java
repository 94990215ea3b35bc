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
        Window w = new Window();
        for (int t = 0; t < x.length; t++) {
            w.push(x, t, window);
            if (t >= window - 1) {
                out[t] = w.mean() / w.std() * Math.sqrt(periods);
            }
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
        Window w = new Window();
        double squares = 0;
        int negatives = 0;
        for (int t = 0; t < x.length; t++) {
            w.push(x, t, window);
            if (x[t] < 0) {
                squares += x[t] * x[t];
                negatives++;
            }
            if (t >= window) {
                double old = x[t - window];
                if (old < 0) {
                    squares -= old * old;
                    negatives--;
                }
            }
            if (negatives == 0) {
                squares = 0;     // exactly: what the running sum kept of the squares that left is rounding
            }
            if (t >= window - 1) {
                out[t] = w.mean() / Math.sqrt(squares / window) * Math.sqrt(periods);
            }
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
        Window w = new Window();
        for (int t = 0; t < r.length; t++) {
            w.push(r, t, window);
            if (t >= window - 1) {
                out[t] = w.std() * Math.sqrt(periods);
            }
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
        Window wr = new Window();
        Window wb = new Window();
        double cross = 0;      // the sum of (r - mean r)(b - mean b), kept as Welford keeps its squares
        for (int t = 0; t < r.length; t++) {
            double dr = r[t] - wr.mean;
            wr.add(r[t]);
            wb.add(b[t]);
            cross += dr * (b[t] - wb.mean);
            if (t >= window) {
                double or = r[t - window];
                double ob = b[t - window];
                double drOld = or - wr.mean;
                wr.remove(or);
                wb.remove(ob);
                cross -= drOld * (ob - wb.mean);
            }
            if (t >= window - 1) {
                double sdB = wb.std();
                double sdR = wr.std();
                double corr = cross / Math.sqrt(wr.squares * wb.squares);
                corr = Math.max(-1, Math.min(1, corr));
                // either window standing still: pandas' correlation divides by a zero deviation, and so beta is NaN
                beta[t] = sdB == 0 || sdR == 0 ? Double.NaN : corr * sdR / sdB;
                alpha[t] = meanR - beta[t] * meanB;
            }
        }
        return new double[][] {beta, alpha};
    }

    /**
     * A sliding window's count, mean and sum of squared deviations (Welford's updates, one value in or out), and, as
     * pandas' rolling mean and variance keep it, how many of the values added last are the same: when the whole window
     * holds one value, its mean is that value and its deviation exactly 0, not what rounding left of the values that
     * went out (an account that stands still gives a rolling Sharpe of NaN and a volatility of 0, as in quantstats).
     */
    private static final class Window {
        int n;
        double mean;
        double squares;
        double last = Double.NaN;
        int same;

        private void seen(double v) {
            if (v == last) {
                same++;
            } else {
                last = v;
                same = 1;
            }
        }

        void add(double v) {
            seen(v);
            n++;
            double delta = v - mean;
            mean += delta / n;
            squares += delta * (v - mean);
        }

        void remove(double v) {
            n--;
            if (n == 0) {
                mean = 0;
                squares = 0;
                return;
            }
            double delta = v - mean;
            mean -= delta / n;
            squares -= delta * (v - mean);
        }

        /**
         * Takes in {@code x[t]}; once the window is full, drops {@code x[t - window]} in the same step (one division
         * instead of two: the mean moves by their difference over n, the squares by Welford's sliding update).
         */
        void push(double[] x, int t, int window) {
            if (t < window) {
                add(x[t]);
                return;
            }
            double in = x[t];
            double out = x[t - window];
            seen(in);
            double before = mean;
            mean += (in - out) / n;
            squares += (in - out) * (in - mean + out - before);
        }

        /** @return whether every value in the window is the same */
        boolean constant() {
            return same >= n;
        }

        double mean() {
            return constant() ? last : mean;
        }

        /** Sample standard deviation; 0 for a window of one value, or when rounding left a tiny negative sum. */
        double std() {
            return n < 2 ? Double.NaN : constant() ? 0 : Math.sqrt(Math.max(0, squares) / (n - 1));
        }
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
