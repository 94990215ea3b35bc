package io.cift.examples.replay;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.EngineEventHandler;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.journal.Journal;
import io.cift.core.journal.JournalCommand;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * {@code cift replay --journal}: streams an order CSV through a {@link DurableEngine}, so that a run
 * killed at any moment resumes where its journal ends. On start it checks that the journaled commands
 * are the file's first K commands, brings the trades file to exactly the trades of those K commands
 * (cutting what a journal tail cut took away, and regenerating from the journal what was never written),
 * and goes on from command K+1. Trades are held in memory until the journal has made their commands
 * durable, so the trades file never holds a trade of a command that is not durable in the journal.
 */
public final class JournaledReplayer {

    /** Commands between two writes of the trades whose commands became durable (a power of two). */
    private static final int RELEASE_EVERY = 1024;

    /**
     * What to replay and how.
     *
     * @param journal the journal directory
     * @param snapshotEvery commands between snapshots (0: none)
     * @param fsync the fsync policy
     * @param initialOrderCapacity orders each book preallocates
     */
    public record Options(Path journal, long snapshotEvery, FsyncPolicy fsync, int initialOrderCapacity) {
        /** Checks the options. */
        public Options {
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(fsync, "fsync");
        }
    }

    private final Options options;

    /**
     * Creates a replayer.
     *
     * @param options the options
     */
    public JournaledReplayer(Options options) {
        this.options = options;
    }

    /**
     * Replays (or resumes) {@code orders}, writing trades to {@code tradesOut} (or nowhere when null).
     *
     * @param orders the order CSV
     * @param tradesOut the trades file, or null
     * @return what the whole file amounts to so far (resumed commands included)
     * @throws IOException when reading or writing fails
     * @throws MalformedInputException at the first line that cannot be read, or when the journal does
     *                                 not match the file's first commands
     */
    public ReplaySummary replay(InputStream orders, Path tradesOut) throws IOException {
        return replay(orders, tradesOut, null, 0);
    }

    /**
     * Replays (or resumes) {@code orders}, writing trades to {@code tradesOut} and the order feed to
     * {@code feedOut} (each nowhere when null). The feed is written whole at each run, from the journal's
     * first command (a resumed run replays the journal without snapshots to make it again), into
     * {@code FEED.part}, and moved into place when the run ends; its messages come from events of durable
     * commands only.
     *
     * @param orders the order CSV
     * @param tradesOut the trades file, or null
     * @param feedOut the feed file, or null
     * @param feedSnapshotEvery commands between the feed's snapshots (0: none)
     * @return what the whole file amounts to so far (resumed commands included)
     * @throws IOException when reading or writing fails
     * @throws MalformedInputException at the first line that cannot be read, or when the journal does
     *                                 not match the file's first commands
     */
    public ReplaySummary replay(InputStream orders, Path tradesOut, Path feedOut, long feedSnapshotEvery) throws IOException {
        FeedConsumer feed = feedOut == null ? null : new FeedConsumer(feedOut, feedSnapshotEvery);
        try {
            ReplaySummary s = replay(orders, tradesOut, feed);
            if (feed != null) {
                feed.finish();
            }
            return s;
        } finally {
            if (feed != null) {
                feed.closeQuietly();
            }
        }
    }

