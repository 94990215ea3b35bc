package io.cift.core.book.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The order index against a plain map, for increasing, random, negative and hostile ids. */
class OrderIndexTest {

    private static void agreesWithAMap(LongSupplier ids, long seed, int ops) {
        SplittableRandom r = new SplittableRandom(seed);
        OrderIndex index = new OrderIndex(16);
        Map<Long, Integer> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        int handles = 0;
        for (int i = 0; i < ops; i++) {
            int roll = r.nextInt(10);
            if (roll < 5 || live.isEmpty()) {
                long id = ids.getAsLong();
                int o = handles++;
                assertThat(index.containsKey(id)).isEqualTo(model.containsKey(id));
                if (model.put(id, o) == null) {
                    live.add(id);
                }
                index.put(id, o);
            } else if (roll < 9) {
                int k = r.nextInt(live.size());
                long id = live.get(k);
                live.set(k, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                assertThat(index.remove(id)).isEqualTo(model.remove(id));
                assertThat(index.remove(id)).isEqualTo(OrderIndex.MISSING);
            } else {
                long id = r.nextBoolean() && !live.isEmpty() ? live.get(r.nextInt(live.size())) : r.nextLong();
                assertThat(index.get(id)).isEqualTo(model.getOrDefault(id, OrderIndex.MISSING));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertThat(index.get(e.getKey())).isEqualTo(e.getValue());
        }
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.get(live.isEmpty() ? 1 : live.get(0))).isEqualTo(OrderIndex.MISSING);
    }

    @Test
    void increasingIds() {
        long[] next = {1};
        agreesWithAMap(() -> next[0]++, 1, 200_000);
    }

    @Test
    void randomAndNegativeIds() {
        SplittableRandom r = new SplittableRandom(2);
        agreesWithAMap(() -> r.nextBoolean() ? r.nextLong() : -r.nextInt(1_000), 3, 100_000);
    }

    @Test
    void idsThatShareHomeSlotsSwitchToScrambling() {
        long[] next = {0};
        agreesWithAMap(() -> (next[0]++) << 24, 4, 50_000);
        OrderIndex index = new OrderIndex(16);
        for (long k = 0; k < 10_000; k++) {
            index.put(k << 32 | k, (int) k);        // every id folds to home slot 0
        }
        assertThat(index.scrambled()).isTrue();
        assertThat(index.size()).isEqualTo(10_000);
        assertThat(index.get(9_999L << 32 | 9_999L)).isEqualTo(9_999);
    }
}
