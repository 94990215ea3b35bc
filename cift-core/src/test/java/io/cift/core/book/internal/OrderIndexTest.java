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
        List<Order> table = new ArrayList<>();
        OrderIndex index = new OrderIndex(16, table::get);
        Map<Long, Order> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            int roll = r.nextInt(10);
            if (roll < 5 || live.isEmpty()) {
                long id = ids.getAsLong();
                Order o = new Order(table.size());
                table.add(o);
                o.id = id;
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
                assertThat(index.remove(id)).isSameAs(model.remove(id));
                assertThat(index.remove(id)).isNull();
            } else {
                long id = r.nextBoolean() && !live.isEmpty() ? live.get(r.nextInt(live.size())) : r.nextLong();
                assertThat(index.get(id)).isSameAs(model.get(id));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, Order> e : model.entrySet()) {
            assertThat(index.get(e.getKey())).isSameAs(e.getValue());
        }
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.get(live.isEmpty() ? 1 : live.get(0))).isNull();
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
        List<Order> table = new ArrayList<>();
        OrderIndex index = new OrderIndex(16, table::get);
        for (long k = 0; k < 10_000; k++) {
            Order o = new Order(table.size());
            table.add(o);
            index.put(k << 32 | k, o);              // every id folds to home slot 0
        }
        assertThat(index.scrambled()).isTrue();
        assertThat(index.size()).isEqualTo(10_000);
        assertThat(index.get(9_999L << 32 | 9_999L)).isNotNull();
    }
}
