package io.cift.examples.cli;

import io.cift.analytics.DailyValue;
import io.cift.analytics.InvalidDataException;
import io.cift.analytics.PerformanceAnalytics;
import io.cift.analytics.PerformanceMetrics;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlCalculator;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.RoutedAnalytics;
import io.cift.analytics.SymbolPnl;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import io.cift.examples.io.BoundedLines;
import io.cift.examples.io.CsvTable;
import io.cift.examples.io.Json;
import io.cift.examples.report.HtmlReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.cift.analytics.QuantStats;
import io.cift.analytics.QuantStatsReport;
import io.cift.examples.report.Tearsheet;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cift analytics}: performance analytics and P&amp;L from CSV files (embedded computation). */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Performance analytics and P&L breakdown.",
        subcommands = {AnalyticsCommand.Performance.class, AnalyticsCommand.Pnl.class})
final class AnalyticsCommand extends ParentCommand {

    /** Reads {@code date,total_value} rows; a bad row's message names the file and line. */
    static List<DailyValue> readValues(Path file) throws IOException {
        CsvTable t = CsvTable.read(file, "date,total_value");
        List<DailyValue> out = new ArrayList<>();
        Map<LocalDate, Integer> seen = null;     // only once the dates stop ascending (then duplicates are possible)
        for (CsvTable.Row row : t.rows()) {
            LocalDate d = row.date("date");
            double v = row.number("total_value");
            if (!(v > 0)) {
                throw row.error("total_value", "must be positive, got " + v);
            }
            if (seen == null && !out.isEmpty() && !d.isAfter(out.get(out.size() - 1).date())) {
                seen = new HashMap<>();
                for (int i = 0; i < out.size(); i++) {
                    seen.put(out.get(i).date(), t.rows().get(i).line());
                }
            }
            Integer prev = seen == null ? null : seen.putIfAbsent(d, row.line());
            if (prev != null) {
                throw row.error("date", "duplicate date " + d + " (also line " + prev + ")");
            }
            out.add(new DailyValue(d, v));
        }
        return out;
    }

    static void writeHtml(Path html, String content) throws IOException {
        Path tmp = Files.createTempFile(html.toAbsolutePath().getParent(), html.getFileName().toString(), ".part");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, html, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reading an account from the databases instead of files: {@code --user}, range, backend policy, connection. */
    static final class DatabaseOptions {
        @Option(names = "--user", description = "Read this account from PostgreSQL / ClickHouse instead of files.")
        String user;

        @Option(names = "--from", paramLabel = "DATE", description = "First UTC day (with --user).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last UTC day (with --user).")
        LocalDate to;

        @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|clickhouse|postgres",
                description = "auto (by query shape, the default), or prefer clickhouse or postgres, falling back to the other.")
        String backend;

        @CommandLine.Mixin
        ConnectionOptions conn;

        RoutedAnalytics open(CommandLine.Model.CommandSpec spec) throws IOException {
            RoutedAnalytics r = RoutedAnalytics.create(conn.builder().selector(ConnectionOptions.selector(spec, backend)).build());
            try {
                r.refreshSyncStatus();      // ClickHouse serves only when it is caught up
            } catch (RuntimeException e) {
                // PostgreSQL could not say: ClickHouse stays out, the call itself reports what is down
            }
            return r;
        }
    }

    /** The output options every analytics report command shares. */
    static final class ReportOptions {
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
        Path html;
    }

    /** {@code cift analytics performance}. */
    @Command(name = "performance", mixinStandardHelpOptions = true,
            description = {"Performance metrics and drawdowns of daily portfolio values (empyrical's definitions).",
                    "V.csv header: date,total_value (ISO dates; the value at the end of that UTC day)."})
    static final class Performance implements Callable<Integer> {
        @Option(names = "--values", paramLabel = "V.csv", description = "Daily values (or --user to read the databases).")
        Path values;

        @CommandLine.Mixin
        DatabaseOptions db;

        @Option(names = "--benchmark", paramLabel = "B.csv", description = "Benchmark daily values, same header.")
        Path benchmark;

        @Option(names = "--periods-per-year", defaultValue = "252", paramLabel = "N",
                description = "Periods per year of the quantstats statistics: 252 (default) for equities, 365 for crypto.")
        int periodsPerYear;

        @Option(names = "--rf", defaultValue = "0", paramLabel = "R",
                description = "Annual risk-free rate of the quantstats statistics, as a fraction (default 0).")
        double riskFree;

