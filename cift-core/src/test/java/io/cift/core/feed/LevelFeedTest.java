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
}
