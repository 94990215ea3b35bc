package io.cift.examples.cli;

import io.cift.examples.replay.OrderCsvReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that reads a CSV file, run as a user would on arbitrary files built from plausible and
 * hostile fields (limits, exponents, far dates, NaN, quotes, separators, non-ASCII): it either prints its
 * result with exit 0 or refuses with exit 1 and one line on standard error, never a stack trace, another
 * exit code or a hang. Tries: {@code cift.property.tries} (300; 20,000 in the slow profile).
 */
class CommandLineCsvProperties {

    /** Mostly a plausible value, sometimes a hostile one: deep enough to reach the arithmetic, wide enough to break it. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<String> mostly(Arbitrary<String> good, Arbitrary<String> hostile) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, good), net.jqwik.api.Tuple.of(1, hostile));
    }

    private static Arbitrary<String> number() {
        return mostly(Arbitraries.integers().between(1, 500).map(String::valueOf), Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 500).map(String::valueOf),
                Arbitraries.bigDecimals().between(java.math.BigDecimal.valueOf(-10), java.math.BigDecimal.valueOf(1_000)).ofScale(4).map(java.math.BigDecimal::toPlainString),
                Arbitraries.of("0", "1", "100.25", "1e100000000", "1e-30000000", "1e308", "-1e308", "NaN", "Infinity",
                        "9223372036854775807", "9223372036854775808", "0.00000000000000000001", "12345678901234567890123456789012345678901",
                        "", " ", "x", "1,5", "\"7\"", "1e18", "-0"),
                Arbitraries.strings().withChars("0123456789-+.eE").ofMaxLength(12)));
    }

    private static Arbitrary<String> date() {
        return mostly(
                Arbitraries.integers().between(1, 28).map(d -> String.format("2026-01-%02d", d)),
                Arbitraries.of("2026-02-30", "+586524-01-19", "1969-12-31", "0000-01-01", "2026-1-5", "", "ÄÖ"));
    }

    private static Arbitrary<String> timestamp() {
        return mostly(
                Arbitraries.integers().between(0, 86_399).map(s -> "2026-01-05T00:00:00Z".replace("00:00:00",
                        String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60))),
                Arbitraries.of("+586524-01-19T08:01:50Z", "-999999999-01-01T00:00:00Z", "2026-01-05T10:00:00.123456789Z",
                        "2026-01-05 10:00:00", "1767600000", "", "2026-01-05T25:00:00Z"));
    }

    private static Arbitrary<String> symbol() {
        return mostly(Arbitraries.of("A", "B"), Arbitraries.oneOf(Arbitraries.of("ES", "", "Ä", "a,b", "\"q\"", " A"),
                Arbitraries.strings().withChars("AZ_,\" ").ofMaxLength(4)));
    }

    private static Arbitrary<String> side() {
        return mostly(Arbitraries.of("BUY", "SELL"), Arbitraries.of("buy", "B", "", "HOLD"));
    }

    private static Arbitrary<List<String>> rows(Arbitrary<String> row) {
        return row.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> values() {
        return rows(net.jqwik.api.Combinators.combine(date(), number()).as((d, v) -> d + "," + v));
    }

    @Provide
    Arbitrary<List<String>> trades() {
        return rows(net.jqwik.api.Combinators.combine(number(), timestamp(), symbol(), side(), number(), number(), number())
                .as((id, ts, s, sd, q, p, f) -> String.join(",", id, ts, s, sd, q, p, f)));
    }

    /** One row per symbol A and B (a mark or a position), and now and then a hostile extra row. */
    @Provide
    Arbitrary<List<String>> marks() {
        Arbitrary<String> extra = mostly(Arbitraries.just(""), net.jqwik.api.Combinators.combine(symbol(), number())
                .as((s, p) -> s + "," + p));
        return net.jqwik.api.Combinators.combine(number(), number(), extra).as((a, b, x) -> {
            List<String> out = new ArrayList<>(List.of("A," + a, "B," + b));
            if (!x.isEmpty()) {
                out.add(x);
            }
            return out;
        });
    }

