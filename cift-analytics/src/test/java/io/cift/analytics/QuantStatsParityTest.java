package io.cift.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statistic, rolling series and table against the values quantstats 0.0.81 itself gave for the same
 * daily values (test resources under {@code quantstats/}, made as their README says): ten years of daily values
 * with a benchmark (equity calendar; and 365 periods a year with a 3 % risk-free rate), flat days and a losing
 * drift, a benchmark on other dates, a series that only goes up, a short one, losses followed by a run of gains
 * longer than the rolling window (rolling Sortino windows without a loss), and an account that stands still for
 * longer than both rolling windows while its benchmark moves.
 */
class QuantStatsParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ten-years", "ten-years-crypto-rf", "flat-days-losing", "benchmark-other-dates", "always-up",
            "short", "losses-then-gains", "dormant-months"})
    void everyStatisticRollingSeriesAndTableIsQuantstats(String name) throws IOException {
        JsonNode expected = JSON.readTree(resource(name + "/expected.json"));
        List<DailyValue> values = values(name + "/values.csv");
        List<DailyValue> bench = expected.path("quantstats").has("greeks_beta") ? values(name + "/benchmark.csv") : null;
        QuantStatsReport r = QuantStats.compute(values, bench, expected.get("periods_per_year").asInt(),
                expected.get("rf").asDouble());

        JsonNode qs = expected.get("quantstats");
        List<String> names = new ArrayList<>();
        qs.fieldNames().forEachRemaining(names::add);
        assertThat(r.metrics().keySet()).as("the statistics, in quantstats' order").containsExactlyElementsOf(names);
        for (String m : names) {
            close(name + " " + m, r.metrics().get(m), qs.get(m));
        }

        JsonNode rolling = expected.get("rolling");
        assertThat(r.rolling().dates()).hasSize(rolling.get("dates").size());
        assertThat(r.rolling().dates().get(0)).isEqualTo(LocalDate.parse(rolling.get("dates").get(0).asText()));
        series(name + " rolling sharpe", r.rolling().sharpe(), rolling.get("sharpe"));
        series(name + " rolling sortino", r.rolling().sortino(), rolling.get("sortino"));
        series(name + " rolling volatility", r.rolling().volatility(), rolling.get("volatility"));
        if (bench != null) {
            series(name + " rolling beta", r.rolling().beta(), rolling.get("beta"));
            series(name + " rolling alpha", r.rolling().alpha(), rolling.get("alpha"));
        } else {
            assertThat(r.rolling().beta()).isNull();
        }

        JsonNode monthly = expected.get("monthly_returns");
        assertThat(r.monthlyReturns()).hasSize(monthly.size());
        String[] months = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", "EOY"};
        for (Iterator<Map.Entry<String, JsonNode>> it = monthly.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> year = it.next();
            double[] got = r.monthlyReturns().get(Integer.parseInt(year.getKey()));
            assertThat(got).as("year %s", year.getKey()).isNotNull();
            for (int k = 0; k < 13; k++) {
                close(name + " " + year.getKey() + " " + months[k], got[k], year.getValue().get(months[k]));
            }
        }

        JsonNode details = expected.get("drawdown_details");
        assertThat(r.drawdownDetails()).hasSize(details.size());
        for (int i = 0; i < details.size(); i++) {
            DrawdownDetail d = r.drawdownDetails().get(i);
            JsonNode e = details.get(i);
            String what = name + " drawdown " + i;
            assertThat(d.start()).as(what).isEqualTo(LocalDate.parse(e.get("start").asText()));
            assertThat(d.valley()).as(what).isEqualTo(LocalDate.parse(e.get("valley").asText()));
            assertThat(d.end()).as(what).isEqualTo(LocalDate.parse(e.get("end").asText()));
            assertThat(d.days()).as(what).isEqualTo(e.get("days").asInt());
            close(what + " max", d.maxDrawdown(), e.get("max_drawdown"));
            close(what + " 99%", d.maxDrawdown99(), e.get("max_drawdown_99"));
        }
    }

    private static void series(String what, double[] got, JsonNode expected) {
        assertThat(got).as(what).hasSize(expected.size());
        for (int i = 0; i < got.length; i++) {
            close(what + " [" + i + "]", got[i], expected.get(i));
        }
    }

    /** Equal to quantstats' value up to the last bits of a double (sums in another order), NaN and infinities exactly. */
    private static void close(String what, double got, JsonNode expected) {
        if (expected.isTextual()) {
            Double e = Double.valueOf(expected.asText());
            assertThat(Double.valueOf(got)).as(what).isEqualTo(e);      // Double.equals: NaN equals NaN
            return;
        }
        double e = expected.asDouble();
        assertThat(Math.abs(got - e)).as("%s: %s against quantstats' %s", what, got, e)
                .isLessThanOrEqualTo(1e-9 * Math.abs(e) + 1e-12);
    }

    private static InputStream resource(String path) {
        InputStream in = QuantStatsParityTest.class.getResourceAsStream("/quantstats/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource quantstats/" + path);
        }
        return in;
    }

    private static List<DailyValue> values(String path) {
        try (InputStream in = resource(path)) {
            List<DailyValue> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                out.add(new DailyValue(LocalDate.parse(f[0]), Double.parseDouble(f[1])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
