package io.cift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cift.analytics.BenchmarkRelative;
import io.cift.analytics.DrawdownEpisode;
import io.cift.analytics.DrawdownSummary;
import io.cift.analytics.PerformanceMetrics;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlReport;
import io.cift.analytics.PnlTotals;
import io.cift.analytics.SymbolPnl;
import io.cift.examples.io.Json;

/** The JSON contracts of {@code cift analytics}: key names exactly as documented, shared by every variant. */
public final class AnalyticsJson {

    private AnalyticsJson() {
    }

    static ObjectNode performance(PerformanceReport r) {
        ObjectNode o = Json.object();
        ObjectNode m = o.putObject("metrics");
        PerformanceMetrics x = r.metrics();
        Json.put(m, "cumulative_return", x.cumulativeReturn());
        Json.put(m, "annual_return", x.annualReturn());
        Json.put(m, "annual_volatility", x.annualVolatility());
        Json.put(m, "sharpe_ratio", x.sharpeRatio());
        Json.put(m, "sortino_ratio", x.sortinoRatio());
        Json.put(m, "downside_risk", x.downsideRisk());
        Json.put(m, "max_drawdown", x.maxDrawdown());
        Json.put(m, "calmar_ratio", x.calmarRatio());
        Json.put(m, "omega_ratio", x.omegaRatio());
        Json.put(m, "tail_ratio", x.tailRatio());
        Json.put(m, "value_at_risk", x.valueAtRisk());
        Json.put(m, "conditional_value_at_risk", x.conditionalValueAtRisk());
        Json.put(m, "stability_of_timeseries", x.stabilityOfTimeseries());
        Json.put(m, "win_rate", x.winRate());
        Json.put(m, "profit_factor", x.profitFactor());
        BenchmarkRelative b = r.benchmarkRelative();
        if (b != null) {
            ObjectNode br = o.putObject("benchmark_relative");
            Json.put(br, "alpha", b.alpha());
            Json.put(br, "beta", b.beta());
            Json.put(br, "information_ratio", b.informationRatio());
        }
        DrawdownSummary d = r.drawdown();
        ObjectNode dd = o.putObject("drawdown");
        dd.put("max_drawdown_duration_periods", d.maxDurationPeriods());
        dd.put("max_drawdown_duration_calendar_days", d.maxDurationCalendarDays());
        dd.put("drawdown_episode_count", d.episodeCount());
        episode(dd, "max_drawdown_episode", d.maxDrawdownEpisode());
        episode(dd, "longest_drawdown_episode", d.longestDrawdownEpisode());
        return o;
    }

