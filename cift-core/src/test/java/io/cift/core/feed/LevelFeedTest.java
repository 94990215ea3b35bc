package io.cift.core.feed;

import io.cift.core.journal.Commands;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.PriceLevel;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.feed.LevelFeed.LevelMessage;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The level feed derived from the order feed: the levels and top of book rebuilt from it equal the
 * engine's after every command; lost and repeated level messages are found and healed by the next level
 * snapshot.
 */
class LevelFeedTest {

    /** An engine whose order feed feeds a level feed, which feeds a strict level book. */
    private static final class Rig {
        final List<LevelMessage> levels = new ArrayList<>();
        final LevelBook levelBook = new LevelBook(true);
        final LevelFeed levelFeed = new LevelFeed(m -> {
            levels.add(m);
            levelBook.accept(m);
        });
        final OrderFeed feed;
        final MatchingEngine engine;

        Rig(long snapshotEvery) {
            feed = new OrderFeed(levelFeed, snapshotEvery);
            engine = MatchingEngine.create(MatchingEngineConfig.builder().selfTradePrevention(SelfTradePrevention.CANCEL_INCOMING)
                    .listener(feed).build());
        }
    }

    private static List<PriceLevel> engineDepth(MatchingEngine e, String symbol, Side side) {
        return e.book(symbol).map(b -> b.depth(side, Integer.MAX_VALUE)).orElse(List.of());
    }

    @Test
    void levelsAndTopOfBookEqualTheEnginesAfterEveryCommand() {
        Rig rig = new Rig(7_000);
        List<Commands.Command> flow = FeedFlows.random(41, 50_000);
        for (int i = 0; i < flow.size(); i++) {
            Commands.Command c = flow.get(i);
            c.applyTo(rig.engine);
            rig.feed.endCommand();
            for (Side side : Side.values()) {
                assertThat(rig.levelBook.depth(c.symbol(), side, Integer.MAX_VALUE)).as("%s %s after command %d", c.symbol(), side, i + 1)
                        .isEqualTo(engineDepth(rig.engine, c.symbol(), side));
            }
            var book = rig.engine.book(c.symbol()).orElseThrow();
            var maybeTop = rig.levelBook.top(c.symbol());
            if (maybeTop.isEmpty()) {   // nothing has rested on this symbol yet
                assertThat(book.orderCount()).as("no top of book yet after command %d", i + 1).isZero();
                continue;
            }
            LevelMessage.TopOfBook top = maybeTop.get();
            long bid = book.bestBid();
            long ask = book.bestAsk();
            assertThat(top.bidPrice()).as("best bid after command %d", i + 1).isEqualTo(book.bestQuantity(Side.BUY) == 0 ? 0 : bid);
            assertThat(top.bidQuantity()).isEqualTo(book.bestQuantity(Side.BUY));
            assertThat(top.askPrice()).isEqualTo(book.bestQuantity(Side.SELL) == 0 ? 0 : ask);
            assertThat(top.askQuantity()).isEqualTo(book.bestQuantity(Side.SELL));
        }
        assertThat(rig.levels).extracting(LevelMessage::seq).as("numbered from 1 without gaps")
                .containsExactlyElementsOf(() -> java.util.stream.LongStream.rangeClosed(1, rig.levels.size()).boxed().iterator());
        assertThat(rig.levels).hasAtLeastOneElementOfType(LevelMessage.SnapshotStart.class)
                .hasAtLeastOneElementOfType(LevelMessage.TopOfBook.class);
    }

    @Test
    void lostAndRepeatedLevelMessagesAreHealedByTheNextLevelSnapshot() {
        Rig rig = new Rig(2_500);
        FeedFlows.random(43, 20_000).forEach(c -> {
            c.applyTo(rig.engine);
            rig.feed.endCommand();
        });
        rig.feed.snapshot();
        int last = 0;
        for (int i = 0; i < rig.levels.size(); i++) {
            if (rig.levels.get(i) instanceof LevelMessage.SnapshotStart) {
                last = i;
            }
        }
        SplittableRandom rnd = new SplittableRandom(5);
        List<long[]> gaps = new ArrayList<>();
        LevelBook lenient = new LevelBook(false).onGap((first, lastMissing, reason) -> gaps.add(new long[] {first, lastMissing}));
        for (int i = 0; i < rig.levels.size(); i++) {
            int r = i < last ? rnd.nextInt(1_000) : 500;
            if (r == 0) {
                continue;                                   // lost
            }
            lenient.accept(rig.levels.get(i));
            if (r == 1) {
                lenient.accept(rig.levels.get(i));          // repeated
            }
        }
        assertThat(gaps).isNotEmpty();
        assertThat(lenient.duplicates()).isPositive();
        assertThat(lenient.inSync()).isTrue();
        for (String symbol : FeedFlows.SYMBOLS) {
            for (Side side : Side.values()) {
                assertThat(lenient.depth(symbol, side, Integer.MAX_VALUE)).isEqualTo(engineDepth(rig.engine, symbol, side));
            }
            assertThat(lenient.top(symbol)).as("the snapshot's tops").isPresent();
        }
    }

