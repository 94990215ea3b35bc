package io.cift.core.book.internal;

import io.cift.core.book.PriceLevel;
import io.cift.core.feed.L3Order;
import io.cift.core.model.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Resting orders of every symbol in price-time priority, as an order feed describes them: the feed's
 * producer keeps one (to know where an order joins its level and to write snapshots) and so do its
 * consumers. It stores orders as the matching book does (rows in a primitive array addressed by int
 * handles, ids mapped to handles by a primitive index, levels in sorted blocks with a price cache), so
 * that following a feed allocates nothing once the pools have grown and gives the garbage collector no
 * references to track. Operations that name an order the book does not hold, or that a resting order
 * cannot take (a quantity or price that is not positive, more than it holds), throw
 * {@link IllegalStateException} and change nothing. Not thread-safe.
 */
public final class L3Book {

    /** Orders a symbol's pool starts with: small, since a feed may carry many shallow symbols. */
    private static final int POOL_MIN = 64;

    /** One symbol's orders and levels. */
    private static final class Sides {
        final OrderStore orders = new OrderStore();
        final OrderIndex index = new OrderIndex(POOL_MIN);
        final BookSide bids = new BookSide(true);
        final BookSide asks = new BookSide(false);
        /** Hands out rows most recently freed first: placing orders by id made a feed's book no faster. */
        final OrderPool pool = new OrderPool(orders);

        BookSide side(boolean buy) {
            return buy ? bids : asks;
        }

        int acquire(long orderId) {
            if (pool.free() == 0) {
                pool.grow(Math.max(POOL_MIN, pool.size()));
            }
            return pool.acquire(orderId, false);
        }
    }

    private final Map<String, Sides> books = new HashMap<>();
    private final int maxSymbols;
    private String lastSymbol;
    private Sides lastSides;

    /** A book for any number of symbols (a feed's producer, which follows its engine's bound). */
    public L3Book() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A book for at most {@code maxSymbols} symbols: an order of one more is refused, as a contradiction.
     *
     * @param maxSymbols at least 1
     */
    public L3Book(int maxSymbols) {
        if (maxSymbols < 1) {
            throw new IllegalArgumentException("maxSymbols must be at least 1, got " + maxSymbols);
        }
        this.maxSymbols = maxSymbols;
    }

    private Sides sides(String symbol) {
        if (symbol.equals(lastSymbol)) {
            return lastSides;
        }
        Sides s = books.get(symbol);
        if (s == null) {
            if (books.size() >= maxSymbols) {
                throw new IllegalStateException("symbol " + symbol + " would be one more than the " + maxSymbols
                        + " symbols this book takes");
            }
            s = new Sides();
            books.put(symbol, s);
        }
        lastSymbol = symbol;
        lastSides = s;
        return s;
    }

    private Sides existing(String symbol) {
        return symbol.equals(lastSymbol) ? lastSides : books.get(symbol);
    }

    /** The handle of a resting order of {@code s}, which must rest. */
    private static int handle(Sides s, String symbol, long orderId) {
        int h = s == null ? OrderIndex.MISSING : s.index.get(orderId);
        if (h == OrderIndex.MISSING) {
            throw new IllegalStateException("no resting order " + orderId + " of " + symbol);
        }
        return h;
    }

    private static void checkPositive(String symbol, long orderId, String field, long value) {
        if (value <= 0) {
            throw new IllegalStateException("order " + orderId + " of " + symbol + ": " + field + " must be positive, got "
                    + value);
        }
    }

    /**
     * Puts an order at the back of its level.
     *
     * @return its position in the level, from 1
     */
    public int add(String symbol, long orderId, Side side, long price, long quantity) {
        checkPositive(symbol, orderId, "price", price);
        checkPositive(symbol, orderId, "quantity", quantity);
        Sides s = sides(symbol);
        if (s.index.containsKey(orderId)) {
            throw new IllegalStateException("order " + orderId + " of " + symbol + " already rests");
        }
        int h = s.acquire(orderId);
        boolean buy = side == Side.BUY;
        s.orders.set(h, orderId, 0, price, quantity, 0, buy, false);
        s.index.put(orderId, h);
        Level l = s.side(buy).findOrCreate(price);
        l.append(h, s.orders);
        return l.count;
    }

