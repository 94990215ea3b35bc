package io.cift.examples.report;

import io.cift.analytics.DailyValue;
import io.cift.analytics.DrawdownEpisode;
import io.cift.analytics.PerformanceMetrics;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlReport;
import io.cift.analytics.SymbolPnl;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds self-contained HTML reports: inline SVG charts and CSS, no scripts, nothing loaded from the
 * network, so the file opens anywhere. Stateless.
 */
public final class HtmlReport {

    private static final int W = 900;
    private static final int H = 260;
    private static final int PAD = 40;

    private HtmlReport() {
    }

    /**
     * The performance report: equity curve, underwater (drawdown) chart, monthly returns and metrics.
     *
     * @param r the report
     * @param title the page title
     * @return the HTML document
     */
    public static String performance(PerformanceReport r, String title) {
        StringBuilder b = head(title);
        List<DailyValue> v = r.values();
        double[] values = new double[v.size()];
        double[] under = new double[v.size()];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.size(); i++) {
            values[i] = v.get(i).value();
            peak = Math.max(peak, values[i]);
            under[i] = values[i] / peak - 1;
        }
        String first = v.isEmpty() ? "" : v.get(0).date().toString();
        String last = v.isEmpty() ? "" : v.get(v.size() - 1).date().toString();
        b.append("<h2>Equity curve</h2>\n").append(lineChart(values, false, first, last));
        b.append("<h2>Drawdown (underwater)</h2>\n").append(lineChart(under, true, first, last));
        b.append("<h2>Monthly returns</h2>\n").append(monthlyTable(r.monthlyReturns()));
        b.append("<h2>Metrics</h2>\n<table class=\"kv\">\n");
        PerformanceMetrics m = r.metrics();
        row(b, "cumulative return", pct(m.cumulativeReturn()));
        row(b, "annual return", pct(m.annualReturn()));
        row(b, "annual volatility", pct(m.annualVolatility()));
        row(b, "Sharpe ratio", num(m.sharpeRatio()));
        row(b, "Sortino ratio", num(m.sortinoRatio()));
        row(b, "downside risk", pct(m.downsideRisk()));
        row(b, "max drawdown", pct(m.maxDrawdown()));
        row(b, "Calmar ratio", num(m.calmarRatio()));
        row(b, "Omega ratio", num(m.omegaRatio()));
        row(b, "tail ratio", num(m.tailRatio()));
        row(b, "daily VaR (5 %)", pct(m.valueAtRisk()));
        row(b, "daily CVaR (5 %)", pct(m.conditionalValueAtRisk()));
        row(b, "stability", num(m.stabilityOfTimeseries()));
        row(b, "win rate", pct(m.winRate()));
        row(b, "profit factor", num(m.profitFactor()));
        if (r.benchmarkRelative() != null) {
            row(b, "alpha", pct(r.benchmarkRelative().alpha()));
            row(b, "beta", num(r.benchmarkRelative().beta()));
            row(b, "information ratio", num(r.benchmarkRelative().informationRatio()));
        }
        row(b, "drawdown episodes", String.valueOf(r.drawdown().episodeCount()));
        DrawdownEpisode deepest = r.drawdown().maxDrawdownEpisode();
        if (deepest != null) {
            row(b, "deepest episode", deepest.peakDate() + " to " + deepest.valleyDate() + ", " + pct(deepest.depth())
                    + (deepest.recovered() ? ", recovered " + deepest.recoveryDate() : ", not recovered"));
        }
        b.append("</table>\n<p class=\"note\">backend: ").append(esc(r.backend())).append("</p>\n");
        return b.append("</body>\n</html>\n").toString();
    }

    /**
     * The P&amp;L report: a bar chart of total P&amp;L by symbol and the breakdown table.
     *
     * @param r the report
     * @param title the page title
     * @return the HTML document
     */
    public static String pnl(PnlReport r, String title) {
        StringBuilder b = head(title);
        b.append("<h2>Total P&amp;L by symbol</h2>\n").append(barChart(r.bySymbol()));
        b.append("<h2>Breakdown (").append(esc(r.method().name().toLowerCase(Locale.ROOT))).append(")</h2>\n");
        b.append("<table>\n<tr><th>symbol</th><th>trades</th><th>net qty</th><th>avg open cost</th><th>mark</th>"
                + "<th>realized</th><th>unrealized</th><th>fees</th><th>total</th></tr>\n");
        for (SymbolPnl p : r.bySymbol().values()) {
            b.append("<tr><td>").append(esc(p.symbol())).append("</td><td>").append(p.tradeCount()).append("</td><td>")
                    .append(dec(p.netQuantity())).append("</td><td>").append(dec(p.averageOpenCost())).append("</td><td>")
                    .append(dec(p.markPrice())).append("</td><td>").append(dec(p.realizedPnl())).append("</td><td>")
                    .append(dec(p.unrealizedPnl())).append("</td><td>").append(dec(p.fees())).append("</td><td>")
                    .append(dec(p.totalPnl())).append("</td></tr>\n");
        }
        b.append("<tr class=\"total\"><td>total</td><td>").append(r.totals().tradeCount()).append("</td><td></td><td></td><td></td><td>")
                .append(dec(r.totals().realizedPnl())).append("</td><td>").append(dec(r.totals().unrealizedPnl()))
                .append("</td><td>").append(dec(r.totals().fees())).append("</td><td>").append(dec(r.totals().totalPnl()))
                .append("</td></tr>\n</table>\n<p class=\"note\">backend: ").append(esc(r.backend())).append("</p>\n");
        return b.append("</body>\n</html>\n").toString();
    }

    static StringBuilder head(String title) {
        return new StringBuilder(16_384).append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n"
                        + "body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px}"
                        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "table.kv td:first-child{text-align:left}td:first-child,th:first-child{text-align:left}"
                        + "tr.total{font-weight:bold}.note{color:#777;font-size:12px}svg{background:#fafafa;border:1px solid #ddd}\n"
                        + "</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    private static String lineChart(double[] y, boolean underwater, String firstDate, String lastDate) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">\n");
        if (y.length == 0) {
            return s.append("<text x=\"20\" y=\"30\">no data</text>\n</svg>\n").toString();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (underwater) {
            hi = 0;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < y.length; i++) {
            double x = PAD + (W - 2.0 * PAD) * (y.length == 1 ? 0 : (double) i / (y.length - 1));
            double yy = PAD / 2.0 + (H - PAD) * (hi - y[i]) / (hi - lo);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yy));
        }
        if (underwater) {
            s.append(String.format(Locale.ROOT, "<polygon fill=\"#e57373\" fill-opacity=\"0.6\" stroke=\"#c62828\" points=\"%.1f,%.1f %s%.1f,%.1f\"/>%n",
                    (double) PAD, PAD / 2.0, pts, (double) (W - PAD), PAD / 2.0));
        } else {
            s.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"").append(pts).append("\"/>\n");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>%n", PAD / 2 + 4,
                underwater ? pct(hi) : money(hi)));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>%n", H - PAD / 2,
                underwater ? pct(lo) : money(lo)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", PAD, H - 4, firstDate));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                W - PAD, H - 4, lastDate));
        return s.append("</svg>\n").toString();
    }

    private static String monthlyTable(Map<YearMonth, Double> monthly) {
        StringBuilder s = new StringBuilder("<table>\n<tr><th>year</th>");
        for (int m = 1; m <= 12; m++) {
            s.append("<th>").append(java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)).append("</th>");
        }
        s.append("</tr>\n");
        TreeSet<Integer> years = new TreeSet<>();
        monthly.keySet().forEach(ym -> years.add(ym.getYear()));
        for (int year : years) {
            s.append("<tr><td>").append(year).append("</td>");
            for (int m = 1; m <= 12; m++) {
                Double r = monthly.get(YearMonth.of(year, m));
                if (r == null) {
                    s.append("<td></td>");
                } else {
                    double a = Math.min(1, Math.abs(r) * 10);
                    String color = r >= 0 ? String.format(Locale.ROOT, "rgba(46,125,50,%.2f)", a)
                            : String.format(Locale.ROOT, "rgba(198,40,40,%.2f)", a);
                    s.append("<td style=\"background:").append(color).append("\">").append(pct(r)).append("</td>");
                }
            }
            s.append("</tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    private static String barChart(Map<String, SymbolPnl> bySymbol) {
        List<SymbolPnl> list = new ArrayList<>(bySymbol.values());
        int bh = 22;
        int height = Math.max(40, list.size() * bh + 20);
        double max = 0;
        for (SymbolPnl p : list) {
            max = Math.max(max, Math.abs(p.totalPnl().doubleValue()));
        }
        if (max == 0) {
            max = 1;
        }
        int mid = W / 2;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(height).append("\">\n");
        s.append("<line x1=\"").append(mid).append("\" y1=\"0\" x2=\"").append(mid).append("\" y2=\"").append(height)
                .append("\" stroke=\"#999\"/>\n");
        for (int i = 0; i < list.size(); i++) {
            SymbolPnl p = list.get(i);
            double v = p.totalPnl().doubleValue();
            int len = (int) Math.round((mid - 120) * Math.abs(v) / max);
            int y = 10 + i * bh;
            int x = v >= 0 ? mid : mid - len;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x, y, Math.max(len, 1), bh - 6, v >= 0 ? "#2e7d32" : "#c62828"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\"%s>%s %s</text>%n",
                    v >= 0 ? mid - 6 : mid + 6, y + 12, v >= 0 ? " text-anchor=\"end\"" : "", esc(p.symbol()), dec(p.totalPnl())));
        }
        return s.append("</svg>\n").toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n");
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", v * 100) : num(v);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A decimal for reading: at most 6 decimal places (the JSON output keeps full precision). */
    private static String dec(BigDecimal v) {
        if (v == null) {
            return "";
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() > 6 ? s.setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros() : s).toPlainString();
    }

    /**
     * Escapes text for HTML.
     *
     * @param s the text
     * @return the escaped text
     */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
