package io.cift.examples.cli;

import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedCsv;
import io.cift.core.feed.FeedGapException;
import io.cift.examples.io.BookCsv;
import io.cift.examples.io.BoundedLines;
import io.cift.examples.io.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
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
            subcommands = {Book.class, Watch.class})
    static final class Parent extends ParentCommand {
    }

    /** {@code cift feed book}. */
    @Command(name = "book", mixinStandardHelpOptions = true,
            description = {"Rebuilds the books from an order feed file and writes the resting orders (L3).",
                    "The feed file is what 'cift replay --feed-out' writes.",
                    "Header: symbol,side,price,order_id,open_qty. Symbols sorted, BUY before SELL, each side best price"
                            + " first, time priority within a price.",
                    "A gap (missing sequence numbers) is reported on stderr and healed by the next snapshot; with --strict"
                            + " it is an error. A feed that ends before a snapshot healed its last gap is an error too."})
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
            BookBuilder builder = new BookBuilder(strict).maxSymbols(Integer.MAX_VALUE).onGap((first, last, reason) -> {
                err.println("cift feed book: gap: " + reason + "; the book waits for the next snapshot");
                err.flush();
            });
            long messages;
            try (BufferedReader in = BoundedLines.open(feed, feed.toString())) {
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

    /** {@code cift feed watch}. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Follows a live order feed on NATS and prints a symbol's top levels as they change.",
                    "The feed is what 'cift demo --nats URL --feed' publishes; the books are rebuilt from it and the"
                            + " symbol's top levels printed each time they change, one line each:",
                    "  seq N  bids PRICExQTY ...  asks PRICExQTY ...",
                    "At a gap it asks the publisher for a snapshot and prints again once the book is whole."})
    static final class Watch implements Callable<Integer> {

        @Option(names = "--nats", required = true, paramLabel = "URL", description = "The NATS server, e.g. nats://127.0.0.1:4222.")
        String nats;

        @Option(names = "--symbol", required = true, paramLabel = "S", description = "The symbol to show.")
        String symbol;

        @Option(names = "--prefix", defaultValue = "cift.feed", paramLabel = "PREFIX",
                description = "The feed's subject prefix (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--depth", defaultValue = "5", paramLabel = "N", description = "Levels a side (default: ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--updates", defaultValue = "0", paramLabel = "N",
                description = "Stop after N printed updates (default: 0, no limit).")
        long updates;

        @Option(names = "--seconds", defaultValue = "0", paramLabel = "T",
                description = "Stop after T seconds (default: 0, until interrupted).")
        long seconds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (depth < 1 || updates < 0 || seconds < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--depth must be at least 1 and --updates, --seconds not negative");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            long[] printed = {0};
            String[] last = {null};
            io.cift.messaging.FeedSubscription[] sub = new io.cift.messaging.FeedSubscription[1];
            BookBuilder books = new BookBuilder(false).onGap((first, lastMissing, reason) -> {
                err.println("cift feed watch: gap: " + reason + "; asking for a snapshot");
                err.flush();
                sub[0].requestSnapshot();
            });
            try (io.cift.messaging.FeedSubscription s = io.cift.messaging.FeedSubscription.nats(nats, prefix, m -> {
                books.accept(m);
                if (updates > 0 && printed[0] >= updates || !books.inSync() || m instanceof io.cift.core.feed.FeedMessage.SnapshotOrder
                        || m instanceof io.cift.core.feed.FeedMessage.SnapshotStart) {
                    return;
                }
                String line = levels(books);
                if (!line.equals(last[0])) {
                    last[0] = line;
                    out.printf(Locale.ROOT, "seq %d  %s%n", m.seq(), line);
                    out.flush();
                    if (++printed[0] == updates) {
                        done.countDown();
                    }
                }
            })) {
                sub[0] = s;
                s.requestSnapshot();   // joining a feed already under way: whole from the next snapshot
                if (seconds > 0) {
                    done.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    done.await();
                }
            }
            return 0;
        }

        private String levels(BookBuilder books) {
            StringBuilder b = new StringBuilder("bids");
            for (io.cift.core.book.PriceLevel l : books.depth(symbol, io.cift.core.model.Side.BUY, depth)) {
                b.append(' ').append(l.price()).append('x').append(l.quantity());
            }
            b.append("  asks");
            for (io.cift.core.book.PriceLevel l : books.depth(symbol, io.cift.core.model.Side.SELL, depth)) {
                b.append(' ').append(l.price()).append('x').append(l.quantity());
            }
            return b.toString();
        }
    }
}