    private static void episode(ObjectNode parent, String key, DrawdownEpisode e) {
        if (e == null) {
            parent.putNull(key);
            return;
        }
        ObjectNode n = parent.putObject(key);
        n.put("peak_date", e.peakDate().toString());
        n.put("valley_date", e.valleyDate().toString());
        if (e.recoveryDate() == null) {
            n.putNull("recovery_date");
        } else {
            n.put("recovery_date", e.recoveryDate().toString());
        }
        n.put("recovered", e.recovered());
        Json.put(n, "peak_value", e.peakValue());
        Json.put(n, "valley_value", e.valleyValue());
        Json.put(n, "depth", e.depth());
        n.put("duration_periods", e.durationPeriods());
        n.put("duration_calendar_days", e.durationCalendarDays());
    }

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
            "DEC", "EOY"};

    /**
     * Adds quantstats' statistics ({@code quantstats}), rolling series ({@code rolling}), monthly returns
     * ({@code monthly_returns}) and drawdown details ({@code drawdown_details}) to a performance report's JSON.
     */
    static void quantStats(ObjectNode o, io.cift.analytics.QuantStatsReport q) {
        ObjectNode m = o.putObject("quantstats");
        q.metrics().forEach((name, value) -> Json.put(m, name, value));
        io.cift.analytics.RollingStatistics rs = q.rolling();
        ObjectNode rolling = o.putObject("rolling");
        rolling.put("window", rs.window());
        rolling.put("greeks_window", rs.greeksWindow());
        // the rolling series are most of the text (about 12,600 numbers, each turned into its shortest exact
        // decimal): each array is written on its own, in parallel where there are cores for it, then put in place
        java.util.List<java.util.function.Supplier<String>> arrays = java.util.List.of(() -> datesText(rs.dates()),
                () -> seriesText(rs.sharpe()), () -> seriesText(rs.sortino()), () -> seriesText(rs.volatility()),
                () -> seriesText(rs.beta()), () -> seriesText(rs.alpha()));
        String[] texts = arrays.parallelStream().map(java.util.function.Supplier::get).toArray(String[]::new);
        String[] keys = {"dates", "sharpe", "sortino", "volatility", "beta", "alpha"};
        for (int k = 0; k < keys.length; k++) {
            if (texts[k] == null) {
                rolling.putNull(keys[k]);
            } else {
                rolling.putRawValue(keys[k], new com.fasterxml.jackson.databind.util.RawValue(texts[k]));
            }
        }
        ObjectNode monthly = o.putObject("monthly_returns");
        q.monthlyReturns().forEach((year, values) -> {
            ObjectNode y = monthly.putObject(Integer.toString(year));
            for (int k = 0; k < MONTHS.length; k++) {
                Json.put(y, MONTHS[k], values[k]);
            }
        });
        com.fasterxml.jackson.databind.node.ArrayNode details = o.putArray("drawdown_details");
        for (io.cift.analytics.DrawdownDetail d : q.drawdownDetails()) {
            ObjectNode n = details.addObject();
            n.put("start", d.start().toString());
            n.put("valley", d.valley().toString());
            n.put("end", d.end().toString());
            n.put("days", d.days());
            Json.put(n, "max_drawdown", d.maxDrawdown());
            Json.put(n, "max_drawdown_99", d.maxDrawdown99());
        }
    }

    private static String datesText(java.util.List<java.time.LocalDate> dates) {
        StringBuilder a = new StringBuilder(dates.size() * 14).append('[');
        for (int i = 0; i < dates.size(); i++) {
            a.append(i == 0 ? "\"" : ", \"").append(dates.get(i)).append('"');
        }
        return a.append(']').toString();
    }

    // Java 19 and later write a double as its shortest exact decimal themselves (Schubfach), straight into the
    // builder; before that, Double.toString was neither shortest nor fast, and Jackson's port of the same algorithm
    // gives the same text (checked on 50 million doubles) through a string of its own
    private static final boolean JDK_SHORTEST = Runtime.version().feature() >= 19;

    private static void appendShortest(StringBuilder a, double v) {
        if (JDK_SHORTEST) {
            a.append(v);
        } else {
            a.append(com.fasterxml.jackson.core.io.NumberOutput.toString(v, true));
        }
    }

    /**
     * A rolling series as one JSON array (thousands of numbers, not a node per number): null where it is undefined
     * (NaN), the strings of infinities as elsewhere; null without a series.
     */
    private static String seriesText(double[] values) {
        if (values == null) {
            return null;
        }
        StringBuilder a = new StringBuilder(values.length * 22).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                a.append(", ");
            }
            double v = values[i];
            if (Double.isNaN(v)) {
                a.append("null");
            } else if (Double.isInfinite(v)) {
                a.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            } else {
                appendShortest(a, v);
            }
        }
        return a.append(']').toString();
    }

    /**
     * quantstats' statistics, rolling series and tables alone, as the JSON text {@code cift analytics performance
     * --json} gives them (for benchmarks and tools that want only this part).
     *
     * @param q the report
     * @return the JSON text
     */
    public static String quantStatsText(io.cift.analytics.QuantStatsReport q) {
        ObjectNode o = Json.object();
        quantStats(o, q);
        return Json.write(o);
    }

    static ObjectNode pnl(PnlReport r) {
        ObjectNode o = Json.object();
        ObjectNode by = o.putObject("by_symbol");
        for (SymbolPnl p : r.bySymbol().values()) {
            ObjectNode s = by.putObject(p.symbol());
            s.put("trade_count", p.tradeCount());
            s.put("buy_count", p.buyCount());
            s.put("sell_count", p.sellCount());
            Json.put(s, "buy_quantity", p.buyQuantity());
            Json.put(s, "sell_quantity", p.sellQuantity());
            Json.put(s, "gross_traded_notional", p.grossTradedNotional());
            Json.put(s, "fees", p.fees());
            Json.put(s, "realized_pnl_gross", p.realizedPnlGross());
            Json.put(s, "realized_pnl", p.realizedPnl());
            Json.put(s, "unrealized_pnl", p.unrealizedPnl());
            Json.put(s, "total_pnl", p.totalPnl());
            Json.put(s, "net_quantity", p.netQuantity());
            Json.put(s, "average_open_cost", p.averageOpenCost());
            Json.put(s, "mark_price", p.markPrice());
            Json.put(s, "market_value", p.marketValue());
            s.put("closing_trades", p.closingTrades());
            s.put("flip_trades", p.flipTrades());
        }
        PnlTotals t = r.totals();
        ObjectNode s = o.putObject("totals");
        s.put("trade_count", t.tradeCount());
        s.put("buy_count", t.buyCount());
        s.put("sell_count", t.sellCount());
        Json.put(s, "buy_quantity", t.buyQuantity());
        Json.put(s, "sell_quantity", t.sellQuantity());
        Json.put(s, "gross_traded_notional", t.grossTradedNotional());
        Json.put(s, "fees", t.fees());
        Json.put(s, "realized_pnl_gross", t.realizedPnlGross());
        Json.put(s, "realized_pnl", t.realizedPnl());
        Json.put(s, "unrealized_pnl", t.unrealizedPnl());
        Json.put(s, "total_pnl", t.totalPnl());
        Json.put(s, "market_value", t.marketValue());
        s.put("closing_trades", t.closingTrades());
        s.put("flip_trades", t.flipTrades());
        return o;
    }
}