    @Test
    void aLevelOrTopOfOneSymbolTooManyIsAGapAndSoIsASnapshotHoldingIt() {
        List<String> reasons = new ArrayList<>();
        LevelBook lenient = new LevelBook(false).maxSymbols(2).onGap((first, last, reason) -> reasons.add(reason));
        lenient.accept(new LevelMessage.LevelUpdate(1, "A", Side.BUY, 100, 10, 1));
        lenient.accept(new LevelMessage.LevelUpdate(2, "B", Side.SELL, 101, 10, 1));
        lenient.accept(new LevelMessage.LevelUpdate(3, "A", Side.BUY, 99, 5, 1));
        lenient.accept(new LevelMessage.TopOfBook(4, "A", 100, 10, 0, 0));
        lenient.accept(new LevelMessage.TopOfBook(5, "B", 0, 0, 101, 10));
        assertThat(reasons).isEmpty();
        lenient.accept(new LevelMessage.LevelUpdate(6, "C", Side.BUY, 100, 10, 1));
        assertThat(reasons).singleElement().asString()
                .isEqualTo("symbol C at 6 would be one more than the 2 symbols this level book takes");
        assertThat(lenient.inSync()).isFalse();
        assertThat(lenient.depth("C", Side.BUY, 10)).isEmpty();
        // a level snapshot naming three symbols cannot heal it either
        lenient.accept(new LevelMessage.SnapshotStart(7, 3));
        lenient.accept(new LevelMessage.LevelUpdate(8, "A", Side.BUY, 100, 10, 1));
        lenient.accept(new LevelMessage.LevelUpdate(9, "B", Side.SELL, 101, 10, 1));
        lenient.accept(new LevelMessage.LevelUpdate(10, "C", Side.BUY, 100, 10, 1));
        lenient.accept(new LevelMessage.SnapshotEnd(11));
        assertThat(lenient.inSync()).isFalse();
        assertThat(reasons).hasSize(2);
        // one of two symbols heals it; removing a level of a symbol never seen takes no room
        lenient.accept(new LevelMessage.SnapshotStart(12, 2));
        lenient.accept(new LevelMessage.LevelUpdate(13, "A", Side.BUY, 100, 10, 1));
        lenient.accept(new LevelMessage.LevelUpdate(14, "C", Side.BUY, 98, 3, 1));
        lenient.accept(new LevelMessage.SnapshotEnd(15));
        lenient.accept(new LevelMessage.LevelUpdate(16, "Z", Side.BUY, 98, 0, 0));
        assertThat(lenient.inSync()).isTrue();
        assertThat(reasons).hasSize(2);
        assertThat(lenient.depth("C", Side.BUY, 10)).containsExactly(new PriceLevel(Side.BUY, 98, 3, 1));
        // a top of book of a third symbol is refused as well
        lenient.accept(new LevelMessage.TopOfBook(17, "A", 100, 10, 0, 0));
        lenient.accept(new LevelMessage.TopOfBook(18, "C", 98, 3, 0, 0));
        lenient.accept(new LevelMessage.TopOfBook(19, "C", 98, 2, 0, 0));
        assertThat(reasons).hasSize(2);
        lenient.accept(new LevelMessage.TopOfBook(20, "Q", 1, 1, 2, 1));
        assertThat(lenient.top("Q")).isEmpty();
        assertThat(reasons).hasSize(3).last().asString().contains("symbol Q at 20");

        LevelBook strict = new LevelBook(true).maxSymbols(1);
        strict.accept(new LevelMessage.LevelUpdate(1, "A", Side.BUY, 100, 10, 1));
        assertThatThrownBy(
                        () -> strict.accept(new LevelMessage.LevelUpdate(2, "B", Side.BUY, 100, 10, 1)))
                .isInstanceOf(FeedGapException.class).hasMessageContaining("one more than the 1 symbols");
        assertThatThrownBy(() -> strict.maxSymbols(5))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxSymbols must be set before the first message");
        assertThatThrownBy(() -> new LevelBook(true).maxSymbols(0))
                .hasMessage("maxSymbols must be at least 1, got 0");
    }
}
