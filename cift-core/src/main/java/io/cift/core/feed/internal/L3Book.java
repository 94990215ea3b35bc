package io.cift.core.feed.internal;

import io.cift.core.book.PriceLevel;
import io.cift.core.feed.L3Order;
import io.cift.core.model.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Resting orders of every symbol in price-time priority, as a feed describes them: both the feed's
 * producer (to know positions and write snapshots) and its consumers ({@code BookBuilder}) keep one.
 * Operations that name an order the book does not hold throw {@link IllegalStateException}. Not
 * thread-safe.
 */
public final class L3Book {

    /** One resting order. */
    private static final class Order {
        final long id;
        final Side side;
        long price;
        long quantity;

        Order(long id, Side side, long price, long quantity) {
            this.id = id;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    /** One symbol's book. */
    private static final class Sides {
        final Map<Long, Order> orders = new HashMap<>();
        final NavigableMap<Long, LinkedHashMap<Long, Order>> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<Long, LinkedHashMap<Long, Order>> asks = new TreeMap<>();

        NavigableMap<Long, LinkedHashMap<Long, Order>> side(Side s) {
            return s == Side.BUY ? bids : asks;
        }
    }

    private final Map<String, Sides> books = new HashMap<>();

    private Sides sides(String symbol) {
        return books.computeIfAbsent(symbol, s -> new Sides());
    }

    private Order order(String symbol, long orderId) {
        Sides s = books.get(symbol);
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
        LinkedHashMap<Long, Order> level = s.side(side).computeIfAbsent(price, p -> new LinkedHashMap<>());
        level.put(orderId, o);
        return level.size();
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
     * An order's open quantity, which must rest.
     *
     * @return the quantity
     */
    public long quantity(String symbol, long orderId) {
        return order(symbol, orderId).quantity;
    }

    private void unlink(String symbol, Order o) {
        Sides s = books.get(symbol);
        s.orders.remove(o.id);
        NavigableMap<Long, LinkedHashMap<Long, Order>> side = s.side(o.side);
        LinkedHashMap<Long, Order> level = side.get(o.price);
        level.remove(o.id);
        if (level.isEmpty()) {
            side.remove(o.price);
        }
    }

    /** Removes every order. */
    public void clear() {
        books.clear();
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
            for (LinkedHashMap<Long, Order> level : s.side(side).values()) {
                for (Iterator<Order> it = level.values().iterator(); it.hasNext(); ) {
                    Order o = it.next();
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
        for (Map.Entry<Long, LinkedHashMap<Long, Order>> e : s.side(side).entrySet()) {
            if (out.size() == max) {
                break;
            }
            long q = 0;
            for (Order o : e.getValue().values()) {
                q += o.quantity;
            }
            out.add(new PriceLevel(side, e.getKey(), q, e.getValue().size()));
        }
        return out;
    }
}
