package io.cift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalyticsCommandTest {

    @TempDir
    Path dir;
    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void performanceJsonHasTheDocumentedKeysAndValues() throws IOException {
        Path v = file("v.csv", "date,total_value\n2026-01-05,100\n2026-01-06,110\n2026-01-07,99\n2026-01-08,108.9\n");
        Path b = file("b.csv", "date,total_value\n2026-01-05,50\n2026-01-06,51\n2026-01-07,50.5\n2026-01-08,52\n");
        Path html = dir.resolve("perf.html");
        assertThat(cli.run("analytics", "performance", "--values", v.toString(), "--benchmark", b.toString(), "--json",
                "--html", html.toString())).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(keys(j)).containsExactly("metrics", "benchmark_relative", "drawdown", "quantstats", "rolling",
                "monthly_returns", "drawdown_details");
        assertThat(keys(j.get("metrics"))).containsExactly("cumulative_return", "annual_return", "annual_volatility",
                "sharpe_ratio", "sortino_ratio", "downside_risk", "max_drawdown", "calmar_ratio", "omega_ratio",
                "tail_ratio", "value_at_risk", "conditional_value_at_risk", "stability_of_timeseries", "win_rate",
                "profit_factor");
        assertThat(keys(j.get("benchmark_relative"))).containsExactly("alpha", "beta", "information_ratio");
        assertThat(keys(j.get("drawdown"))).containsExactly("max_drawdown_duration_periods",
                "max_drawdown_duration_calendar_days", "drawdown_episode_count", "max_drawdown_episode",
                "longest_drawdown_episode");
        JsonNode ep = j.get("drawdown").get("max_drawdown_episode");
        assertThat(keys(ep)).containsExactly("peak_date", "valley_date", "recovery_date", "recovered", "peak_value",
                "valley_value", "depth", "duration_periods", "duration_calendar_days");
        assertThat(ep.get("recovery_date").isNull()).isTrue();
        assertThat(ep.get("recovered").asBoolean()).isFalse();
        assertThat(j.get("metrics").get("cumulative_return").asDouble()).isCloseTo(0.089, within(1e-12));
        assertThat(j.get("metrics").get("max_drawdown").asDouble()).isCloseTo(-0.1, within(1e-12));

        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Cumulative returns vs benchmark", "underwater",
                "Monthly returns", "End of year returns", "Distribution of daily returns", "Worst 5 drawdowns",
                "Key performance metrics", "<svg").doesNotContain("<script", "src=", "href=", "@import");
    }

    /** Copies a case of the quantstats reference values (the analytics test jar) into the test's directory. */
    private Path quantstatsCase(String name, String file) throws IOException {
        try (var in = AnalyticsCommandTest.class.getResourceAsStream("/quantstats/" + name + "/" + file)) {
            assertThat(in).as("test resource quantstats/%s/%s", name, file).isNotNull();
            Path p = dir.resolve(name + "-" + file);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void performanceJsonCarriesQuantstatsStatisticsRollingSeriesAndTables() throws IOException {
        for (String name : new String[] {"ten-years", "ten-years-crypto-rf"}) {
            JsonNode expected = new ObjectMapper().readTree(quantstatsCase(name, "expected.json").toFile());
            out.getBuffer().setLength(0);
            assertThat(cli.run("analytics", "performance", "--values", quantstatsCase(name, "values.csv").toString(),
                    "--benchmark", quantstatsCase(name, "benchmark.csv").toString(),
                    "--periods-per-year", expected.get("periods_per_year").asText(), "--rf", expected.get("rf").asText(),
                    "--json")).as(err.toString()).isZero();
            JsonNode j = new ObjectMapper().readTree(out.toString());
            JsonNode qs = j.get("quantstats");
            assertThat(keys(qs)).containsExactlyElementsOf(keys(expected.get("quantstats")));
            assertThat(keys(qs)).contains("sharpe", "smart_sortino", "probabilistic_adjusted_sortino_ratio", "ulcer_index",
                    "greeks_alpha", "greeks_beta");
            for (String k : keys(qs)) {
                JsonNode e = expected.get("quantstats").get(k);
                if (e.isTextual()) {
                    assertThat(qs.get(k).asText()).as(name + " " + k).isEqualTo(e.asText());
                } else {
                    assertThat(qs.get(k).asDouble()).as(name + " " + k).isCloseTo(e.asDouble(), within(1e-9 * Math.abs(e.asDouble()) + 1e-12));
                }
            }
            JsonNode rolling = j.get("rolling");
            assertThat(keys(rolling)).containsExactly("window", "greeks_window", "dates", "sharpe", "sortino", "volatility",
                    "beta", "alpha");
            assertThat(rolling.get("window").asInt()).isEqualTo(126);
            assertThat(rolling.get("greeks_window").asInt()).isEqualTo(252);
            assertThat(rolling.get("dates").get(0).asText()).isEqualTo(expected.get("rolling").get("dates").get(0).asText());
            assertThat(rolling.get("sharpe").get(124).isNull()).as("undefined before a full window").isTrue();
            assertThat(rolling.get("sharpe").get(125).asDouble())
                    .isCloseTo(expected.get("rolling").get("sharpe").get(125).asDouble(), within(1e-9));
            assertThat(rolling.get("beta").get(250).isNull()).isTrue();
            assertThat(rolling.get("beta").get(251).asDouble())
                    .isCloseTo(expected.get("rolling").get("beta").get(251).asDouble(), within(1e-9));
            JsonNode monthly = j.get("monthly_returns");
            assertThat(keys(monthly)).containsExactlyElementsOf(keys(expected.get("monthly_returns")));
            assertThat(keys(monthly.get("2014"))).containsExactly("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                    "SEP", "OCT", "NOV", "DEC", "EOY");
            assertThat(monthly.get("2016").get("EOY").asDouble())
                    .isCloseTo(expected.get("monthly_returns").get("2016").get("EOY").asDouble(), within(1e-12));
            JsonNode details = j.get("drawdown_details");
            assertThat(details).hasSize(expected.get("drawdown_details").size());
            assertThat(keys(details.get(0))).containsExactly("start", "valley", "end", "days", "max_drawdown",
                    "max_drawdown_99");
            assertThat(details.get(0).get("start").asText()).isEqualTo(expected.get("drawdown_details").get(0).get("start").asText());
        }
    }

    @Test
    void everyRollingValueInTheJsonIsTheReportsDoubleExactly() throws IOException {
        // the series are written in parallel, each number as its shortest exact decimal: every one must read back as
        // the very double the SDK computed, in place (NaN as null, infinities as strings), dates included
        for (String name : new String[] {"ten-years", "losses-then-gains", "flat-days-losing"}) {
            Path values = quantstatsCase(name, "values.csv");
            boolean withBenchmark = AnalyticsCommandTest.class.getResource("/quantstats/" + name + "/benchmark.csv") != null;
            Path bench = withBenchmark ? quantstatsCase(name, "benchmark.csv") : null;
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of("analytics", "performance", "--values", values.toString(), "--json"));
            if (bench != null) {
                args.addAll(List.of("--benchmark", bench.toString()));
            }
            assertThat(cli.run(args.toArray(new String[0]))).as(err.toString()).isZero();
            JsonNode rolling = new ObjectMapper().readTree(out.toString()).get("rolling");
            io.cift.analytics.RollingStatistics rs = io.cift.analytics.QuantStats.compute(AnalyticsCommand.readValues(values),
                    bench == null ? null : AnalyticsCommand.readValues(bench), 252, 0).rolling();
            assertThat(rolling.get("dates")).hasSize(rs.dates().size());
            for (int i = 0; i < rs.dates().size(); i++) {
                assertThat(rolling.get("dates").get(i).asText()).isEqualTo(rs.dates().get(i).toString());
            }
            double[][] series = {rs.sharpe(), rs.sortino(), rs.volatility(), rs.beta(), rs.alpha()};
            String[] keys = {"sharpe", "sortino", "volatility", "beta", "alpha"};
            int infinities = 0;
            for (int k = 0; k < keys.length; k++) {
                JsonNode a = rolling.get(keys[k]);
                if (series[k] == null) {
                    assertThat(a.isNull()).as(name + " " + keys[k]).isTrue();
                    continue;
                }
                assertThat(a).as(name + " " + keys[k]).hasSize(series[k].length);
                for (int i = 0; i < series[k].length; i++) {
                    double v = series[k][i];
                    JsonNode n = a.get(i);
                    if (Double.isNaN(v)) {
                        assertThat(n.isNull()).as(name + " " + keys[k] + "[" + i + "]").isTrue();
                    } else if (Double.isInfinite(v)) {
                        infinities++;
                        assertThat(n.asText()).as(name + " " + keys[k] + "[" + i + "]").isEqualTo(v > 0 ? "Infinity" : "-Infinity");
                    } else {
                        assertThat(n.isNumber()).as(name + " " + keys[k] + "[" + i + "]").isTrue();
                        assertThat(Double.doubleToLongBits(n.asDouble())).as(name + " " + keys[k] + "[" + i + "]")
                                .isEqualTo(Double.doubleToLongBits(v));
                    }
                }
            }
            if (name.equals("losses-then-gains")) {
                assertThat(infinities).as("windows without a loss give an infinite Sortino").isPositive();
            }
        }
    }

    @Test
    void aBadRiskFreeRateOrPeriodsPerYearIsRefusedNamingTheOption() throws IOException {
        Path v = file("v.csv", "date,total_value\n2026-01-05,100\n2026-01-06,110\n2026-01-07,99\n");
        assertThat(cli.run("analytics", "performance", "--values", v.toString(), "--rf", "-1.5", "--json")).isNotZero();
        assertThat(err.toString()).contains("--rf", "-1.5");
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "performance", "--values", v.toString(), "--periods-per-year", "0")).isNotZero();
        assertThat(err.toString()).contains("--periods-per-year", "0");
    }

    @Test
    void nonFiniteMetricsAreStrings() throws IOException {
        Path v = file("v.csv", "date,total_value\n2026-01-05,100\n2026-01-06,100\n2026-01-07,100\n");
        assertThat(cli.run("analytics", "performance", "--values", v.toString(), "--json")).isZero();
        JsonNode m = new ObjectMapper().readTree(out.toString()).get("metrics");
        assertThat(m.get("sharpe_ratio").isTextual()).isTrue();
        assertThat(m.get("sharpe_ratio").asText()).isEqualTo("NaN");
        assertThat(m.get("max_drawdown").asDouble()).isZero();
        Path up = file("up.csv", "date,total_value\n2026-01-05,100\n2026-01-06,101\n2026-01-07,103\n");
        out.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "performance", "--values", up.toString(), "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("metrics").get("sortino_ratio").asText()).isEqualTo("Infinity");
        assertThat(new ObjectMapper().readTree(out.toString()).get("drawdown").get("max_drawdown_episode").isNull()).isTrue();
    }

    /** Runs {@code analytics performance} on a values file that must be refused with the message given. */
    private void refusedValues(String csv, String message) throws IOException {
        Path v = file("v.csv", csv);
        err.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "performance", "--values", v.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void performanceErrorsNameTheLine() throws IOException {
        refusedValues("date,total_value\n2026-01-05,100\n2026-01-05,101\n",
                "v.csv line 3: field 'date': duplicate date 2026-01-05 (also line 2)");
        // out of order, with a blank line: the duplicate is found after the dates stop ascending
        refusedValues("date,total_value\n2026-01-05,100\n\n2026-01-07,101\n2026-01-06,102\n2026-01-07,103\n",
                "v.csv line 6: field 'date': duplicate date 2026-01-07 (also line 4)");
        refusedValues("date,total_value\n2026-01-05,100\n2026-01-07,101\n2026-01-06,102\n2026-01-05,103\n",
                "v.csv line 5: field 'date': duplicate date 2026-01-05 (also line 2)");
        refusedValues("date,total_value\n2026-01-05,100\n2026-01-06,1.0000000000000001e2\n2026-01-07,1e400\n",
                "v.csv line 4: field 'total_value': not a finite number: '1e400'");
        refusedValues("date,total_value\n2026-01-05,100\n2026-13-05,101\n",
                "v.csv line 3: field 'date': not an ISO date: '2026-13-05'");
        refusedValues("date,total_value\n2026-01-05,-3\n", "v.csv line 2: field 'total_value': must be positive, got -3.0");
        refusedValues("date,total_value\n2026-01-05,12x\n", "v.csv line 2: field 'total_value': not a number: '12x'");
    }

    @Test
    void pnlJsonHasTheDocumentedKeysAndExactNumbers() throws IOException {
        Path t = file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n"
                + "2,2026-01-05T10:01:00Z,A,BUY,10,110,1\n"
                + "1,2026-01-05T10:00:00Z,A,BUY,10,100,1\n"
                + "3,2026-01-05T10:02:00Z,A,SELL,15,120,1.5\n"
                + "4,2026-01-05T10:03:00Z,B,BUY,2,5.10,0\n"
                + "5,2026-01-05T10:04:00Z,B,SELL,2,5.35,0\n");
        Path m = file("m.csv", "symbol,mark_price\nA,100\n");
        Path html = dir.resolve("pnl.html");
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString(), "--method", "fifo",
                "--json", "--html", html.toString())).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(keys(j)).containsExactly("by_symbol", "totals");
        JsonNode a = j.get("by_symbol").get("A");
        assertThat(keys(a)).containsExactly("trade_count", "buy_count", "sell_count", "buy_quantity", "sell_quantity",
                "gross_traded_notional", "fees", "realized_pnl_gross", "realized_pnl", "unrealized_pnl", "total_pnl",
                "net_quantity", "average_open_cost", "mark_price", "market_value", "closing_trades", "flip_trades");
        assertThat(a.get("realized_pnl_gross").decimalValue()).isEqualByComparingTo("250");
        assertThat(a.get("realized_pnl").decimalValue()).isEqualByComparingTo("246.5");
        assertThat(a.get("unrealized_pnl").decimalValue()).isEqualByComparingTo("-50");
        JsonNode b = j.get("by_symbol").get("B");
        assertThat(b.get("average_open_cost").isNull()).isTrue();
        assertThat(b.get("mark_price").isNull()).isTrue();
        assertThat(b.get("realized_pnl").toString()).isEqualTo("0.5");            // exact, no binary noise
        assertThat(keys(j.get("totals"))).containsExactly("trade_count", "buy_count", "sell_count", "buy_quantity",
                "sell_quantity", "gross_traded_notional", "fees", "realized_pnl_gross", "realized_pnl", "unrealized_pnl",
                "total_pnl", "market_value", "closing_trades", "flip_trades");
        assertThat(j.get("totals").get("total_pnl").decimalValue()).isEqualByComparingTo("197");
        assertThat(Files.readString(html)).contains("Total P&amp;L by symbol", "<svg").doesNotContain("<script", "src=");

        out.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString(), "--method", "average")).isZero();
        assertThat(out.toString()).contains("TOTAL", "method average_cost").containsPattern("A\\s+3\\s+5\\s+105");
    }

    @Test
    void pnlErrorsNameTheLineOrSymbol() throws IOException {
        Path m = file("m.csv", "symbol,mark_price\n");
        Path t = file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,HOLD,1,1,0\n");
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("t.csv line 2: field 'side': expected BUY or SELL, got 'HOLD'");
        err.getBuffer().setLength(0);
        file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,BUY,-1,1,0\n");
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("t.csv line 2: field 'quantity': must be positive, got -1");
        err.getBuffer().setLength(0);
        file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,BUY,1,1,0\n");
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no mark price for A");
        err.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "pnl", "--trades", t.toString(), "--marks", m.toString(), "--method", "lifo")).isEqualTo(2);
        assertThat(err.toString()).contains("--method must be fifo or average, got 'lifo'");
    }
}
