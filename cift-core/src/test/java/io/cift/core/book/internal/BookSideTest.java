package io.cift.core.book.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A side's levels in blocks against a sorted set: random prices added and removed anywhere over a wide range
 * (so blocks fill, split, empty and merge), with every level found, the best one and the walk from it checked
 * after each change.
 */
class BookSideTest {

    @Test
    void bidsAndAsksKeepTheirLevelsInPriceOrderThroughSplitsAndMerges() {
        for (boolean bid : new boolean[] {true, false}) {
            BookSide side = new BookSide(bid);
            // best first: the highest bid, the lowest ask
            NavigableSet<Long> expected = bid ? new TreeSet<Long>().descendingSet() : new TreeSet<>();
            SplittableRandom rnd = new SplittableRandom(bid ? 7 : 11);
            for (int step = 0; step < 30_000; step++) {
                // grow to a few thousand levels, shrink to almost none, then grow again
                boolean growing = step % 12_000 < 7_000;
                long price = 1 + rnd.nextInt(20_000) + (rnd.nextInt(50) == 0 ? 1L << 40 : 0);
                if (growing ? rnd.nextInt(10) < 8 : rnd.nextInt(10) < 2) {
                    Level l = side.findOrCreate(price);
                    assertThat(l.price).isEqualTo(price);
                    expected.add(price);
                } else if (!expected.isEmpty()) {
                    List<Long> live = new ArrayList<>(expected);
                    long gone = rnd.nextInt(4) == 0 ? live.get(0) : live.get(rnd.nextInt(live.size()));
                    side.remove(side.find(gone));
                    expected.remove(gone);
                    assertThat(side.find(gone)).as("removed %d", gone).isNull();
                }
                if (step % 97 == 0 || expected.size() < 3) {
                    check(side, expected);
                }
            }
            check(side, expected);
        }
    }

    @Test
    void aSideEmptiedAndFilledAgainReusesItsBlocksAndLevels() {
        BookSide side = new BookSide(true);
        for (int round = 0; round < 3; round++) {
            for (long p = 1; p <= 1_000; p++) {
                side.findOrCreate(p * 3);
            }
            assertThat(side.size()).isEqualTo(1_000);
            assertThat(side.best().price).isEqualTo(3_000);
            assertThat(side.fromBest(999).price).isEqualTo(3);
            for (long p = 1; p <= 1_000; p++) {
                side.remove(side.find(p * 3));
            }
            assertThat(side.size()).isZero();
            assertThat(side.best()).isNull();
            assertThat(side.checkLevels()).isNull();
        }
    }

    @Test
    void theContiguousPricesOfADeepBookKeepTheirOwnCacheSlots() {
        BookSide side = new BookSide(false);
        long first = 1_000_000 - 6_000;
        for (long p = first; p < first + 12_000; p++) {
            side.findOrCreate(p);
        }
        for (long p = first; p < first + 12_000; p++) {
            assertThat(side.cached(p)).as("level %d cached", p).isNotNull();
        }
        assertThat(side.checkLevels()).isNull();
        side.remove(side.find(first + 5));
        assertThat(side.cached(first + 5)).isNull();
        assertThat(side.find(first + 5)).isNull();
        assertThat(side.checkLevels()).isNull();
    }

    private static void check(BookSide side, NavigableSet<Long> expected) {
        assertThat(side.checkLevels()).isNull();
        assertThat(side.size()).isEqualTo(expected.size());
        if (expected.isEmpty()) {
            assertThat(side.best()).isNull();
            return;
        }
        assertThat(side.best().price).isEqualTo(expected.first());
        int i = 0;
        for (long p : expected) {                      // the walk from the best, in order
            assertThat(side.fromBest(i).price).as("level %d from the best", i).isEqualTo(p);
            assertThat(side.find(p).price).isEqualTo(p);
            i++;
        }
        List<Long> all = new ArrayList<>(expected);
        for (int k = all.size() - 1; k >= 0; k -= Math.max(1, all.size() / 7)) {   // out of order
            assertThat(side.fromBest(k).price).isEqualTo(all.get(k));
        }
        assertThat(side.crossedBy(expected.first())).isTrue();
    }
}
