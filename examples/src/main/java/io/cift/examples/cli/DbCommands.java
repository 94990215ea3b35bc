package io.cift.examples.cli;

import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.RoutedAnalytics;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.Trade;
import io.cift.examples.io.CsvTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cift db}, {@code cift ingest} and {@code cift sync}: the PostgreSQL + ClickHouse backends. */
final class DbCommands {

    private DbCommands() {
    }

    /** Ingestion batch size. */
    static final int BATCH = 10_000;

    /** {@code cift db}. */
    @Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema.",
            subcommands = Migrate.class)
    static final class Db extends ParentCommand {
    }

    /** {@code cift db migrate}. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Creates or upgrades the schemas in PostgreSQL and ClickHouse (safe to run twice).")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Mixin
        ConnectionOptions conn;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (RoutedAnalytics r = RoutedAnalytics.create(conn.builder().build())) {
                int n = r.migrate();
                spec.commandLine().getOut().println("schema versions applied: " + n + (n == 0 ? " (already current)" : ""));
            }
            return 0;
        }
    }

    /** {@code cift ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Writes snapshots or trades to PostgreSQL, then syncs ClickHouse (unless --no-sync).",
            subcommands = {Snapshots.class, Trades.class})
    static final class Ingest extends ParentCommand {
    }

    abstract static class IngestBase implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "The account.")
        String user;

        @Option(names = "--no-sync", description = "Do not sync ClickHouse before exiting.")
        boolean noSync;

        @CommandLine.Mixin
        ConnectionOptions conn;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * Ingests rows in batches of {@link #BATCH}, each all or nothing. A refused row is named by its
         * line in the file, with what is already committed: the batches before the one refused.
         */
        <T> void inBatches(Path file, List<T> rows, List<Integer> lines, java.util.function.Consumer<List<T>> ingest) {
            for (int i = 0; i < rows.size(); i += BATCH) {
                try {
                    ingest.accept(rows.subList(i, Math.min(rows.size(), i + BATCH)));
                } catch (io.cift.analytics.InvalidDataException e) {
                    String reason = e.row() > 0 ? e.getMessage().substring(e.getMessage().indexOf(": ") + 2) : e.getMessage();
                    String where = e.row() > 0 ? file + " line " + lines.get(i + e.row() - 1) : file + " lines "
                            + lines.get(i) + " to " + lines.get(Math.min(rows.size(), i + BATCH) - 1);
                    throw new IllegalArgumentException(where + ": " + reason + "; " + committed(file, lines, i), e);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(file + " lines " + lines.get(i) + " to "
                            + lines.get(Math.min(rows.size(), i + BATCH) - 1) + " were not written: " + e.getMessage() + "; "
                            + committed(file, lines, i), e);
                }
            }
        }

        private static String committed(Path file, List<Integer> lines, int batchStart) {
            return batchStart == 0 ? "nothing of " + file + " was written"
                    : "lines up to " + lines.get(batchStart - 1) + " are written (earlier batches of " + BATCH + ")";
        }

        void finish(RoutedAnalytics r, int rows) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("rows written to postgresql: " + rows);
            if (!noSync) {
                SyncStatus s = r.syncNow();
                out.println("synced to clickhouse: " + s.rowsCopied() + " rows, lag " + s.rowsBehind() + " rows"
                        + DbCommands.setAside(s));
            }
            out.flush();
        }
    }

    /** {@code cift ingest snapshots}. */
    @Command(name = "snapshots", mixinStandardHelpOptions = true,
            description = "V.csv header date,total_value: the value at the end of that UTC day.")
    static final class Snapshots extends IngestBase {
        @Option(names = "--values", required = true, paramLabel = "V.csv", description = "Daily values.")
        Path values;

        @Override
        public Integer call() throws IOException {
            List<PortfolioSnapshot> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (CsvTable.Row row : CsvTable.read(values, "date,total_value").rows()) {
                lines.add(row.line());
                LocalDate d = row.date("date");
                BigDecimal v = row.decimal("total_value");
                if (v.signum() <= 0) {
                    throw row.error("total_value", "must be positive, got " + v.toPlainString());
                }
                rows.add(new PortfolioSnapshot(user, d.atTime(23, 59, 59).toInstant(ZoneOffset.UTC), v));
            }
            try (RoutedAnalytics r = RoutedAnalytics.create(conn.builder().build())) {
                inBatches(values, rows, lines, r::ingestSnapshots);
                finish(r, rows.size());
            }
            return 0;
        }
    }

    /** {@code cift ingest trades}. */
    @Command(name = "trades", mixinStandardHelpOptions = true,
            description = "T.csv header trade_id,timestamp,symbol,side,quantity,price,fee.")
    static final class Trades extends IngestBase {
        @Option(names = "--trades", required = true, paramLabel = "T.csv", description = "The trades.")
        Path trades;

        @Override
        public Integer call() throws IOException {
            List<Integer> lines = new ArrayList<>();
            List<Trade> rows = AnalyticsCommand.readTrades(trades, user, lines);
            try (RoutedAnalytics r = RoutedAnalytics.create(conn.builder().build())) {
                inBatches(trades, rows, lines, r::ingestTrades);
                finish(r, rows.size());
            }
            return 0;
        }
    }

    /** {@code cift sync}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Copies what ClickHouse is missing from PostgreSQL and prints the lag.")
    static final class Sync implements Callable<Integer> {
        @CommandLine.Mixin
        ConnectionOptions conn;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (RoutedAnalytics r = RoutedAnalytics.create(conn.builder().build())) {
                SyncStatus s = r.syncNow();
                spec.commandLine().getOut().println("rows copied " + s.rowsCopied() + ", lag " + s.rowsBehind() + " rows"
                        + setAside(s));
            }
            return 0;
        }
    }

    /** The note on rows ClickHouse refused, or nothing. */
    static String setAside(SyncStatus s) {
        return s.rowsSetAside() == 0 ? "" : " (" + s.rowsSetAside()
                + " refused by ClickHouse, set aside in PostgreSQL's cift_sync_rejects with the error)";
    }
}