    /**
     * Takes quantity off an order, which leaves the book at zero.
     *
     * @return what is left
     */
    public long reduce(String symbol, long orderId, long by) {
        Sides s = existing(symbol);
        int h = handle(s, symbol, orderId);
        long open = s.orders.open(h);
        if (by <= 0 || by > open) {
            throw new IllegalStateException("cannot take " + by + " off order " + orderId + " of " + symbol + ", which has "
                    + open);
        }
        if (by == open) {
            remove(s, h);
            return 0;
        }
        s.orders.open(h, open - by);
        s.side(s.orders.buy(h)).level(s.orders.level(h)).sub(by);
        return open - by;
    }

    /** Sets an order's price and quantity: in place when its priority is kept, else at the back of the new level. */
    public void replace(String symbol, long orderId, long price, long quantity, boolean priorityKept) {
        Sides s = existing(symbol);
        int h = handle(s, symbol, orderId);
        checkPositive(symbol, orderId, "quantity", quantity);
        boolean buy = s.orders.buy(h);
        if (priorityKept) {
            if (price != s.orders.price(h)) {
                throw new IllegalStateException("order " + orderId + " of " + symbol + " cannot keep its priority at another price");
            }
            Level l = s.side(buy).level(s.orders.level(h));
            long open = s.orders.open(h);
            if (quantity > open) {
                l.add(quantity - open);
            } else if (quantity < open) {
                l.sub(open - quantity);
            }
            s.orders.open(h, quantity);
            return;
        }
        checkPositive(symbol, orderId, "price", price);
        remove(s, h);
        add(symbol, orderId, buy ? Side.BUY : Side.SELL, price, quantity);
    }

    /** Removes an order. */
    public void delete(String symbol, long orderId) {
        Sides s = existing(symbol);
        remove(s, handle(s, symbol, orderId));
    }

    /** Unlinks a resting order from its level (removing the level when it empties) and returns it to the pool. */
    private static void remove(Sides s, int h) {
        BookSide side = s.side(s.orders.buy(h));
        Level l = side.level(s.orders.level(h));
        l.remove(h, s.orders);
        if (l.count == 0) {
            side.remove(l);
        }
        s.index.remove(s.orders.id(h));
        s.pool.release(h);
    }

    /**
     * Whether an order rests.
     *
     * @return whether it does
     */
    public boolean contains(String symbol, long orderId) {
        Sides s = existing(symbol);
        return s != null && s.index.containsKey(orderId);
    }

    /**
     * An order's side, which must rest.
     *
     * @return its side
     */
    public Side side(String symbol, long orderId) {
        Sides s = existing(symbol);
        int h = handle(s, symbol, orderId);
        return s.orders.buy(h) ? Side.BUY : Side.SELL;
    }

    /**
     * An order's price, which must rest.
     *
     * @return its price
     */
    public long price(String symbol, long orderId) {
        Sides s = existing(symbol);
        int h = handle(s, symbol, orderId);
        return s.orders.price(h);
    }

    /**
     * An order's open quantity, which must rest.
     *
     * @return the quantity
     */
    public long quantity(String symbol, long orderId) {
        Sides s = existing(symbol);
        int h = handle(s, symbol, orderId);
        return s.orders.open(h);
    }

    /**
     * A level's total open quantity.
     *
     * @return it ({@link Long#MAX_VALUE} when it is that or more), 0 when there is no such level
     */
    public long levelQuantity(String symbol, Side side, long price) {
        Level l = level(symbol, side, price);
        return l == null ? 0 : l.total();
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
     * @return it ({@link Long#MAX_VALUE} when it is that or more), 0 when the side is empty
     */
    public long bestQuantity(String symbol, Side side) {
        Level l = best(symbol, side);
        return l == null ? 0 : l.total();
    }

    private Level level(String symbol, Side side, long price) {
        Sides s = existing(symbol);
        return s == null ? null : s.side(side == Side.BUY).find(price);
    }

    private Level best(String symbol, Side side) {
        Sides s = existing(symbol);
        return s == null ? null : s.side(side == Side.BUY).best();
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
            n += s.index.size();
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
            BookSide levels = s.side(side == Side.BUY);
            for (int i = 0, n = levels.size(); i < n; i++) {
                Level l = levels.fromBest(i);
                for (int o = l.head; o != OrderStore.NONE; o = s.orders.next(o)) {
                    each.accept(new L3Order(symbol, side, l.price, s.orders.id(o), s.orders.open(o)));
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
            if (e.getValue().index.size() > 0) {
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
        BookSide levels = s.side(side == Side.BUY);
        for (int i = 0, n = levels.size(); i < n && out.size() < max; i++) {
            Level l = levels.fromBest(i);
            out.add(new PriceLevel(side, l.price, l.total(), l.count));
        }
        return out;
    }
}
