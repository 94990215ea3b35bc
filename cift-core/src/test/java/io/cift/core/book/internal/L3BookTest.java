package io.cift.core.book.internal;

import io.cift.core.book.PriceLevel;
import io.cift.core.feed.L3Order;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed's order-by-order book: priority order, positions and level totals against a plain model over a
 * long random flow on wide price ranges, and operations it must refuse leave it unchanged.
 */
class L3BookTest {

    private static List<L3Order> all(L3Book b) {
        List<L3Order> out = new ArrayList<>();
        b.forEach(out::add);
        return out;
    }

    @Test
    void ordersComeOutInPriorityOrderWithTheirPositions() {
        L3Book b = new L3Book();
        assertThat(b.add("B", 1, Side.SELL, 105, 10)).isEqualTo(1);
        assertThat(b.add("B", 2, Side.SELL, 103, 20)).isEqualTo(1);
        assertThat(b.add("B", 3, Side.SELL, 105, 30)).isEqualTo(2);
        assertThat(b.add("B", 4, Side.BUY, 99, 40)).isEqualTo(1);
        assertThat(b.add("B", 5, Side.BUY, 101, 50)).isEqualTo(1);
        assertThat(b.add("A", 1, Side.BUY, 7, 1)).isEqualTo(1);   // the same id in another symbol is another order

        assertThat(all(b)).containsExactly(
                new L3Order("A", Side.BUY, 7, 1, 1),
                new L3Order("B", Side.BUY, 101, 5, 50),
                new L3Order("B", Side.BUY, 99, 4, 40),
                new L3Order("B", Side.SELL, 103, 2, 20),
                new L3Order("B", Side.SELL, 105, 1, 10),
                new L3Order("B", Side.SELL, 105, 3, 30));
        assertThat(b.bestPrice("B", Side.BUY)).isEqualTo(101);
        assertThat(b.bestPrice("B", Side.SELL)).isEqualTo(103);
        assertThat(b.depth("B", Side.SELL, 5)).containsExactly(new PriceLevel(Side.SELL, 103, 20, 1),
                new PriceLevel(Side.SELL, 105, 40, 2));
        assertThat(b.symbols()).containsExactly("A", "B");
        assertThat(b.size()).isEqualTo(6);

        assertThat(b.reduce("B", 1, 4)).isEqualTo(6);
        assertThat(b.levelQuantity("B", Side.SELL, 105)).isEqualTo(36);
        assertThat(b.reduce("B", 2, 20)).isZero();   // the whole order: it leaves, and so does its level
        assertThat(b.contains("B", 2)).isFalse();
        assertThat(b.levelCount("B", Side.SELL, 103)).isZero();
        assertThat(b.bestPrice("B", Side.SELL)).isEqualTo(105);

        b.replace("B", 1, 105, 9, true);              // kept its place, more quantity
        b.replace("B", 3, 99, 30, false);             // lost it: at the back of 99 on its own side
        assertThat(b.side("B", 3)).isEqualTo(Side.SELL);
        assertThat(all(b)).containsExactly(
                new L3Order("A", Side.BUY, 7, 1, 1),
                new L3Order("B", Side.BUY, 101, 5, 50),
                new L3Order("B", Side.BUY, 99, 4, 40),
                new L3Order("B", Side.SELL, 99, 3, 30),
                new L3Order("B", Side.SELL, 105, 1, 9));
        b.delete("A", 1);
        assertThat(b.symbols()).containsExactly("B");
    }

