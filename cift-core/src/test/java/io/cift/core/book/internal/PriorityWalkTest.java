package io.cift.core.book.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk over every resting order (state hash, snapshots) gives the orders in priority order whatever the
 * book's shape: more levels than a batch follows side by side, levels longer than a batch, levels of one
 * order, both sides. The expected order comes from a model of the book kept by the test (price levels in a
 * sorted map, each a FIFO by arrival), and the expected hash is folded from it independently.
 */
class PriorityWalkTest {

    /** What the test knows of one resting order. */
    private record Resting(long id, long owner, boolean buy, long price, long open) {
    }

    /** Price levels of one side, best first, each in arrival order. */
    private static final class Model {
        final TreeMap<Long, LinkedHashMap<Long, Resting>> bids = new TreeMap<>(java.util.Comparator.reverseOrder());
        final TreeMap<Long, LinkedHashMap<Long, Resting>> asks = new TreeMap<>();

        void add(Resting r) {
            (r.buy ? bids : asks).computeIfAbsent(r.price, p -> new LinkedHashMap<>()).put(r.id, r);
        }

        void remove(Resting r) {
            TreeMap<Long, LinkedHashMap<Long, Resting>> side = r.buy ? bids : asks;
            LinkedHashMap<Long, Resting> level = side.get(r.price);
            level.remove(r.id);
            if (level.isEmpty()) {
                side.remove(r.price);
            }
        }

        List<Resting> inPriority() {
            List<Resting> all = new ArrayList<>();
            bids.values().forEach(l -> all.addAll(l.values()));
            asks.values().forEach(l -> all.addAll(l.values()));
            return all;
        }

        long hash(String symbol) {
            long h = StateHash.add(StateHash.start(), symbol);
            for (LinkedHashMap<Long, Resting> level : bids.values()) {
                for (Resting r : level.values()) {
                    h = fold(h, r);
                }
            }
            h = StateHash.add(h, -1L);
            for (LinkedHashMap<Long, Resting> level : asks.values()) {
                for (Resting r : level.values()) {
                    h = fold(h, r);
                }
            }
            return h;
        }

        private static long fold(long h, Resting r) {
            h = StateHash.add(h, r.id);
            h = StateHash.add(h, r.owner);
            h = StateHash.add(h, r.price);
            h = StateHash.add(h, r.open);
            h = StateHash.add(h, 0);   // nothing filled
            return StateHash.add(h, 0);   // not post-only
        }
    }

    @Test
    void ordersComeInPriorityOrderAcrossBatchesLongLevelsAndSparseLevels() {
        ArrayOrderBook book = new ArrayOrderBook("W", MatchingEngineConfig.builder().initialOrderCapacity(64).build());
        Model model = new Model();
        Map<Long, Resting> live = new LinkedHashMap<>();
        Random rnd = new Random(7);
        long id = 0;
        // one bid level longer than a batch, and another just as long on the ask side further from the touch
        for (int i = 0; i < PriorityWalk.CAPACITY * 2 + 17; i++) {
            id = rest(book, model, live, ++id, true, 1_000, rnd);
            id = rest(book, model, live, ++id, false, 5_000, rnd);
        }
        // many levels of a few orders each (far more than a batch follows side by side), bids below, asks above
        for (int i = 0; i < 20_000; i++) {
            boolean buy = rnd.nextBoolean();
            long price = buy ? 1 + rnd.nextInt(2_000) : 2_001 + rnd.nextInt(6_000);
            if (price == 1_000 || price == 5_000) {
                continue;
            }
            id = rest(book, model, live, ++id, buy, price, rnd);
        }
        // cancels anywhere, so that queues are not in handle order and some levels empty
        List<Long> ids = new ArrayList<>(live.keySet());
        for (int i = 0; i < 8_000; i++) {
            long victim = ids.get(rnd.nextInt(ids.size()));
            Resting r = live.remove(victim);
            if (r != null) {
                assertThat(book.cancel(victim)).isEqualTo(ResultCode.ACCEPTED);
                model.remove(r);
            }
        }
        // reused handles: new orders behind older ones in the long levels
        for (int i = 0; i < 3_000; i++) {
            id = rest(book, model, live, ++id, i % 2 == 0, i % 2 == 0 ? 1_000 : 5_000, rnd);
        }
        book.validate();

        List<Resting> seen = new ArrayList<>();
        long returned = book.forEachOrder((orderId, ownerId, buy, price, open, filled, postOnly) ->
                seen.add(new Resting(orderId, ownerId, buy, price, open)));

        assertThat(seen).containsExactlyElementsOf(model.inPriority());
        assertThat(book.stateHash()).isEqualTo(model.hash("W")).isEqualTo(returned);

        // a visitor that walks the book again, half way through the outer walk, disturbs neither walk
        long[] inner = new long[1];
        int[] count = {0};
        long outer = book.forEachOrder((orderId, ownerId, buy, price, open, filled, postOnly) -> {
            if (++count[0] == seen.size() / 2) {
                inner[0] = book.stateHash();
            }
        });
        assertThat(inner[0]).isEqualTo(outer).isEqualTo(returned);
        assertThat(count[0]).isEqualTo(seen.size());

        // walking again allocates nothing: the walker is kept
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long h = 0;
        for (int i = 0; i < 5; i++) {
            h ^= book.stateHash();
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(h).isEqualTo(returned);   // five equal hashes folded by xor
        assertThat(allocated).as("bytes allocated by five walks").isLessThan(1024);
    }

    @Test
    void anEmptyBookAndOneSidedBooksWalk() {
        ArrayOrderBook book = new ArrayOrderBook("E", MatchingEngineConfig.builder().build());
        Model model = new Model();
        List<Resting> seen = new ArrayList<>();
        assertThat(book.forEachOrder((i, o, b, p, q, f, po) -> seen.add(null))).isEqualTo(model.hash("E"));
        assertThat(seen).isEmpty();

        Map<Long, Resting> live = new LinkedHashMap<>();
        rest(book, model, live, 1, false, 10, new Random(1));
        assertThat(book.stateHash()).isEqualTo(model.hash("E"));
        ArrayOrderBook bids = new ArrayOrderBook("E", MatchingEngineConfig.builder().build());
        Model bidModel = new Model();
        rest(bids, bidModel, new LinkedHashMap<>(), 1, true, 10, new Random(1));
        // the same order on the other side is another state
        assertThat(bids.stateHash()).isEqualTo(bidModel.hash("E")).isNotEqualTo(book.stateHash());
    }

    private static long rest(ArrayOrderBook book, Model model, Map<Long, Resting> live, long id, boolean buy, long price,
                             Random rnd) {
        long qty = 1 + rnd.nextInt(50);
        long owner = 1 + rnd.nextInt(5);
        assertThat(book.limit(id, owner, buy ? Side.BUY : Side.SELL, price, qty)).isEqualTo(ResultCode.ACCEPTED);
        Resting r = new Resting(id, owner, buy, price, qty);
        model.add(r);
        live.put(id, r);
        return id;
    }
}
