package io.cift.examples.cli;

import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedCsv;
import io.cift.core.feed.FeedGapException;
import io.cift.examples.io.BookCsv;
import io.cift.examples.io.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cift feed ...}: the order feed's consumer side. */
final class FeedCommands {

    private FeedCommands() {
    }

    /** {@code cift feed}. */
    @Command(name = "feed", mixinStandardHelpOptions = true, description = "Order feed tools.",
            subcommands = {Book.class})
    static final class Parent extends ParentCommand {
    }

    /** {@code cift feed book}. */
    @Command(name = "book", mixinStandardHelpOptions = true,
            description = {"Rebuilds the books from an order feed file (as 'cift replay --feed-out' writes it) and writes",
                    "the resting orders (L3). Header: symbol,side,price,order_id,open_qty. Symbols sorted, BUY before SELL,",
                    "each side best price first, time priority within a price.",
                    "A gap (missing sequence numbers) is reported on stderr and healed by the next snapshot; with --strict",
                    "it is an error. A feed that ends before a snapshot healed its last gap is an error too."})
    static final class Book implements Callable<Integer> {

        @Option(names = "--feed", required = true, paramLabel = "FEED.csv", description = "The feed file.")
        Path feed;

        @Option(names = "--out", required = true, paramLabel = "BOOK.csv", description = "Where to write the book.")
        Path out;

        @Option(names = "--strict", description = "Stop at the first gap (exit 1) instead of waiting for the next snapshot.")
        boolean strict;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            OutputFiles.requireDirectory(out, "--out");
            PrintWriter err = spec.commandLine().getErr();
            BookBuilder builder = new BookBuilder(strict).onGap((first, last, reason) -> {
                err.println("cift feed book: gap: " + reason + "; the book waits for the next snapshot");
                err.flush();
            });
            long messages;
            try (BufferedReader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
                messages = FeedCsv.read(in, builder::accept);
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + e.getFile(), e);
            } catch (FeedGapException e) {
                throw new IllegalStateException("gap in " + feed + ": " + e.getMessage() + " (--strict)", e);
            }
            if (!builder.inSync()) {
                throw new IllegalStateException("the feed ends before a snapshot healed its gap: the book of " + feed
                        + " is not known");
            }
            BookCsv.write(out, builder.orders());
            err.printf(Locale.ROOT, "messages  %d%n", messages);
            err.printf(Locale.ROOT, "orders    %d%n", builder.orders().size());
            err.printf(Locale.ROOT, "gaps      %d%n", builder.gaps());
            err.flush();
            return 0;
        }
    }
}
