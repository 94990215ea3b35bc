package io.cift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cift.core.risk.PortfolioVar;
import io.cift.core.risk.PriceHistory;
import io.cift.core.risk.VarMethod;
import io.cift.core.risk.VarResult;
import io.cift.examples.io.BoundedLines;
import io.cift.examples.io.CsvTable;
import io.cift.examples.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cift risk}: portfolio risk commands. */
@Command(name = "risk", mixinStandardHelpOptions = true, description = "Portfolio risk.",
        subcommands = {RiskCommand.Var.class})
final class RiskCommand extends ParentCommand {

    /** {@code cift risk var}. */
    @Command(name = "var", mixinStandardHelpOptions = true,
            description = {"Portfolio VaR and expected shortfall from positions and daily closes.",
                    "POS.csv header: symbol,quantity   PRICES.csv header: date,symbol,close (ISO dates)",
                    "Losses are positive numbers."})
    static final class Var implements Callable<Integer> {

        @Option(names = "--positions", required = true, paramLabel = "POS.csv", description = "Signed quantities.")
        Path positions;

        @Option(names = "--prices", required = true, paramLabel = "PRICES.csv", description = "Daily closes, long format.")
        Path prices;

        @Option(names = "--method", defaultValue = "historical", paramLabel = "historical|parametric",
                description = "historical (default) or parametric (delta-normal).")
        String method;

        @Option(names = "--confidence", defaultValue = "0.99", description = "Confidence level in (0, 1) (default: ${DEFAULT-VALUE}).")
        double confidence;

        @Option(names = "--horizon-days", defaultValue = "1", description = "Horizon in days (default: ${DEFAULT-VALUE}).")
        int horizonDays;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VarMethod m = switch (method) {
                case "historical" -> VarMethod.HISTORICAL;
                case "parametric" -> VarMethod.PARAMETRIC;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--method must be historical or parametric, got '" + method + "'");
            };
            Map<String, Double> pos = new LinkedHashMap<>();
            for (CsvTable.Row row : CsvTable.read(positions, "symbol,quantity").rows()) {
                String s = row.text("symbol");
                if (pos.put(s, row.number("quantity")) != null) {
                    throw row.error("symbol", "duplicate symbol " + BoundedLines.quoted(s));
                }
            }
            PriceHistory.Builder b = PriceHistory.builder();
            for (CsvTable.Row row : CsvTable.read(prices, "date,symbol,close").rows()) {
                try {
                    b.add(row.date("date"), row.text("symbol"), row.number("close"));
                } catch (IllegalArgumentException e) {
                    if (e.getMessage().startsWith(prices.toString())) {
                        throw e;
                    }
                    throw new IllegalArgumentException(prices + " line " + row.line() + ": " + e.getMessage(), e);
                }
            }
            VarResult r = PortfolioVar.compute(pos, b.build(), m, confidence, horizonDays);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.write(toJson(r)) : table(r));
            out.flush();
            return 0;
        }

        static ObjectNode toJson(VarResult r) {
            ObjectNode o = Json.object();
            o.put("method", r.method().name().toLowerCase(Locale.ROOT));
            Json.put(o, "confidence", r.confidence());
            o.put("horizon_days", r.horizonDays());
            Json.put(o, "portfolio_value", r.portfolioValue());
            Json.put(o, "gross_exposure", r.grossExposure());
            Json.put(o, "net_exposure", r.netExposure());
            Json.put(o, "var", r.valueAtRisk());
            Json.put(o, "expected_shortfall", r.expectedShortfall());
            if (r.method() == VarMethod.PARAMETRIC) {
                ObjectNode c = o.putObject("components");
                r.components().forEach((k, v) -> Json.put(c, k, v));
            }
            return o;
        }

        private static String table(VarResult r) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-20s %s%n", "method", r.method().name().toLowerCase(Locale.ROOT)));
            sb.append(String.format(Locale.ROOT, "%-20s %.4f%n", "confidence", r.confidence()));
            sb.append(String.format(Locale.ROOT, "%-20s %d%n", "horizon days", r.horizonDays()));
            sb.append(String.format(Locale.ROOT, "%-20s %d%n", "scenarios", r.scenarios()));
            sb.append(String.format(Locale.ROOT, "%-20s %,.2f%n", "portfolio value", r.portfolioValue()));
            sb.append(String.format(Locale.ROOT, "%-20s %,.2f%n", "gross exposure", r.grossExposure()));
            sb.append(String.format(Locale.ROOT, "%-20s %,.2f%n", "net exposure", r.netExposure()));
            sb.append(String.format(Locale.ROOT, "%-20s %,.2f%n", "VaR", r.valueAtRisk()));
            sb.append(String.format(Locale.ROOT, "%-20s %,.2f", "expected shortfall", r.expectedShortfall()));
            if (!r.components().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%n%ncomponent VaR%n"));
                r.components().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-18s %,.2f%n", k, v)));
                sb.setLength(sb.length() - System.lineSeparator().length());
            }
            return sb.toString();
        }
    }
}