    private ReplaySummary replay(InputStream orders, Path tradesOut, FeedConsumer feed) throws IOException {
        long t0 = System.nanoTime();
        try (OrderCsvReader reader = new OrderCsvReader(orders)) {
            long journaled = Files.isDirectory(options.journal()) ? verify(reader) : 0;
            // a new journal starts a new trades file; an existing one continues the trades written so far
            long written = tradesOut == null || journaled == 0 ? 0 : TradeFile.completeTrades(tradesOut);
            if (tradesOut != null) {
                TradeFile.cutTo(tradesOut, written);   // drop a torn last line
            }
            TradesConsumer trades = tradesOut == null ? null : new TradesConsumer(tradesOut, written);
            MatchingEngineConfig.Builder engineConfig = MatchingEngineConfig.builder()
                    .initialOrderCapacity(options.initialOrderCapacity())
                    .maxSymbols(Integer.MAX_VALUE);   // the user's own file: every symbol in it gets a book
            if (trades != null) {
                engineConfig.listener(trades.live());
            }
            DurableEngineConfig.Builder cb = DurableEngineConfig.builder(options.journal())
                    .engine(engineConfig.build())
                    .fsync(options.fsync()).snapshotEvery(options.snapshotEvery());
            if (trades != null) {
                // start from a snapshot at or before the trades already written, and write the missing ones
                cb.snapshotFilter(s -> s.trades() <= written).recoveryHandler(trades);
            }
            if (feed != null) {
                // the feed is made again from the first command: no snapshot, every event through it
                EngineEventHandler both = trades == null ? feed : (e, end) -> {
                    trades.onEvent(e, end);
                    feed.onEvent(e, end);
                };
                // then a consumer makes the rest: on a machine of two cores it finishes the file sooner than a journal
                // follower, which matches every command a second time (docs/benchmarks.md, "Order feed")
                cb.snapshotFilter(s -> false).recoveryHandler(both)
                        .consumer("feed-out", java.util.EnumSet.allOf(EngineEvent.Kind.class), feed);
            }
            DurableEngine engine;
            try {
                engine = DurableEngine.open(cb.build());
            } catch (RuntimeException e) {
                if (trades != null) {
                    trades.close();
                }
                throw e;
            }
            long resumedFrom = engine.lastSequence();
            boolean ok = false;
            try {
                if (trades != null) {
                    trades.release(resumedFrom, engine);   // what recovery wrote: durable already
                }
                if (resumedFrom != journaled) {
                    throw new IllegalStateException("the journal held " + journaled + " readable commands but recovered "
                            + resumedFrom);
                }
                if (trades != null && trades.count() > engine.trades()) {
                    // the trades file is ahead of the journal (its tail was cut): cut it back
                    trades.close();
                    TradeFile.cutTo(tradesOut, engine.trades());
                    trades.reopen(engine.trades());
                }
                long lines = 0;
                while (reader.next()) {
                    switch (reader.action) {
                        case NEW -> engine.submit(reader.symbol, reader.orderId, 0, reader.side, reader.type, reader.tif,
                                reader.price, reader.qty, false);
                        case CANCEL -> engine.cancel(reader.symbol, reader.orderId);
                        case AMEND -> engine.amend(reader.symbol, reader.orderId, reader.price, reader.qty);
                        default -> throw new IllegalStateException("unexpected action " + reader.action);
                    }
                    // marked with the journal's own number: a line the engine refused took none
                    if ((++lines & (RELEASE_EVERY - 1)) == 0 && trades != null) {
                        trades.release(engine.lastSequence(), engine);
                    }
                }
                ok = true;
                if (trades != null) {
                    trades.mark(engine.lastSequence());
                }
            } finally {
                try {
                    engine.close();   // everything journaled is durable once this returns
                    if (ok && trades != null) {
                        trades.release(engine.lastSequence(), engine);
                    }
                } finally {
                    if (trades != null) {
                        trades.close();
                    }
                }
                if (ok && trades != null) {
                    trades.check(engine.trades());
                }
            }
            return new ReplaySummary(engine.lastSequence(), engine.trades(), engine.rejects(), engine.volume(),
                    System.nanoTime() - t0, resumedFrom);
        }
    }

    /** Checks that the journal's commands are the file's first commands; returns how many there are. */
    private long verify(OrderCsvReader reader) {
        long[] count = {0};
        Journal.read(options.journal(), 1, c -> {
            boolean more;
            try {
                more = reader.next();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!more) {
                throw new MalformedInputException(reader.lineNumber(), "the journal in " + options.journal() + " holds "
                        + "more commands than the order file (command " + c.sequence() + " has no line): it was written "
                        + "for another file");
            }
            if (!same(c, reader)) {
                throw new MalformedInputException(reader.lineNumber(), "the journal in " + options.journal()
                        + " does not match the order file: its command " + c.sequence() + " is " + describe(c)
                        + ", the file's is " + reader.action + " " + reader.symbol + " " + reader.orderId);
            }
            count[0]++;
        });
        return count[0];
    }

    private static boolean same(JournalCommand c, OrderCsvReader r) {
        if (!c.symbol().equals(r.symbol) || c.orderId() != r.orderId || !c.command().name().equals(r.action.name())) {
            return false;
        }
        return switch (c.command()) {
            case NEW -> c.side() == r.side && c.orderType() == r.type && c.timeInForce() == r.tif
                    && (c.orderType() == OrderType.MARKET || c.price() == r.price) && c.quantity() == r.qty
                    && c.ownerId() == 0 && !c.postOnly();
            case CANCEL -> true;
            case AMEND -> c.price() == r.price && c.quantity() == r.qty;
        };
    }

    private static String describe(JournalCommand c) {
        return c.command() + " " + c.symbol() + " " + c.orderId() + switch (c.command()) {
            case NEW -> " " + c.side() + " " + c.orderType() + " " + c.timeInForce() + " " + c.price() + " " + c.quantity();
            case CANCEL -> "";
            case AMEND -> " " + c.price() + " " + c.quantity();
        };
    }