        @CommandLine.Mixin
        ReportOptions report;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if ((values == null) == (db.user == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --values and --user");
            }
            if (periodsPerYear < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--periods-per-year must be at least 1, got " + periodsPerYear);
            }
            if (!Double.isFinite(riskFree) || riskFree <= -1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--rf must be a finite annual rate above -1, got " + riskFree);
            }
            List<DailyValue> b = benchmark == null ? null : readValues(benchmark);
            PerformanceReport r;
            String backend = null;
            String title;
            if (values != null) {
                r = PerformanceAnalytics.compute(readValues(values), b, "embedded");
                title = "Performance: " + values.getFileName();
            } else {
                try (RoutedAnalytics routed = db.open(spec)) {
                    r = routed.performance(new PerformanceQuery(db.user, db.from, db.to, b, 0));
                }
                backend = r.backend();
                title = "Performance: " + db.user;
            }
            // quantstats' report feeds only the JSON and the tearsheet, not the table
            QuantStatsReport q = r.values().size() < 2 || !report.json && report.html == null ? null
                    : QuantStats.compute(r.values(), b, periodsPerYear, riskFree);
            print(spec.commandLine().getOut(), r, q, report.json, backend);
            if (report.html != null) {
                // the quantstats-style tearsheet; the plain report when there are too few values for returns
                QuantStatsReport benchAlone = q == null || b == null || b.size() < 2 ? null
                        : QuantStats.compute(b, null, periodsPerYear, riskFree);
                writeHtml(report.html, q == null ? HtmlReport.performance(r, title) : Tearsheet.html(q, benchAlone, title));
            }
            return 0;
        }
    }

    static void print(PrintWriter out, PerformanceReport r, QuantStatsReport q, boolean json, String backend) {
        if (json) {
            var node = AnalyticsJson.performance(r);
            if (backend != null) {
                node.put("backend", backend);
            }
            if (q != null) {
                AnalyticsJson.quantStats(node, q);
            }
            out.println(Json.write(node));
        } else {
            PerformanceMetrics m = r.metrics();
            String f = "%-28s %s%n";
            out.printf(Locale.ROOT, f, "days", r.values().size());
            out.printf(Locale.ROOT, f, "cumulative return", fmt(m.cumulativeReturn()));
            out.printf(Locale.ROOT, f, "annual return", fmt(m.annualReturn()));
            out.printf(Locale.ROOT, f, "annual volatility", fmt(m.annualVolatility()));
            out.printf(Locale.ROOT, f, "sharpe ratio", fmt(m.sharpeRatio()));
            out.printf(Locale.ROOT, f, "sortino ratio", fmt(m.sortinoRatio()));
            out.printf(Locale.ROOT, f, "downside risk", fmt(m.downsideRisk()));
            out.printf(Locale.ROOT, f, "max drawdown", fmt(m.maxDrawdown()));
            out.printf(Locale.ROOT, f, "calmar ratio", fmt(m.calmarRatio()));
            out.printf(Locale.ROOT, f, "omega ratio", fmt(m.omegaRatio()));
            out.printf(Locale.ROOT, f, "tail ratio", fmt(m.tailRatio()));
            out.printf(Locale.ROOT, f, "value at risk (5%)", fmt(m.valueAtRisk()));
            out.printf(Locale.ROOT, f, "conditional value at risk", fmt(m.conditionalValueAtRisk()));
            out.printf(Locale.ROOT, f, "stability of timeseries", fmt(m.stabilityOfTimeseries()));
            out.printf(Locale.ROOT, f, "win rate", fmt(m.winRate()));
            out.printf(Locale.ROOT, f, "profit factor", fmt(m.profitFactor()));
            if (r.benchmarkRelative() != null) {
                out.printf(Locale.ROOT, f, "alpha", fmt(r.benchmarkRelative().alpha()));
                out.printf(Locale.ROOT, f, "beta", fmt(r.benchmarkRelative().beta()));
                out.printf(Locale.ROOT, f, "information ratio", fmt(r.benchmarkRelative().informationRatio()));
            }
            out.printf(Locale.ROOT, f, "drawdown episodes", r.drawdown().episodeCount());
            out.printf(Locale.ROOT, f, "max drawdown duration (days)", r.drawdown().maxDurationCalendarDays());
            if (backend != null) {
                out.printf(Locale.ROOT, f, "backend", backend);
            }
        }
        out.flush();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    /** {@code cift analytics pnl}. */
    @Command(name = "pnl", mixinStandardHelpOptions = true,
            description = {"P&L breakdown by symbol, FIFO or average cost.",
                    "T.csv header: trade_id,timestamp,symbol,side,quantity,price,fee   M.csv header: symbol,mark_price"})
    static final class Pnl implements Callable<Integer> {
        @Option(names = "--trades", paramLabel = "T.csv", description = "The trades (or --user to read the databases).")
        Path trades;

        @CommandLine.Mixin
        DatabaseOptions db;

        @Option(names = "--marks", required = true, paramLabel = "M.csv", description = "Mark prices.")
        Path marks;

        @Option(names = "--method", defaultValue = "fifo", paramLabel = "fifo|average", description = "fifo (default) or average.")
        String method;

        @CommandLine.Mixin
        ReportOptions report;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if ((trades == null) == (db.user == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --trades and --user");
            }
            PnlMethod m = method(spec, method);
            Map<String, BigDecimal> markPrices = readMarks(marks);
            PnlReport r;
            String backend = null;
            String title;
            if (trades != null) {
                List<Trade> list = readTrades(trades, "file");
                try {
                    r = PnlCalculator.compute(list, markPrices, m, "embedded");
                } catch (InvalidDataException e) {
                    throw new IllegalArgumentException(trades + ": " + e.getMessage(), e);
                }
                title = "P&L: " + trades.getFileName();
            } else {
                try (RoutedAnalytics routed = db.open(spec)) {
                    r = routed.pnl(db.user, m, markPrices);
                }
                backend = r.backend();
                title = "P&L: " + db.user;
            }
            print(spec.commandLine().getOut(), r, report.json, backend);
            if (report.html != null) {
                writeHtml(report.html, HtmlReport.pnl(r, title));
            }
            return 0;
        }
    }

    static PnlMethod method(CommandLine.Model.CommandSpec spec, String method) {
        return switch (method) {
            case "fifo" -> PnlMethod.FIFO;
            case "average" -> PnlMethod.AVERAGE_COST;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--method must be fifo or average, got '" + method + "'");
        };
    }

    /** Reads {@code trade_id,timestamp,symbol,side,quantity,price,fee}; every bad row names its line and field. */
    static List<Trade> readTrades(Path file, String user) throws IOException {
        return readTrades(file, user, new ArrayList<>());
    }

    /**
     * Reads a trades file, recording each trade's line number in {@code lines}.
     *
     * @param file the file
     * @param user the user
     * @param lines receives the line of each trade, in order
     * @return the trades
     * @throws IOException when the file cannot be read
     */
    static List<Trade> readTrades(Path file, String user, List<Integer> lines) throws IOException {
        List<Trade> out = new ArrayList<>();
        Map<Long, Integer> ids = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(file, "trade_id,timestamp,symbol,side,quantity,price,fee").rows()) {
            long id = row.integer("trade_id");
            Integer prev = ids.putIfAbsent(id, row.line());
            if (prev != null) {
                throw row.error("trade_id", "duplicate trade id " + id + " (also line " + prev + ")");
            }
            Side side = switch (row.text("side").toUpperCase(Locale.ROOT)) {
                case "BUY", "B" -> Side.BUY;
                case "SELL", "S" -> Side.SELL;
                default -> throw row.error("side", "expected BUY or SELL, got " + BoundedLines.quoted(row.text("side")));
            };
            BigDecimal q = row.decimal("quantity");
            if (q.signum() <= 0) {
                throw row.error("quantity", "must be positive, got " + q.toPlainString());
            }
            BigDecimal p = row.decimal("price");
            if (p.signum() <= 0) {
                throw row.error("price", "must be positive, got " + p.toPlainString());
            }
            out.add(new Trade(id, user, timestamp(row), row.text("symbol"), side, q, p, row.decimal("fee")));
            lines.add(row.line());
        }
        return out;
    }

