package io.cift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cift.core.book.MatchingEngine;
import io.cift.core.journal.Journal;
import io.cift.core.journal.JournalInfo;
import io.cift.examples.io.Json;
import io.cift.examples.io.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cift journal info|book}: read a durable engine's journal without changing it. */
final class JournalCommands {

    private JournalCommands() {
    }

    /** The {@code journal} parent command. */
    @Command(name = "journal", mixinStandardHelpOptions = true,
            description = "Reads a journal written by a durable engine (such as cift replay --journal), changing nothing.",
            subcommands = {Info.class, Book.class})
    static final class Parent extends ParentCommand {
    }

    /** {@code cift journal info}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Summarizes a journal: commands journaled, snapshots, bytes, segments, engine id.",
                    "JSON keys: commands, snapshots, bytes, segments, newest_snapshot, unreadable_tail_bytes, engine_id."})
    static final class Info implements Callable<Integer> {
        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal directory.")
        Path journal;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            JournalInfo i = Journal.info(journal);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.object();
                o.put("commands", i.commands());
                o.put("snapshots", i.snapshots());
                o.put("bytes", i.bytes());
                o.put("segments", i.segments());
                o.put("newest_snapshot", i.newestSnapshot());
                o.put("unreadable_tail_bytes", i.unreadableTailBytes());
                o.put("engine_id", i.engineId());
                out.println(Json.write(o));
            } else {
                out.printf(Locale.ROOT, "commands               %d%n", i.commands());
                out.printf(Locale.ROOT, "snapshots              %d%n", i.snapshots());
                out.printf(Locale.ROOT, "bytes                  %d%n", i.bytes());
                out.printf(Locale.ROOT, "segments               %d%n", i.segments());
                out.printf(Locale.ROOT, "newest_snapshot        %d%n", i.newestSnapshot());
                out.printf(Locale.ROOT, "unreadable_tail_bytes  %d%n", i.unreadableTailBytes());
                out.printf(Locale.ROOT, "engine_id              %s%n", i.engineId());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code cift journal book}. */
    @Command(name = "book", mixinStandardHelpOptions = true,
            description = {"Recovers the engine from a journal and writes its resting orders (L3).",
                    "Header: symbol,side,price,order_id,open_qty. Symbols sorted, BUY before SELL, each side best price"
                            + " first, time priority within a price."})
    static final class Book implements Callable<Integer> {
        /** The header line of the book file. */
        static final String HEADER = io.cift.examples.io.BookCsv.HEADER;

        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal directory.")
        Path journal;

        @Option(names = "--out", required = true, paramLabel = "BOOK.csv", description = "Where to write the book.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            OutputFiles.requireDirectory(out, "--out");
            Journal.Recovered r = Journal.recover(journal);
            MatchingEngine engine = r.engine();
            io.cift.examples.io.BookCsv.write(out, io.cift.examples.io.BookCsv.orders(engine));
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "commands  %d%n", r.report().lastSequence());
            err.printf(Locale.ROOT, "orders    %d%n", engine.symbols().stream()
                    .mapToInt(s -> engine.book(s).orElseThrow().orderCount()).sum());
            // what recovery could not use: the book above is what the rest of the journal holds
            for (String note : r.report().notes()) {
                err.printf(Locale.ROOT, "skipped   %s%n", note);
            }
            if (r.report().tailProblem() != null) {
                err.printf(Locale.ROOT, "ignored   %s%n", r.report().tailProblem());
            }
            err.flush();
            return 0;
        }
    }
}