    /** Closes of A and B on consecutive days, with a hostile field now and then. */
    @Provide
    Arbitrary<List<String>> prices() {
        return net.jqwik.api.Combinators.combine(number(), number()).as((a, b) -> List.of(a, b)).list().ofMaxSize(28)
                .map(days -> {
                    List<String> out = new ArrayList<>();
                    for (int d = 0; d < days.size(); d++) {
                        String date = String.format("2026-01-%02d", d + 1);
                        out.add(date + ",A," + days.get(d).get(0));
                        out.add(date + ",B," + days.get(d).get(1));
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<List<String>> ticks() {
        return rows(net.jqwik.api.Combinators.combine(timestamp(), symbol(), number(), number(), number(), number())
                .as((ts, s, a, b, c, d) -> String.join(",", ts, s, a, b, c, d, a, c)));
    }

    @Provide
    Arbitrary<List<String>> orders() {
        Arbitrary<String> action = mostly(Arbitraries.of("NEW", "NEW", "CANCEL", "AMEND"), Arbitraries.of("X", ""));
        Arbitrary<String> type = mostly(Arbitraries.of("LIMIT", "LIMIT", "MARKET"), Arbitraries.of("STOP", ""));
        Arbitrary<String> tif = mostly(Arbitraries.of("GTC", "IOC", "FOK"), Arbitraries.of("DAY", ""));
        return rows(net.jqwik.api.Combinators.combine(symbol(), action, number(), side(), type, tif, number(), number())
                .as((s, a, id, sd, t, tf, p, q) -> String.join(",", s, a, id, sd, t, tf, p, q)));
    }

    private static Path file(String header, List<String> rows) throws IOException {
        Path f = Files.createTempFile("cift-cli-prop", ".csv");
        Files.writeString(f, header + "\n" + String.join("\n", rows) + (rows.isEmpty() ? "" : "\n"));
        return f;
    }

    /** Runs the command line and checks the outcome is a result or one clean line of refusal. */
    private static void runsCleanly(List<Path> files, String... args) throws IOException {
        try {
            CliRun cli = new CliRun();
            int code = cli.run(args);
            String err = cli.err.toString().strip();
            assertThat(code).as("exit code; stderr: %s", err).isIn(0, 1);
            net.jqwik.api.statistics.Statistics.collect(code == 0 ? "result" : "refused");
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n\tat");
            if (code == 1) {
                assertThat(err).as("a refusal says why").isNotBlank();
                assertThat(err.lines().count()).as("one line: %s", err).isLessThanOrEqualTo(2);
            }
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Property
    void performanceOfValues(@ForAll("values") List<String> rows) throws IOException {
        Path v = file("date,total_value", rows);
        runsCleanly(List.of(v), "analytics", "performance", "--values", v.toString());
    }

    @Property
    void pnlOfTradesAndMarks(@ForAll("trades") List<String> trades, @ForAll("marks") List<String> marks) throws IOException {
        Path t = file("trade_id,timestamp,symbol,side,quantity,price,fee", trades);
        Path m = file("symbol,mark_price", marks);
        runsCleanly(List.of(t, m), "analytics", "pnl", "--trades", t.toString(), "--marks", m.toString());
    }

    @Property
    void varOfPositionsAndPrices(@ForAll("marks") List<String> positions, @ForAll("prices") List<String> prices)
            throws IOException {
        Path p = file("symbol,quantity", positions);
        Path q = file("date,symbol,close", prices);
        runsCleanly(List.of(p, q), "risk", "var", "--positions", p.toString(), "--prices", q.toString());
    }

    @Property
    void barsOfATickFile(@ForAll("ticks") List<String> ticks) throws IOException {
        Path f = file(io.cift.examples.io.TickCsv.HEADER, ticks);
        runsCleanly(List.of(f), "ticks", "bars", "--backend", "embedded", "--file", f.toString(), "--symbol", "A",
                "--from", "2026-01-05T00:00:00Z", "--to", "2026-01-06T00:00:00Z");
    }

    @Property
    void replayOfAnOrderFile(@ForAll("orders") List<String> orders) throws IOException {
        Path f = file(OrderCsvReader.HEADER, orders);
        Path out = Files.createTempFile("cift-cli-prop", ".trades.csv");
        List<Path> files = new ArrayList<>(List.of(f, out));
        runsCleanly(files, "replay", "--orders", f.toString(), "--trades-out", out.toString());
    }
}