    @Test
    void refusedOperationsChangeNothing() {
        L3Book b = new L3Book();
        b.add("S", 1, Side.BUY, 100, 10);
        b.add("S", 2, Side.BUY, 100, 20);
        b.add("S", 3, Side.SELL, 101, 5);
        List<L3Order> before = all(b);

        assertThatThrownBy(() -> b.add("S", 1, Side.SELL, 102, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order 1 of S already rests");
        assertThatThrownBy(() -> b.add("S", 9, Side.BUY, 100, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quantity must be positive, got 0");
        assertThatThrownBy(() -> b.add("S", 9, Side.BUY, -100, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("price must be positive, got -100");
        assertThatThrownBy(() -> b.reduce("S", 1, 11)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot take 11 off order 1 of S, which has 10");
        assertThatThrownBy(() -> b.reduce("S", 1, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.reduce("S", 7, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no resting order 7 of S");
        assertThatThrownBy(() -> b.delete("T", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no resting order 1 of T");
        assertThatThrownBy(() -> b.side("T", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.replace("S", 1, 99, 10, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot keep its priority at another price");
        assertThatThrownBy(() -> b.replace("S", 1, 100, 0, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quantity must be positive, got 0");
        assertThatThrownBy(() -> b.replace("S", 1, 0, 5, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("price must be positive, got 0");

        assertThat(all(b)).isEqualTo(before);
        assertThat(b.levelQuantity("S", Side.BUY, 100)).isEqualTo(30);
        assertThat(b.levelCount("S", Side.BUY, 100)).isEqualTo(2);
        assertThat(b.size()).isEqualTo(3);
    }

    @Test
    void aLevelTotalPastLongMaxIsReportedSaturatedAndKeptExact() {
        L3Book b = new L3Book();
        long half = Long.MAX_VALUE / 2 + 1;
        b.add("S", 1, Side.SELL, 10, half);
        b.add("S", 2, Side.SELL, 10, half);
        assertThat(b.levelQuantity("S", Side.SELL, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(b.bestQuantity("S", Side.SELL)).isEqualTo(Long.MAX_VALUE);
        b.reduce("S", 2, 1);
        b.delete("S", 1);
        assertThat(b.levelQuantity("S", Side.SELL, 10)).isEqualTo(half - 1);
    }

    /** A plain model: per symbol and side, levels by price in priority order, each a FIFO of id to quantity. */
    private static final class Model {
        final Map<String, Map<Side, TreeMap<Long, LinkedHashMap<Long, Long>>>> books = new TreeMap<>();
        final Map<String, Map<Long, long[]>> where = new TreeMap<>();   // id -> {side (0 buy), price}

        TreeMap<Long, LinkedHashMap<Long, Long>> side(String s, Side side) {
            return books.computeIfAbsent(s, k -> new java.util.EnumMap<>(Side.class))
                    .computeIfAbsent(side, k -> new TreeMap<>(side == Side.BUY ? Comparator.<Long>reverseOrder()
                            : Comparator.<Long>naturalOrder()));
        }

        int add(String s, long id, Side side, long price, long qty) {
            LinkedHashMap<Long, Long> level = side(s, side).computeIfAbsent(price, k -> new LinkedHashMap<>());
            level.put(id, qty);
            where.computeIfAbsent(s, k -> new TreeMap<>()).put(id, new long[] {side == Side.BUY ? 0 : 1, price});
            return level.size();
        }

        Side sideOf(String s, long id) {
            return where.get(s).get(id)[0] == 0 ? Side.BUY : Side.SELL;
        }

        LinkedHashMap<Long, Long> level(String s, long id) {
            long[] w = where.get(s).get(id);
            return side(s, sideOf(s, id)).get(w[1]);
        }

        void remove(String s, long id) {
            long[] w = where.get(s).remove(id);
            TreeMap<Long, LinkedHashMap<Long, Long>> levels = side(s, w[0] == 0 ? Side.BUY : Side.SELL);
            levels.get(w[1]).remove(id);
            if (levels.get(w[1]).isEmpty()) {
                levels.remove(w[1]);
            }
        }

        List<L3Order> all() {
            List<L3Order> out = new ArrayList<>();
            books.forEach((s, sides) -> {
                for (Side side : new Side[] {Side.BUY, Side.SELL}) {
                    sides.getOrDefault(side, new TreeMap<>()).forEach((price, level) -> level.forEach((id, q) ->
                            out.add(new L3Order(s, side, price, id, q))));
                }
            });
            return out;
        }
    }

    @Test
    void followsAPlainModelThroughALongRandomFlowOverWidePrices() {
        SplittableRandom r = new SplittableRandom(20261130);
        L3Book b = new L3Book();
        Model m = new Model();
        String[] symbols = {"AAA", "BBB", "CCC"};
        List<List<Long>> live = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++) {
            live.add(new ArrayList<>());
        }
        long nextId = 1;
        for (int step = 0; step < 200_000; step++) {
            int k = r.nextInt(symbols.length);
            String s = symbols[k];
            List<Long> ids = live.get(k);
            int op = ids.size() < 50 ? 0 : r.nextInt(10);
            // wide ranges: some symbols' prices spread over 20,000 ticks, one over a few
            long price = k == 2 ? 1_000 + r.nextInt(5) : 1 + r.nextInt(20_000);
            if (op < 4) {
                long id = nextId++;
                Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
                long qty = 1 + r.nextInt(100);
                assertThat(b.add(s, id, side, price, qty)).isEqualTo(m.add(s, id, side, price, qty));
                ids.add(id);
            } else {
                int at = r.nextInt(ids.size());
                long id = ids.get(at);
                long open = m.level(s, id).get(id);
                if (op < 6) {
                    long by = 1 + r.nextInt((int) Math.min(open, 150));
                    long left = b.reduce(s, id, by);
                    assertThat(left).isEqualTo(open - by);
                    if (left == 0) {
                        m.remove(s, id);
                        ids.set(at, ids.get(ids.size() - 1));
                        ids.remove(ids.size() - 1);
                    } else {
                        m.level(s, id).put(id, left);
                    }
                } else if (op < 8) {
                    b.delete(s, id);
                    m.remove(s, id);
                    ids.set(at, ids.get(ids.size() - 1));
                    ids.remove(ids.size() - 1);
                } else if (op == 8) {
                    long qty = 1 + r.nextInt(200);
                    b.replace(s, id, b.price(s, id), qty, true);
                    m.level(s, id).put(id, qty);
                } else {
                    long qty = 1 + r.nextInt(200);
                    Side side = m.sideOf(s, id);
                    b.replace(s, id, price, qty, false);
                    m.remove(s, id);
                    m.add(s, id, side, price, qty);
                }
            }
            if (step % 20_000 == 0 || step == 199_999) {
                assertThat(all(b)).isEqualTo(m.all());
                for (String sym : symbols) {
                    for (Side side : new Side[] {Side.BUY, Side.SELL}) {
                        TreeMap<Long, LinkedHashMap<Long, Long>> levels = m.side(sym, side);
                        List<PriceLevel> expected = new ArrayList<>();
                        levels.forEach((p, l) -> expected.add(new PriceLevel(side, p,
                                l.values().stream().mapToLong(Long::longValue).sum(), l.size())));
                        assertThat(b.depth(sym, side, Integer.MAX_VALUE)).isEqualTo(expected);
                        assertThat(b.bestPrice(sym, side)).isEqualTo(levels.isEmpty() ? 0 : levels.firstKey());
                    }
                }
            }
        }
        assertThat(b.size()).isEqualTo(live.stream().mapToInt(List::size).sum());
    }
}