    private static Instant timestamp(CsvTable.Row row) {
        String s = row.text("timestamp");
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw row.error("timestamp", "not an ISO-8601 timestamp: " + BoundedLines.quoted(s));
                }
            }
        }
    }

    /** Reads {@code symbol,mark_price}. */
    static Map<String, BigDecimal> readMarks(Path file) throws IOException {
        Map<String, BigDecimal> out = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(file, "symbol,mark_price").rows()) {
            BigDecimal p = row.decimal("mark_price");
            if (p.signum() <= 0) {
                throw row.error("mark_price", "must be positive, got " + p.toPlainString());
            }
            if (out.put(row.text("symbol"), p) != null) {
                throw row.error("symbol", "duplicate symbol " + BoundedLines.quoted(row.text("symbol")));
            }
        }
        return out;
    }

    static void print(PrintWriter out, PnlReport r, boolean json, String backend) {
        if (json) {
            var node = AnalyticsJson.pnl(r);
            if (backend != null) {
                node.put("backend", backend);
            }
            out.println(Json.write(node));
        } else {
            String f = "%-10s %7s %14s %14s %14s %14s %12s %14s%n";
            out.printf(Locale.ROOT, f, "symbol", "trades", "net qty", "avg cost", "realized", "unrealized", "fees", "total");
            for (SymbolPnl p : r.bySymbol().values()) {
                out.printf(Locale.ROOT, f, p.symbol(), p.tradeCount(), plain(p.netQuantity()), plain(p.averageOpenCost()),
                        plain(p.realizedPnl()), plain(p.unrealizedPnl()), plain(p.fees()), plain(p.totalPnl()));
            }
            out.printf(Locale.ROOT, f, "TOTAL", r.totals().tradeCount(), "", "", plain(r.totals().realizedPnl()),
                    plain(r.totals().unrealizedPnl()), plain(r.totals().fees()), plain(r.totals().totalPnl()));
            out.printf(Locale.ROOT, "method %s%s%n", r.method().name().toLowerCase(Locale.ROOT),
                    backend == null ? "" : ", backend " + backend);
        }
        out.flush();
    }

    private static String plain(BigDecimal v) {
        if (v == null) {
            return "-";
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() > 6 ? s.setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros() : s).toPlainString();
    }
}
