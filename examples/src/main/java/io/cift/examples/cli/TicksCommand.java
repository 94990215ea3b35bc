package io.cift.examples.cli;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QuestDbConfig;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;
import io.cift.examples.io.TickCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cift ticks}: market data in a tick store (QuestDB or in memory). */
@Command(name = "ticks", mixinStandardHelpOptions = true, description = "Tick data: ingest a CSV file, OHLCV bars, latest quotes.",
        subcommands = {TicksCommand.Ingest.class, TicksCommand.Bars.class, TicksCommand.Latest.class})
final class TicksCommand extends ParentCommand {

    /** Ticks per batch sent to the store: one ILP request, stored as a whole. */
    static final int BATCH = 50_000;

    /**
     * Which store: {@code --backend}, the QuestDB location ({@code --config} property
     * {@code cift.questdb.url}, else {@code CIFT_QUESTDB_URL}, else {@value QuestDbConfig#DEFAULT_URL}),
     * and for the embedded store the file to load first.
     */
    static class StoreOptions {
        @Option(names = "--backend", defaultValue = "questdb", paramLabel = "questdb|embedded",
                description = "Tick store (default: ${DEFAULT-VALUE}). The embedded one keeps nothing between runs.")
        String backend;

        @Option(names = "--config", paramLabel = "FILE", description = "Settings: cift.questdb.url and the other cift.questdb.* keys.")
        Path config;

        /** @return the QuestDB URL the settings name, for messages */
        String url() throws IOException {
            try {
                return io.cift.core.config.CiftSettings.load(config).get("cift.questdb.url").orElse(QuestDbConfig.DEFAULT_URL);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }

        QuestDbConfig.Builder questDb() throws IOException {
            try {
                return QuestDbConfig.fromSettings(io.cift.core.config.CiftSettings.load(config));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }

        TickStore open(CommandLine.Model.CommandSpec spec, Path file) throws IOException {
            switch (backend) {
                case "questdb":
                    try {
                        return TickStore.questDb(questDb().build());
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                    }
                case "embedded":
                    TickStore store = TickStore.embedded();
                    if (file != null) {
                        load(store, file);
                    }
                    return store;
                default:
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--backend must be questdb or embedded, got '" + backend + "'");
            }
        }
    }

    /** {@link StoreOptions} for the reading commands: with the embedded store, a file to load first. */
    static final class ReadOptions extends StoreOptions {
        @Option(names = "--file", paramLabel = "TICKS.csv", description = "With --backend embedded: the ticks to load first.")
        Path file;

        TickStore open(CommandLine.Model.CommandSpec spec) throws IOException {
            return open(spec, file);
        }
    }

    /**
     * Checks the whole file first (nothing is written when a line is bad), then writes it in batches.
     *
     * @return ticks written
     */
    static long load(TickStore store, Path file) throws IOException {
        TickCsv.read(file, t -> { });
        List<Tick> batch = new ArrayList<>(BATCH);
        long[] n = new long[1];
        try {
            TickCsv.read(file, t -> {
                batch.add(t);
                if (batch.size() == BATCH) {
                    store.write(batch);
                    n[0] += batch.size();
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                store.write(batch);
                n[0] += batch.size();
            }
        } catch (io.cift.analytics.ticks.TickStoreException e) {
            throw new io.cift.analytics.ticks.TickStoreException(e.getMessage() + " (" + n[0]
                    + " ticks of " + file + " were stored before this batch)", e.unconfirmed(), e.isTransient(), e);
        }
        return n[0];
    }

    /** {@code cift ticks ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Checks a tick CSV file (" + TickCsv.HEADER + ") and writes it to the store in batches.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--file", required = true, paramLabel = "TICKS.csv", description = "The tick file.")
        Path file;

        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            long t0 = System.nanoTime();
            try (TickStore s = store.open(spec, null)) {
                long n = load(s, file);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "ingested %d ticks from %s into %s in %.0f ms%n", n, file,
                        s.backend().equals("questdb") ? "questdb " + io.cift.core.Redact.text(store.url()) : "embedded (not kept)",
                        (System.nanoTime() - t0) / 1e6);
                out.flush();
            }
            return 0;
        }
    }

    /** {@code cift ticks bars}. */
    @Command(name = "bars", mixinStandardHelpOptions = true,
            description = "Prints OHLCV bars as CSV (" + TickCsv.BAR_HEADER + ") on the last price and size: bars aligned"
                    + " to the UTC calendar, only bars that hold ticks, --from inclusive, --to exclusive.")
    static final class Bars implements Callable<Integer> {
        @Option(names = "--symbol", required = true, description = "Instrument.")
        String symbol;

        @Option(names = "--interval", defaultValue = "1m", description = "Bar length: 1s, 1m, 5m, 1h, 1d, ... (default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--from", required = true, paramLabel = "T1", description = "Start, inclusive (ISO-8601 UTC).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "T2", description = "End, exclusive (ISO-8601 UTC).")
        String to;

        @Mixin
        ReadOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            BarInterval iv;
            Instant f;
            Instant t;
            try {
                iv = BarInterval.parse(interval);
                f = TickCsv.instant("--from", from);
                t = TickCsv.instant("--to", to);
                Tick.checkSymbol(symbol);
            } catch (IllegalArgumentException | io.cift.analytics.InvalidDataException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (f.isAfter(t)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
            }
            try (TickStore s = store.open(spec)) {
                List<Bar> bars = s.bars(symbol, iv, f, t);
                PrintWriter out = spec.commandLine().getOut();
                out.println(TickCsv.BAR_HEADER);
                for (Bar b : bars) {
                    out.println(TickCsv.line(b));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code cift ticks latest}. */
    @Command(name = "latest", mixinStandardHelpOptions = true,
            description = "Prints the latest tick of each symbol as CSV (" + TickCsv.HEADER + "), in the order given;"
                    + " symbols without ticks are named on stderr.")
    static final class Latest implements Callable<Integer> {
        @Option(names = "--symbols", required = true, paramLabel = "A,B,C", description = "Instruments, comma-separated.")
        String symbols;

        @Mixin
        ReadOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<String> asked = Arrays.stream(symbols.split(",", -1)).map(String::strip).toList();
            for (String sym : asked) {
                try {
                    Tick.checkSymbol(sym);
                } catch (io.cift.analytics.InvalidDataException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--symbols '" + symbols + "': " + e.getMessage());
                }
            }
            try (TickStore s = store.open(spec)) {
                Map<String, Tick> latest = s.latest(asked);
                PrintWriter out = spec.commandLine().getOut();
                out.println(TickCsv.HEADER);
                for (Tick t : latest.values()) {
                    out.println(TickCsv.line(t));
                }
                out.flush();
                for (String sym : asked) {
                    if (!latest.containsKey(sym)) {
                        spec.commandLine().getErr().println("no ticks for " + sym);
                    }
                }
            }
            return 0;
        }
    }
}
