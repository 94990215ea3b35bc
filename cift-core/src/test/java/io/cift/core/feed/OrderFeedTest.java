package io.cift.core.feed;

import io.cift.core.journal.Commands;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order feed against the engine it describes: a book rebuilt from the feed equals the engine's book
 * after every command of long random flows (deep books, amends, self-trade prevention, market, IOC and FOK
 * orders); lost, repeated and reordered messages are detected and healed by the next snapshot.
 */
class OrderFeedTest {

    @TempDir
    Path tmp;

    /** A plain engine with the feed as its listener, the builder fed directly. */
    private static final class Rig {
        final BookBuilder builder = new BookBuilder(true);
        final List<FeedMessage> messages = new ArrayList<>();
        final OrderFeed feed;
        final MatchingEngine engine;

        Rig(SelfTradePrevention stp, long snapshotEvery) {
            feed = new OrderFeed(m -> {
                messages.add(m);
                builder.accept(m);
            }, snapshotEvery);
            engine = MatchingEngine.create(MatchingEngineConfig.builder().selfTradePrevention(stp).listener(feed).build());
        }

        void run(Commands.Command c) {
            c.applyTo(engine);
            feed.endCommand();
        }
    }

    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void theRebuiltBookEqualsTheEnginesAfterEveryCommand(SelfTradePrevention stp) {
        Rig rig = new Rig(stp, 10_000);
        List<Commands.Command> flow = FeedFlows.random(stp.ordinal() + 11, 60_000);
        for (int i = 0; i < flow.size(); i++) {
            Commands.Command c = flow.get(i);
            rig.run(c);
            assertThat(rig.builder.orders(c.symbol())).as("%s after command %d (%s)", c.symbol(), i + 1, c)
                    .isEqualTo(FeedFlows.engineOrders(rig.engine, c.symbol()));
        }
        assertThat(rig.engine.listenerFailures()).isZero();
        assertThat(rig.builder.orders()).isEqualTo(FeedFlows.engineOrders(rig.engine));
        assertThat(rig.builder.orders().size()).as("a deep book").isGreaterThan(1_000);
        assertThat(rig.builder.depth("AAPL", io.cift.core.model.Side.BUY, Integer.MAX_VALUE)).as("many levels").hasSizeGreaterThan(100);
        assertThat(rig.messages).extracting(FeedMessage::seq).as("numbered from 1 without gaps")
                .containsExactlyElementsOf(() -> java.util.stream.LongStream.rangeClosed(1, rig.messages.size()).boxed().iterator());
        assertThat(rig.messages).hasAtLeastOneElementOfType(FeedMessage.OrderReplaced.class)
                .hasAtLeastOneElementOfType(FeedMessage.OrderDeleted.class)
                .hasAtLeastOneElementOfType(FeedMessage.OrderExecuted.class)
                .hasAtLeastOneElementOfType(FeedMessage.SnapshotStart.class);
    }

    @Test
    void aLongFlowStaysEqualAndEveryMessageSurvivesItsCsvLine() throws Exception {
        Rig rig = new Rig(SelfTradePrevention.CANCEL_RESTING, 25_000);
        List<Commands.Command> flow = FeedFlows.random(99, 300_000);
        for (int i = 0; i < flow.size(); i++) {
            Commands.Command c = flow.get(i);
            rig.run(c);
            // every command: the symbol's price levels (totals and order counts); every 100th: its orders one by one
            for (io.cift.core.model.Side side : io.cift.core.model.Side.values()) {
                assertThat(rig.builder.depth(c.symbol(), side, Integer.MAX_VALUE)).as("%s %s after command %d", c.symbol(), side, i + 1)
                        .isEqualTo(rig.engine.book(c.symbol()).map(b -> b.depth(side, Integer.MAX_VALUE)).orElse(List.of()));
            }
            if (i % 100 == 99) {
                assertThat(rig.builder.orders(c.symbol())).as("%s after command %d", c.symbol(), i + 1)
                        .isEqualTo(FeedFlows.engineOrders(rig.engine, c.symbol()));
            }
        }
        assertThat(rig.builder.orders()).isEqualTo(FeedFlows.engineOrders(rig.engine));
        StringWriter csv = new StringWriter();
        var writer = FeedCsv.writer(csv);
        rig.messages.forEach(writer);
        List<FeedMessage> back = new ArrayList<>();
        assertThat(FeedCsv.read(new BufferedReader(new StringReader(csv.toString())), back::add)).isEqualTo(rig.messages.size());
        assertThat(back).isEqualTo(rig.messages);
    }