    /** Writes the order feed from durable events (and, during recovery, from the first command again). */
    private static final class FeedConsumer implements EngineEventHandler {
        private final Path file;
        private final Path part;
        private final java.io.Writer out;
        private final io.cift.core.feed.OrderFeed feed;
        private final EngineEventHandler handler;
        private volatile Exception failure;

        FeedConsumer(Path file, long snapshotEvery) throws IOException {
            this.file = file;
            this.part = file.resolveSibling(file.getFileName() + ".part");
            this.out = new java.io.BufferedWriter(Files.newBufferedWriter(part, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            this.feed = new io.cift.core.feed.OrderFeed(io.cift.core.feed.FeedCsv.writer(out), snapshotEvery);
            this.handler = feed.handler();
        }

        @Override
        public void onEvent(EngineEvent e, boolean endOfBatch) throws Exception {
            if (failure != null) {
                return;
            }
            try {
                handler.onEvent(e, endOfBatch);
            } catch (Exception ex) {
                failure = ex;
                throw ex;
            }
        }

        /** The run is over (consumers done): the last command ends, the file goes into place. */
        void finish() throws IOException {
            if (failure != null) {
                throw new IOException("writing " + file + " failed: " + failure.getMessage(), failure);
            }
            feed.endOfInput();
            out.close();
            Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        void closeQuietly() {
            try {
                out.close();
            } catch (IOException ignored) {
                // already failing, or closed
            }
        }
    }

    /**
     * Writes trades as their commands become durable, on the replay's own thread: the engine's synchronous
     * listener formats each trade into memory, and every {@value #RELEASE_EVERY} commands the trades of the
     * commands the journal has made durable go to the file. During recovery it writes the missing ones.
     * (A consumer thread of the engine's events did this before: on two cores its wake-ups and the hand-off
     * cost more than formatting the trades where they happen.)
     */
    private static final class TradesConsumer implements EngineEventHandler {
        /** Trades held for commands not yet durable, beyond which the replay waits for the journal. */
        private static final int MAX_HELD = 8 << 20;
        private final Path file;
        private TradeCsvWriter writer;
        private DurablePrefixOutput held;
        private volatile Exception failure;

        TradesConsumer(Path file, long written) throws IOException {
            this.file = file;
            reopen(written);
        }

        void reopen(long written) throws IOException {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), 1 << 16);
            held = new DurablePrefixOutput(out);
            writer = new TradeCsvWriter(held, written);
        }

        /** The engine's synchronous listener: live trades, formatted into memory. */
        OrderBookListener live() {
            return new OrderBookListener() {
                @Override
                public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId,
                                    long makerOwnerId, Side takerSide, long price, long quantity, long takerRemaining,
                                    long makerRemaining) {
                    try {
                        writer.write(symbol, takerOrderId, makerOrderId, price, quantity);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);   // cannot happen: the bytes go to memory
                    }
                }
            };
        }

        /** The trades formatted so far belong to commands up to {@code seq}. */
        void mark(long seq) throws IOException {
            writer.flush();
            held.mark(seq);
        }

        /**
         * Marks the trades so far as {@code seq}'s and writes those of durable commands; waits for the journal
         * when too much is held.
         */
        void release(long seq, DurableEngine engine) throws IOException {
            mark(seq);
            if (held.held() > MAX_HELD && !engine.awaitDurable(seq, java.time.Duration.ofMinutes(1))) {
                throw new IOException("the journal has not made command " + seq + " durable within a minute");
            }
            held.release(engine.durableSequence());
        }

        long count() {
            return writer.count();
        }

        @Override
        public void onEvent(EngineEvent e, boolean endOfBatch) throws IOException {
            if (e.kind() != EngineEvent.Kind.TRADE || e.tradeSequence() <= writer.count() || failure != null) {
                return;   // during recovery: trades the file already has
            }
            if (e.tradeSequence() != writer.count() + 1) {
                failure = new IllegalStateException("trade " + e.tradeSequence() + " arrived after trade " + writer.count());
                return;
            }
            try {
                writer.write(e.symbol(), e.orderId(), e.makerOrderId(), e.price(), e.quantity());
            } catch (IOException ex) {
                failure = ex;
                throw ex;
            }
        }

        void close() throws IOException {
            writer.close();
        }

        void check(long expected) throws IOException {
            if (failure != null) {
                throw new IOException("writing " + file + " failed: " + failure.getMessage(), failure);
            }
            if (writer.count() != expected) {
                throw new IOException(file + " holds " + writer.count() + " trades but the engine made " + expected);
            }
        }
    }
}
