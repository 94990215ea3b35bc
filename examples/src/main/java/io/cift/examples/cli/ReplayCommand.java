package io.cift.examples.cli;

import io.cift.core.journal.FsyncPolicy;
import io.cift.examples.replay.JournaledReplayer;
import io.cift.examples.replay.ReplaySummary;
import io.cift.examples.replay.Replayer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cift replay}: streams an order file through the matching engine and writes the trades. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Streams an order CSV through the MatchingEngine and writes every trade in order.",
                "Input header: symbol,action,order_id,side,type,tif,price,qty",
                "Output header: trade_seq,symbol,taker_order_id,maker_order_id,price,qty",
                "A rejected command is counted; a malformed line stops the run (exit 1) and no trades file is left behind.",
                "With --journal every command is journaled first; run the same command again after a crash and it"
                        + " resumes: the journal must hold the file's first K commands, the trades file is brought to exactly"
                        + " their trades, and the replay goes on from command K+1 (the trades file is then written in place).",
                "With --feed-out the order feed of the replay is written too (one message a line, first column its"
                        + " sequence number; see 'cift feed book'), with a snapshot of every live order every"
                        + " --feed-snapshot-every commands.",
                "A summary goes to stderr."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--orders", required = true, paramLabel = "FILE.csv", description = "The order file.")
    Path orders;

    @Option(names = "--trades-out", paramLabel = "TRADES.csv", description = "Where to write the trades (optional).")
    Path tradesOut;

    /** The largest --initial-capacity taken: 2^24 orders a book (more is almost certainly a mistake). */
    static final int MAX_INITIAL_CAPACITY = 1 << 24;

    @Option(names = "--initial-capacity", defaultValue = "1024", paramLabel = "N",
            description = "Orders each book preallocates; books grow on demand past it (default: ${DEFAULT-VALUE}, at most 16777216).")
    int initialCapacity;

    @Option(names = "--feed-out", paramLabel = "FEED.csv",
            description = "Where to write the order feed of the replay (optional; with --journal it is made again from the "
                    + "journal's first command at each run, so a resumed run's feed equals an uninterrupted one's).")
    Path feedOut;

    @Option(names = "--feed-snapshot-every", defaultValue = "100000", paramLabel = "N",
            description = "With --feed-out: commands between snapshots, 0 for none (default: ${DEFAULT-VALUE}).")
    long feedSnapshotEvery;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal every command in DIR, and resume from it after a crash.")
    Path journal;

    @Option(names = "--snapshot-every", defaultValue = "1000000", paramLabel = "N",
            description = "With --journal: a snapshot every N commands, 0 for none (default: ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--fsync", defaultValue = "batch", paramLabel = "batch|interval|none",
            description = "With --journal: force the journal per batch of commands (group commit), every 10 ms, or never "
                    + "(default: ${DEFAULT-VALUE}).")
    String fsync;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private FsyncPolicy fsyncPolicy() {
        return switch (fsync) {
            case "batch" -> FsyncPolicy.BATCH;
            case "interval" -> FsyncPolicy.INTERVAL;
            case "none" -> FsyncPolicy.NONE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--fsync must be batch, interval or none, got '" + fsync + "'");
        };
    }

    @Override
    public Integer call() throws IOException {
        if (initialCapacity < 1 || initialCapacity > MAX_INITIAL_CAPACITY) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--initial-capacity must be from 1 to " + MAX_INITIAL_CAPACITY + " (books grow on demand), got " + initialCapacity);
        }
        if (journal == null && (spec.commandLine().getParseResult().hasMatchedOption("--snapshot-every")
                || spec.commandLine().getParseResult().hasMatchedOption("--fsync"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--snapshot-every and --fsync need --journal");
        }
        if (snapshotEvery < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--snapshot-every must not be negative, got "
                    + snapshotEvery);
        }
        if (tradesOut != null) {
            io.cift.examples.io.OutputFiles.requireDirectory(tradesOut, "--trades-out");
        }
        if (feedOut == null && spec.commandLine().getParseResult().hasMatchedOption("--feed-snapshot-every")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feed-snapshot-every needs --feed-out");
        }
        if (feedSnapshotEvery < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feed-snapshot-every must not be negative, got "
                    + feedSnapshotEvery);
        }
        if (feedOut != null) {
            io.cift.examples.io.OutputFiles.requireDirectory(feedOut, "--feed-out");
        }
        if (journal == null) {
            return plainReplay();
        }
        FsyncPolicy policy = fsyncPolicy();
        ReplaySummary s;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(orders), 1 << 16)) {
            s = new JournaledReplayer(new JournaledReplayer.Options(journal, snapshotEvery, policy, initialCapacity))
                    .replay(in, tradesOut, feedOut, feedSnapshotEvery);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + e.getFile(), e);
        }
        printSummary(s);
        return 0;
    }

    /** A replay without a journal: the trades and feed files (each optional) are written whole or not at all. */
    private Integer plainReplay() throws IOException {
        Path feedTmp = feedOut == null ? null
                : Files.createTempFile(feedOut.toAbsolutePath().getParent(), feedOut.getFileName().toString(), ".part");
        Path tradesTmp = tradesOut == null ? null
                : Files.createTempFile(tradesOut.toAbsolutePath().getParent(), tradesOut.getFileName().toString(), ".part");
        ReplaySummary s;
        try {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(orders), 1 << 16);
                 java.io.Writer feedWriter = feedTmp == null ? null : new java.io.BufferedWriter(Files.newBufferedWriter(
                         feedTmp, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
                 OutputStream trades = tradesTmp == null ? null : Files.newOutputStream(tradesTmp)) {
                io.cift.core.feed.OrderFeed feed = feedWriter == null ? null
                        : new io.cift.core.feed.OrderFeed(io.cift.core.feed.FeedCsv.writer(feedWriter), feedSnapshotEvery);
                s = new Replayer(initialCapacity).replay(in, trades, feed);
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + e.getFile(), e);
            }
            if (feedTmp != null) {
                Files.move(feedTmp, feedOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                feedTmp = null;
            }
            if (tradesTmp != null) {
                Files.move(tradesTmp, tradesOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                tradesTmp = null;
            }
        } finally {
            if (feedTmp != null) {
                Files.deleteIfExists(feedTmp);
            }
            if (tradesTmp != null) {
                Files.deleteIfExists(tradesTmp);
            }
        }
        printSummary(s);
        return 0;
    }

    private void printSummary(ReplaySummary s) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "commands        %d%n", s.commands());
        err.printf(Locale.ROOT, "trades          %d%n", s.trades());
        err.printf(Locale.ROOT, "rejects         %d%n", s.rejects());
        err.printf(Locale.ROOT, "volume          %d%n", s.volume());
        err.printf(Locale.ROOT, "elapsed_ms      %.1f%n", s.elapsedNanos() / 1e6);
        err.printf(Locale.ROOT, "commands_per_s  %.0f%n", s.commandsPerSecond());
        if (journal != null) {
            err.printf(Locale.ROOT, "resumed_from    %d%n", s.resumedFrom());
        }
        err.flush();
    }
}
