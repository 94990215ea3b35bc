package io.cift.examples.report;

import io.cift.analytics.DrawdownDetail;
import io.cift.analytics.QuantStatsReport;
import io.cift.analytics.RollingStatistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A quantstats-style tearsheet in one self-contained HTML file (inline SVG and CSS, no scripts, nothing
 * fetched): cumulative returns against the benchmark (linear and log), the underwater chart, rolling Sharpe,
 * Sortino, volatility and beta, the monthly returns heatmap, yearly returns against the benchmark, the
 * distribution of daily returns, the worst drawdowns and the metrics beside the benchmark's. Stateless.
 */
public final class Tearsheet {

    private static final String BENCH = "#9e9e9e";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
            "Dec", "EOY"};
    /** The statistics shown in the metrics table, in this order. */
    private static final String[][] ROWS = {
        {"comp", "Cumulative return", "pct"}, {"cagr", "CAGR", "pct"}, {"sharpe", "Sharpe", "num"},
        {"smart_sharpe", "Smart Sharpe", "num"}, {"sortino", "Sortino", "num"}, {"smart_sortino", "Smart Sortino", "num"},
        {"probabilistic_sharpe_ratio", "Prob. Sharpe ratio", "pct"}, {"omega", "Omega", "num"},
        {"max_drawdown", "Max drawdown", "pct"}, {"volatility", "Volatility (ann.)", "pct"}, {"calmar", "Calmar", "num"},
        {"skew", "Skew", "num"}, {"kurtosis", "Kurtosis", "num"}, {"expected_return", "Expected daily return", "pct"},
        {"kelly_criterion", "Kelly criterion", "pct"}, {"risk_of_ruin", "Risk of ruin", "pct"},
        {"value_at_risk", "Daily value at risk", "pct"}, {"conditional_value_at_risk", "Expected shortfall (cVaR)", "pct"},
        {"gain_to_pain_ratio", "Gain/pain ratio", "num"}, {"payoff_ratio", "Payoff ratio", "num"},
        {"profit_factor", "Profit factor", "num"}, {"common_sense_ratio", "Common sense ratio", "num"},
        {"cpc_index", "CPC index", "num"}, {"tail_ratio", "Tail ratio", "num"}, {"outlier_win_ratio", "Outlier win ratio", "num"},
        {"outlier_loss_ratio", "Outlier loss ratio", "num"}, {"best", "Best day", "pct"}, {"worst", "Worst day", "pct"},
        {"win_rate", "Win days", "pct"}, {"consecutive_wins", "Max consecutive wins", "int"},
        {"consecutive_losses", "Max consecutive losses", "int"}, {"ulcer_index", "Ulcer index", "num"},
        {"serenity_index", "Serenity index", "num"}, {"recovery_factor", "Recovery factor", "num"},
        {"exposure", "Time in market", "pct"}, {"r_squared", "R^2", "num"}, {"information_ratio", "Information ratio", "num"},
        {"greeks_beta", "Beta", "num"}, {"greeks_alpha", "Alpha", "num"}, {"treynor_ratio", "Treynor ratio", "num"},
    };

    private Tearsheet() {
    }

    /**
     * Builds the tearsheet.
     *
     * @param q the strategy's report (computed with the benchmark, if any)
     * @param benchmarkAlone the benchmark's own report (computed without a benchmark), or null
     * @param title the page title
     * @return the HTML document
     */
    public static String html(QuantStatsReport q, QuantStatsReport benchmarkAlone, String title) {
        StringBuilder b = HtmlReport.head(title);
        RollingStatistics rs = q.rolling();
        LocalDate[] dates = rs.dates().toArray(new LocalDate[0]);
        double[] r = q.returns();
        double[] rb = q.benchmarkReturns();
        if (dates.length < 2) {
            return b.append("<p>Too few returns for a tearsheet.</p>\n</body>\n</html>\n").toString();
        }
        List<SvgChart.Series> cumulative = new ArrayList<>();
        cumulative.add(new SvgChart.Series("Strategy", "#1565c0", compounded(r, false)));
        List<SvgChart.Series> growth = new ArrayList<>();
        growth.add(new SvgChart.Series("Strategy", "#6a1b9a", compounded(r, true)));
        if (rb != null) {
            cumulative.add(new SvgChart.Series("Benchmark", BENCH, compounded(rb, false)));
            growth.add(new SvgChart.Series("Benchmark", BENCH, compounded(rb, true)));
        }
        section(b, "Cumulative returns vs benchmark", SvgChart.lines(dates, cumulative, false, true));
        section(b, "Cumulative returns vs benchmark (log scaled, growth of 1)", SvgChart.lines(dates, growth, true, false));
        section(b, "Drawdown (underwater)", SvgChart.underwater(dates, underwater(r), "#c62828"));
        section(b, "Rolling Sharpe (" + rs.window() + " days)",
                SvgChart.lines(dates, List.of(new SvgChart.Series("Sharpe", "#2e7d32", rs.sharpe())), false, false));
        section(b, "Rolling Sortino (" + rs.window() + " days)",
                SvgChart.lines(dates, List.of(new SvgChart.Series("Sortino", "#ef6c00", rs.sortino())), false, false));
        List<SvgChart.Series> vol = new ArrayList<>();
        vol.add(new SvgChart.Series("Volatility", "#00838f", rs.volatility()));
        if (benchmarkAlone != null && benchmarkAlone.rolling().dates().size() == dates.length) {
            vol.add(new SvgChart.Series("Benchmark", BENCH, benchmarkAlone.rolling().volatility()));
        }
        section(b, "Rolling volatility (" + rs.window() + " days, annualized)", SvgChart.lines(dates, vol, false, true));
        if (rs.beta() != null) {
            section(b, "Rolling beta to benchmark (" + rs.greeksWindow() + " days)",
                    SvgChart.lines(dates, List.of(new SvgChart.Series("Beta", "#ad1457", rs.beta())), false, false));
        }
        b.append("<h2>Monthly returns (%)</h2>\n").append(heatmap(q.monthlyReturns()));
        yearly(b, q, rb, dates);
        section(b, "Distribution of daily returns", histogram(r));
        worstDrawdowns(b, q.drawdownDetails());
        metrics(b, q, benchmarkAlone);
        return b.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder b, String heading, String svg) {
        b.append("<h2>").append(HtmlReport.esc(heading)).append("</h2>\n").append(svg);
    }

    /** Cumulative return (or growth of 1) after each return. */
    private static double[] compounded(double[] r, boolean growth) {
        double[] out = new double[r.length];
        double g = 1;
        for (int i = 0; i < r.length; i++) {
            g *= 1 + r[i];
            out[i] = growth ? g : g - 1;
        }
        return out;
    }

    private static double[] underwater(double[] r) {
        double[] out = new double[r.length];
        double g = 1;
        double peak = 1;
        for (int i = 0; i < r.length; i++) {
            g *= 1 + r[i];
            peak = Math.max(peak, g);
            out[i] = g / peak - 1;
        }
        return out;
    }

    private static String heatmap(Map<Integer, double[]> monthly) {
        StringBuilder s = new StringBuilder("<table class=\"heatmap\">\n<tr><th>Year</th>");
        for (String m : MONTHS) {
            s.append("<th>").append(m).append("</th>");
        }
        s.append("</tr>\n");
        monthly.forEach((year, values) -> {
            s.append("<tr><td>").append(year).append("</td>");
            for (int k = 0; k < 13; k++) {
                double v = values[k];
                double a = Math.min(1, Math.abs(v) * (k == 12 ? 4 : 12));
                // lighter than any chart's colour, so that no chart's colour appears in the table
                String color = v >= 0 ? String.format(Locale.ROOT, "rgba(102,187,106,%.2f)", a)
                        : String.format(Locale.ROOT, "rgba(239,83,80,%.2f)", a);
                s.append("<td style=\"background:").append(color).append("\">")
                        .append(String.format(Locale.ROOT, "%.2f", v * 100)).append("</td>");
            }
            s.append("</tr>\n");
        });
        return s.append("</table>\n").toString();
    }

    private static void yearly(StringBuilder b, QuantStatsReport q, double[] rb, LocalDate[] dates) {
        Set<Integer> years = q.monthlyReturns().keySet();
        String[] labels = years.stream().map(String::valueOf).toArray(String[]::new);
        double[] strategy = years.stream().mapToDouble(y -> q.monthlyReturns().get(y)[12]).toArray();
        List<SvgChart.Series> series = new ArrayList<>();
        series.add(new SvgChart.Series("Strategy", "#283593", strategy));
        if (rb != null) {
            Map<Integer, Double> growth = new TreeMap<>();
            for (int i = 0; i < rb.length; i++) {
                growth.merge(dates[i].getYear(), 1 + rb[i], (a, c) -> a * c);
            }
            series.add(new SvgChart.Series("Benchmark", BENCH,
                    years.stream().mapToDouble(y -> growth.getOrDefault(y, 1.0) - 1).toArray()));
        }
        section(b, "End of year returns vs benchmark", SvgChart.bars(labels, series, true));
    }

    /** A histogram of the daily returns: 40 bins over their range, each bar the share of days in it. */
    private static String histogram(double[] r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : r) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        int bins = 40;
        double width = hi > lo ? (hi - lo) / bins : 1;
        double[] share = new double[bins];
        for (double x : r) {
            share[Math.min(bins - 1, (int) ((x - lo) / width))] += 1.0 / r.length;
        }
        String[] labels = new String[bins];
        for (int i = 0; i < bins; i++) {
            labels[i] = String.format(Locale.ROOT, "%.1f%%", (lo + (i + 0.5) * width) * 100);
        }
        return SvgChart.bars(labels, List.of(new SvgChart.Series("Share of days", "#558b2f", share)), true);
    }

    private static void worstDrawdowns(StringBuilder b, List<DrawdownDetail> details) {
        List<DrawdownDetail> worst = new ArrayList<>(details);
        worst.sort(Comparator.comparingDouble(DrawdownDetail::maxDrawdown));
        b.append("<h2>Worst 5 drawdowns</h2>\n<table>\n<tr><th>Started</th><th>Valley</th><th>Recovered</th>"
                + "<th>Drawdown</th><th>Days</th></tr>\n");
        for (DrawdownDetail d : worst.subList(0, Math.min(5, worst.size()))) {
            b.append("<tr><td>").append(d.start()).append("</td><td>").append(d.valley()).append("</td><td>")
                    .append(d.end()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f%%", d.maxDrawdown()))
                    .append("</td><td>").append(d.days()).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void metrics(StringBuilder b, QuantStatsReport q, QuantStatsReport bench) {
        b.append("<h2>Key performance metrics</h2>\n<table class=\"kv\">\n<tr><th>Metric</th><th>Strategy</th>");
        if (bench != null) {
            b.append("<th>Benchmark</th>");
        }
        b.append("</tr>\n");
        for (String[] row : ROWS) {
            Double v = q.metrics().get(row[0]);
            if (v == null) {
                continue;
            }
            b.append("<tr><td>").append(row[1]).append("</td><td>").append(show(v, row[2])).append("</td>");
            if (bench != null) {
                Double bv = bench.metrics().get(row[0]);
                b.append("<td>").append(bv == null ? "" : show(bv, row[2])).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static String show(double v, String kind) {
        return switch (kind) {
            case "pct" -> HtmlReport.pct(v);
            case "int" -> Double.isFinite(v) ? String.valueOf((long) v) : HtmlReport.num(v);
            default -> HtmlReport.num(v);
        };
    }
}
