package io.cift.core.feed.internal;

import io.cift.core.book.PriceLevel;
import io.cift.core.feed.L3Order;
import io.cift.core.model.Side;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Resting orders of every symbol in price-time priority, as a feed describes them: both the feed's
 * producer (to know positions and write snapshots) and its consumers ({@code BookBuilder}) keep one.
 * Operations that name an order the book does not hold throw {@link IllegalStateException}. Not
 * thread-safe.
 */
public final class L3Book {

    /** One resting order, linked into its level's queue. */
    private static final class Order {
        final long id;
        final Side side;
        long price;
        long quantity;
        Level level;
        Order prev;
        Order next;

        Order(long id, Side side, long price, long quantity) {
            this.id = id;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    /** One price level: a FIFO queue of orders and its totals. */
    private static final class Level {
        final long price;
        Order head;
        Order tail;
        int count;
        long quantity;

        Level(long price) {
            this.price = price;
        }
    }

    /** One side: levels found by price in a hash map, kept in price order in a tree (touched only when a level comes or goes). */
    private static final class Book {
        final Long2ObjectHashMap<Level> byPrice = new Long2ObjectHashMap<>();
        final TreeMap<Long, Level> sorted;

        Book(boolean bids) {
            this.sorted = bids ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
        }
    }

    /** One symbol's book. */
    private static final class Sides {
        final Long2ObjectHashMap<Order> orders = new Long2ObjectHashMap<>();
        final Book bids = new Book(true);
        final Book asks = new Book(false);

        Book side(Side s) {
            return s == Side.BUY ? bids : asks;
        }
    }

    private final Map<String, Sides> books = new HashMap<>();
    private String lastSymbol;
    private Sides lastSides;

    private Sides sides(String symbol) {
        if (symbol.equals(lastSymbol)) {
            return lastSides;
        }
        Sides s = books.computeIfAbsent(symbol, k -> new Sides());
        lastSymbol = symbol;
        lastSides = s;
        return s;
    }

    private Order order(String symbol, long orderId) {
        Sides s = symbol.equals(lastSymbol) ? lastSides : books.get(symbol);
        Order o = s == null ? null : s.orders.get(orderId);
        if (o == null) {
            throw new IllegalStateException("no resting order " + orderId + " of " + symbol);
        }
        return o;
    }

    /**
     * Puts an order at the back of its level.
     *
     * @return its position in the level, from 1
     */
    public int add(String symbol, long orderId, Side side, long price, long quantity) {
        Sides s = sides(symbol);
        if (s.orders.containsKey(orderId)) {
            throw new IllegalStateException("order " + orderId + " of " + symbol + " already rests");
        }
        Order o = new Order(orderId, side, price, quantity);
        s.orders.put(orderId, o);
        return append(s.side(side), o);
    }

    /**
     * Takes quantity off an order, which leaves the book at zero.
     *
     * @return what is left
     */
    public long reduce(String symbol, long orderId, long by) {
        Order o = order(symbol, orderId);
        if (by <= 0 || by > o.quantity) {
            throw new IllegalStateException("cannot take " + by + " off order " + orderId + " of " + symbol + ", which has "
                    + o.quantity);
        }
        o.quantity -= by;
        o.level.quantity -= by;
        if (o.quantity == 0) {
            unlink(symbol, o);
        }
        return o.quantity;
    }

    /** Sets an order's price and quantity: in place when its priority is kept, else at the back of the new level. */
    public void replace(String symbol, long orderId, long price, long quantity, boolean priorityKept) {
        Order o = order(symbol, orderId);
        if (priorityKept) {
            if (price != o.price) {
                throw new IllegalStateException("order " + orderId + " of " + symbol + " cannot keep its priority at another price");
            }
            o.level.quantity += quantity - o.quantity;
            o.quantity = quantity;
            return;
        }
        unlink(symbol, o);
        add(symbol, orderId, o.side, price, quantity);
    }

    /** Removes an order. */
    public void delete(String symbol, long orderId) {
        unlink(symbol, order(symbol, orderId));
    }

    /**
     * Whether an order rests.
     *
     * @return whether it does
     */
    public boolean contains(String symbol, long orderId) {
        Sides s = books.get(symbol);
        return s != null && s.orders.containsKey(orderId);
    }

    /**
     * An order's side, which must rest.
     *
     * @return its side
     */
    public Side side(String symbol, long orderId) {
        return order(symbol, orderId).side;
    }

    /**
     * An order's price, which must rest.
     *
     * @return its price
     */
    public long price(String symbol, long orderId) {
        return order(symbol, orderId).price;
    }

    /**
     * A level's total open quantity.
     *
     * @return it, 0 when there is no such level
     */
    public long levelQuantity(String symbol, Side side, long price) {
        Level l = level(symbol, side, price);
        return l == null ? 0 : l.quantity;
    }

    /**
     * A level's number of orders.
     *
     * @return it, 0 when there is no such level
     */
    public int levelCount(String symbol, Side side, long price) {
        Level l = level(symbol, side, price);
        return l == null ? 0 : l.count;
    }

    /**
     * The best level's price on a side.
     *
     * @return it, 0 when the side is empty
     */
    public long bestPrice(String symbol, Side side) {
        Level l = best(symbol, side);
        return l == null ? 0 : l.price;
    }

    /**
     * The best level's quantity on a side.
     *
     * @return it, 0 when the side is empty
     */
    public long bestQuantity(String symbol, Side side) {
        Level l = best(symbol, side);
        return l == null ? 0 : l.quantity;
    }

    private Level level(String symbol, Side side, long price) {
        Sides s = books.get(symbol);
        return s == null ? null : s.side(side).byPrice.get(price);
    }

    private Level best(String symbol, Side side) {
        Sides s = books.get(symbol);
        if (s == null) {
            return null;
        }
        Map.Entry<Long, Level> e = s.side(side).sorted.firstEntry();
        return e == null ? null : e.getValue();
    }

    /**
     * An order's open quantity, which must rest.
     *
     * @return the quantity
     */
    public long quantity(String symbol, long orderId) {
        return order(symbol, orderId).quantity;
    }

    private static int append(Book book, Order o) {
        Level l = book.byPrice.get(o.price);
        if (l == null) {
            l = new Level(o.price);
            book.byPrice.put(o.price, l);
            book.sorted.put(o.price, l);
        }
        o.level = l;
        o.prev = l.tail;
        o.next = null;
        if (l.tail == null) {
            l.head = o;
        } else {
            l.tail.next = o;
        }
        l.tail = o;
        l.quantity += o.quantity;
        return ++l.count;
    }

    private void unlink(String symbol, Order o) {
        Sides s = sides(symbol);
        s.orders.remove(o.id);
        Level l = o.level;
        if (o.prev == null) {
            l.head = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            l.tail = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        l.count--;
        l.quantity -= o.quantity;
        o.level = null;
        if (l.count == 0) {
            Book book = s.side(o.side);
            book.byPrice.remove(l.price);
            book.sorted.remove(l.price);
        }
    }

    /** Removes every order. */
    public void clear() {
        books.clear();
        lastSymbol = null;
        lastSides = null;
    }

    /**
     * How many orders rest.
     *
     * @return the count
     */
    public long size() {
        long n = 0;
        for (Sides s : books.values()) {
            n += s.orders.size();
        }
        return n;
    }

    /** Every resting order in priority order: symbols sorted, BUY before SELL, best price first, FIFO. */
    public void forEach(Consumer<L3Order> each) {
        for (String symbol : new java.util.TreeSet<>(books.keySet())) {
            forEach(symbol, each);
        }
    }

    /** One symbol's resting orders in priority order. */
    public void forEach(String symbol, Consumer<L3Order> each) {
        Sides s = books.get(symbol);
        if (s == null) {
            return;
        }
        for (Side side : new Side[] {Side.BUY, Side.SELL}) {
            for (Level level : s.side(side).sorted.values()) {
                for (Order o = level.head; o != null; o = o.next) {
                    each.accept(new L3Order(symbol, side, o.price, o.id, o.quantity));
                }
            }
        }
    }

    /**
     * Symbols with at least one resting order, sorted.
     *
     * @return the symbols
     */
    public List<String> symbols() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Sides> e : new TreeMap<>(books).entrySet()) {
            if (!e.getValue().orders.isEmpty()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Price levels of one side, best first.
     *
     * @return the levels (at most {@code max})
     */
    public List<PriceLevel> depth(String symbol, Side side, int max) {
        List<PriceLevel> out = new ArrayList<>();
        Sides s = books.get(symbol);
        if (s == null) {
            return out;
        }
        for (Level l : s.side(side).sorted.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(new PriceLevel(side, l.price, l.quantity, l.count));
        }
        return out;
    }
}