    @Test
    void aDurableEnginesConsumerMakesTheSameFeedOffTheMatchingThread() throws Exception {
        List<Commands.Command> flow = FeedFlows.random(5, 40_000);
        Rig reference = new Rig(SelfTradePrevention.NONE, 5_000);
        flow.forEach(reference::run);
        List<FeedMessage> got = new ArrayList<>();
        OrderFeed feed = new OrderFeed(got::add, 5_000);
        Thread[] thread = new Thread[1];
        DurableEngineConfig config = DurableEngineConfig.builder(tmp.resolve("j")).fsync(FsyncPolicy.NONE)
                .consumer("feed", EnumSet.allOf(EngineEvent.Kind.class), (e, end) -> {
                    thread[0] = Thread.currentThread();
                    feed.handler().onEvent(e, end);
                }).build();
        try (DurableEngine e = DurableEngine.open(config)) {
            flow.forEach(c -> c.applyTo(e));
        }
        assertThat(thread[0]).isNotSameAs(Thread.currentThread());
        assertThat(got).isEqualTo(reference.messages);
    }

    @Test
    void lostRepeatedAndReorderedMessagesAreFoundAndHealedByTheNextSnapshot() {
        Rig rig = new Rig(SelfTradePrevention.NONE, 2_000);
        FeedFlows.random(7, 30_000).forEach(rig::run);
        rig.feed.snapshot();
        List<FeedMessage> all = rig.messages;
        SplittableRandom rnd = new SplittableRandom(3);
        List<FeedMessage> damaged = new ArrayList<>();
        int lost = 0;
        int lastSnapshot = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof FeedMessage.SnapshotStart) {
                lastSnapshot = i;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            int r = i < lastSnapshot - 1 ? rnd.nextInt(2_000) : 1_000;   // the last snapshot arrives whole
            if (r == 0) {
                lost++;                                  // lost
            } else if (r == 1) {
                damaged.add(all.get(i));                 // repeated
                damaged.add(all.get(i));
            } else if (r == 2 && i + 1 < all.size()) {
                damaged.add(all.get(i + 1));             // two swapped
                damaged.add(all.get(i));
                i++;
            } else {
                damaged.add(all.get(i));
            }
        }
        List<long[]> gaps = new ArrayList<>();
        BookBuilder lenient = new BookBuilder(false).onGap((first, last, reason) -> gaps.add(new long[] {first, last}));
        damaged.forEach(lenient::accept);
        assertThat(lost).isPositive();
        assertThat(gaps.size()).as("every loss and every swap is a gap").isGreaterThanOrEqualTo(lost);
        assertThat(lenient.duplicates()).isPositive();
        assertThat(lenient.inSync()).as("healed by the last snapshot").isTrue();
        assertThat(lenient.orders()).isEqualTo(FeedFlows.engineOrders(rig.engine));

        BookBuilder strict = new BookBuilder(true);
        FeedMessage missing = all.get(100);
        assertThatThrownBy(() -> all.stream().filter(m -> m != missing).forEach(strict::accept))
                .isInstanceOf(FeedGapException.class).hasMessageContaining("messages 101 missing");
    }

    @Test
    void aLateJoinerIsWholeFromItsFirstSnapshot() {
        Rig rig = new Rig(SelfTradePrevention.NONE, 1_000);
        FeedFlows.random(8, 5_500).forEach(rig::run);
        List<long[]> gaps = new ArrayList<>();
        BookBuilder late = new BookBuilder(false).onGap((first, last, reason) -> gaps.add(new long[] {first, last}));
        rig.messages.subList(rig.messages.size() / 2, rig.messages.size()).forEach(late::accept);
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0)[0]).isEqualTo(1);
        assertThat(late.snapshotApplied()).isTrue();
        assertThat(late.inSync()).isTrue();
        assertThat(late.orders()).isEqualTo(FeedFlows.engineOrders(rig.engine));
    }

    @Test
    void messagesNoRestingOrderCanTakeAreContradictionsThatLeaveTheBookAsItWas() {
        List<FeedMessage> ok = List.of(new FeedMessage.OrderAdded(1, "S", 1, io.cift.core.model.Side.BUY, 100, 10, 1));
        List<FeedMessage> bad = List.of(
                new FeedMessage.OrderAdded(2, "S", 2, io.cift.core.model.Side.BUY, 100, 0, 2),
                new FeedMessage.OrderAdded(2, "S", 3, io.cift.core.model.Side.SELL, -5, 1, 1),
                new FeedMessage.OrderReplaced(2, "S", 1, 100, 0, true),
                new FeedMessage.OrderExecuted(2, "S", 1, 11, 100, 1));   // each the message after the first
        for (FeedMessage m : bad) {
            List<String> reasons = new ArrayList<>();
            BookBuilder lenient = new BookBuilder(false).onGap((first, last, reason) -> reasons.add(reason));
            ok.forEach(lenient::accept);
            lenient.accept(m);
            assertThat(reasons).as("%s", m).singleElement().asString().contains("does not fit the book");
            assertThat(lenient.orders()).as("%s", m)
                    .containsExactly(new L3Order("S", io.cift.core.model.Side.BUY, 100, 1, 10));

            BookBuilder strict = new BookBuilder(true);
            ok.forEach(strict::accept);
            assertThatThrownBy(() -> strict.accept(m)).as("%s", m).isInstanceOf(FeedGapException.class);
        }
    }

    @Test
    void requestsInALoopGetOneSnapshotPerIntervalAndNoneIsLost() {
        List<FeedMessage> limited = new ArrayList<>();
        OrderFeed feed = new OrderFeed(limited::add, 0).minRequestInterval(java.time.Duration.ofHours(1));
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(feed).build());
        for (int i = 1; i <= 50; i++) {
            engine.submit("S", i, 1, io.cift.core.model.Side.BUY, io.cift.core.model.OrderType.LIMIT,
                    io.cift.core.model.TimeInForce.GTC, 100 + i, 1, false);
            feed.requestSnapshot();   // a consumer asking at every command
            feed.endCommand();
        }
        assertThat(limited).filteredOn(m -> m instanceof FeedMessage.SnapshotStart).as("the first request only").hasSize(1);
        feed.snapshot();   // periodic or on demand: not limited, and it answers the waiting request
        feed.endCommand();
        assertThat(limited).filteredOn(m -> m instanceof FeedMessage.SnapshotStart).hasSize(2);

        List<FeedMessage> unlimited = new ArrayList<>();
        OrderFeed every = new OrderFeed(unlimited::add, 0).minRequestInterval(java.time.Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            every.requestSnapshot();
            every.endCommand();
        }
        assertThat(unlimited).filteredOn(m -> m instanceof FeedMessage.SnapshotStart).hasSize(5);
        assertThatThrownBy(() -> every.minRequestInterval(java.time.Duration.ofMillis(-1)))
                .hasMessage("minRequestInterval must not be negative, got PT-0.001S");
    }

    @Test
    void anOrderOfOneSymbolTooManyIsAGapAndSoIsASnapshotHoldingIt() {
        io.cift.core.model.Side buy = io.cift.core.model.Side.BUY;
        List<String> reasons = new ArrayList<>();
        BookBuilder lenient = new BookBuilder(false).maxSymbols(2).onGap((first, last, reason) -> reasons.add(reason));
        lenient.accept(new FeedMessage.OrderAdded(1, "A", 1, buy, 100, 10, 1));
        lenient.accept(new FeedMessage.OrderAdded(2, "B", 2, buy, 100, 10, 1));
        lenient.accept(new FeedMessage.OrderAdded(3, "C", 3, buy, 100, 10, 1));
        assertThat(reasons).singleElement().asString().contains("symbol C would be one more than the 2 symbols");
        assertThat(lenient.inSync()).isFalse();
        assertThat(lenient.symbols()).containsExactly("A", "B");
        // a snapshot naming three symbols cannot heal it either
        lenient.accept(new FeedMessage.SnapshotStart(4, 3));
        lenient.accept(new FeedMessage.SnapshotOrder(5, "A", 1, buy, 100, 10));
        lenient.accept(new FeedMessage.SnapshotOrder(6, "B", 2, buy, 100, 10));
        lenient.accept(new FeedMessage.SnapshotOrder(7, "C", 3, buy, 100, 10));
        lenient.accept(new FeedMessage.SnapshotEnd(8));
        assertThat(lenient.inSync()).isFalse();
        assertThat(reasons).hasSize(2);

        BookBuilder strict = new BookBuilder(true).maxSymbols(1);
        strict.accept(new FeedMessage.OrderAdded(1, "A", 1, buy, 100, 10, 1));
        assertThatThrownBy(() -> strict.accept(new FeedMessage.OrderAdded(2, "B", 2, buy, 100, 10, 1)))
                .isInstanceOf(FeedGapException.class).hasMessageContaining("one more than the 1 symbols");
        assertThatThrownBy(() -> strict.maxSymbols(5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxSymbols must be set before the first message");
        assertThatThrownBy(() -> new BookBuilder(true).maxSymbols(0)).hasMessage("maxSymbols must be at least 1, got 0");
        assertThat(new BookBuilder(false).maxSymbols(Integer.MAX_VALUE).inSync()).isTrue();
    }

    @Test
    void everyMessageTypeIsWrittenInItsDocumentedColumns() {
        io.cift.core.model.Side buy = io.cift.core.model.Side.BUY;
        io.cift.core.model.Side sell = io.cift.core.model.Side.SELL;
        StringWriter out = new StringWriter();
        var sink = FeedCsv.writer(out);
        List.of(new FeedMessage.OrderAdded(1, "AAPL", 11, buy, 100, 5, 2),
                new FeedMessage.OrderExecuted(2, "AAPL", 11, 3, 100, 77),
                new FeedMessage.OrderReduced(3, "A,B", 12, 4),
                new FeedMessage.OrderReplaced(4, "A,B", 12, 101, 6, false),
                new FeedMessage.OrderReplaced(5, "AAPL", 11, 100, 1, true),
                new FeedMessage.OrderDeleted(6, "say \"hi\"", -13),
                new FeedMessage.SnapshotStart(7, 1),
                new FeedMessage.SnapshotOrder(8, "AAPL", 11, sell, Long.MAX_VALUE, 1),
                new FeedMessage.SnapshotEnd(9)).forEach(sink);
        assertThat(out.toString()).isEqualTo("""
                seq,type,symbol,order_id,side,price,quantity,position,trade_id,priority_kept
                1,ADD,AAPL,11,BUY,100,5,2,,
                2,EXECUTE,AAPL,11,,100,3,,77,
                3,REDUCE,"A,B",12,,,4,,,
                4,REPLACE,"A,B",12,,101,6,,,false
                5,REPLACE,AAPL,11,,100,1,,,true
                6,DELETE,"say ""hi\""",-13,,,,,,
                7,SNAPSHOT_START,,,,,1,,,
                8,SNAPSHOT_ORDER,AAPL,11,SELL,9223372036854775807,1,,,
                9,SNAPSHOT_END,,,,,,,,
                """);
        assertThat(FeedCsv.line(new FeedMessage.OrderReduced(3, "A,B", 12, 4))).isEqualTo("3,REDUCE,\"A,B\",12,,,4,,,");
    }

    @Test
    void malformedCsvIsRefusedNamingTheLineAndField() {
        assertThatThrownBy(() -> FeedCsv.parse("7,ADD,AAPL,1,BUY,abc,5,1,,", 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed line 9: price must be a whole number, got 'abc'");
        assertThatThrownBy(() -> FeedCsv.parse("7,ADD,AAPL,1,UP,10,5,1,,", 3)).hasMessageContaining("side must be BUY or SELL");
        assertThatThrownBy(() -> FeedCsv.parse("0,SNAPSHOT_END,,,,,,,,", 4)).hasMessageContaining("seq must be at least 1");
        assertThatThrownBy(() -> FeedCsv.parse("7,FOO,,,,,,,,", 5)).hasMessageContaining("unknown type 'FOO'");
        assertThatThrownBy(() -> FeedCsv.parse("7,ADD,AAPL,1,BUY,10,5,2147483648,,", 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed line 6: position must be at most 2147483647, got 2147483648");
        assertThatThrownBy(() -> FeedCsv.read(new BufferedReader(new StringReader("seq,type\n")), m -> { }))
                .hasMessageContaining("feed line 1: the header must be");
        assertThatThrownBy(() -> FeedCsv.read(new BufferedReader(new StringReader("")), m -> { }))
                .hasMessage("feed line 1: the file is empty, expected the header '" + FeedCsv.HEADER + "'");
    }
}
