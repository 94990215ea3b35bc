package io.cift.core.book.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.OrderView;
import io.cift.core.book.PriceLevel;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link OrderBook} over two sides of pooled price levels in sorted blocks, each level an intrusive FIFO
 * of pooled orders kept as rows of a primitive array ({@link OrderStore}), and a primitive
 * open-addressing index from order id to order handle (no tombstones, so churn never rehashes).
 * Once the book holds {@link #PREFETCH_MIN_ORDERS} orders (past a core's own cache), a new order takes the row
 * its id names ({@link OrderPool}) when that row is free, and a cancel or amend reads that row while it
 * looks the id up: the two misses overlap instead of one waiting for the other whenever the guess is right,
 * and a wrong guess costs a read. Single writer; see {@link OrderBook} for the rules.
 */
public final class ArrayOrderBook implements OrderBook {

    private static final int POOL_CHUNK_MIN = 64;
    /**
     * Live orders below which {@link #prefetch} does nothing: 16,384 rows of 64 bytes and their index slots
     * fit the private cache of a current server core, where there are no misses to overlap.
     */
    public static final int PREFETCH_MIN_ORDERS = 1 << 14;

    private final String symbol;
    private final ContainedListener listener;
    private final SelfTradePrevention stp;
    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private final OrderIndex index;
    /** Every pooled order by handle. */
    private final OrderStore orders = new OrderStore();
    /** Hands out the rows; orders take the rows their ids name once the book is large. */
    private final OrderPool pool = new OrderPool(orders);
    /** The most orders this book rests: {@link #MAX_ORDERS}, lower only in tests. */
    private final int maxOrders;
    /** Quantity the last {@link #match} call traded (as opposed to cancelled by STP). */
    private long lastTraded;
    /** The walker of {@link #stateHash()} and {@link #forEachOrder}, kept; it grows with the book to at most 8 KiB. */
    private PriorityWalk walker;
    /** Whether a walk is under way (a visitor that walks the book again gets a walker of its own). */
    private boolean walking;
    /** What {@link #prefetch} read, summed: a store nobody reads, so that the compiler keeps the reads. */
    private long prefetched;

    /**
     * Creates an empty book.
     *
     * @param symbol the symbol, not blank
     * @param config the configuration
     */
    public ArrayOrderBook(String symbol, MatchingEngineConfig config) {
        this(symbol, config, new ContainedListener(config.listener(), config.listenerFailureHandler()));
    }

    /**
     * Creates an empty book that shares its (contained) listener with other books of an engine.
     *
     * @param symbol the symbol, not blank
     * @param config the configuration (its listener is ignored)
     * @param listener receives the events
     */
    public ArrayOrderBook(String symbol, MatchingEngineConfig config, ContainedListener listener) {
        this(symbol, config, listener, MAX_ORDERS);
    }

    ArrayOrderBook(String symbol, MatchingEngineConfig config, ContainedListener listener, int maxOrders) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank, got '" + symbol + "'");
        }
        Objects.requireNonNull(config, "config");
        this.symbol = symbol;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stp = config.selfTradePrevention();
        this.maxOrders = maxOrders;
        this.index = new OrderIndex(config.initialOrderCapacity());
        growPool(config.initialOrderCapacity());
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public ResultCode submit(long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                             long price, long quantity, boolean postOnly) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        boolean market = type == OrderType.MARKET;
        if (quantity <= 0 || quantity > MAX_QUANTITY) {
            return reject(orderId, CommandType.NEW, ResultCode.INVALID_QUANTITY);
        }
        if (!market && (price <= 0 || price > MAX_PRICE)) {
            return reject(orderId, CommandType.NEW, ResultCode.INVALID_PRICE);
        }
        if (postOnly && (market || tif != TimeInForce.GTC)) {
            return reject(orderId, CommandType.NEW, ResultCode.INVALID_POST_ONLY);
        }
        if (index.containsKey(orderId)) {
            return reject(orderId, CommandType.NEW, ResultCode.DUPLICATE_ORDER_ID);
        }
        ensureFreeOrder();   // before any event: a pool that cannot grow fails the command whole
        boolean buy = side == Side.BUY;
        BookSide opposite = buy ? asks : bids;
        long limit = market ? (buy ? Long.MAX_VALUE : Long.MIN_VALUE) : price;
        if (postOnly && opposite.crossedBy(limit)) {
            return reject(orderId, CommandType.NEW, ResultCode.POST_ONLY_WOULD_TAKE);
        }
        listener.onAccepted(symbol, orderId, ownerId, side, type, tif, market ? 0 : price, quantity);
        if (tif == TimeInForce.FOK && !canFill(opposite, ownerId, limit, quantity)) {
            listener.onCancelled(symbol, orderId, quantity, 0, CancelReason.FOK_UNFILLED);
            return ResultCode.ACCEPTED;
        }
        lastTraded = 0;
        long remaining = opposite.crossedBy(limit) ? match(orderId, ownerId, side, opposite, limit, quantity) : quantity;
        if (remaining > 0) {
            if (market) {
                listener.onCancelled(symbol, orderId, remaining, 0, CancelReason.MARKET_REMAINDER);
            } else if (tif == TimeInForce.GTC) {
                rest(orderId, ownerId, buy, price, remaining, lastTraded, postOnly);
            } else {
                listener.onCancelled(symbol, orderId, remaining, 0, CancelReason.IOC_REMAINDER);
            }
        }
        return ResultCode.ACCEPTED;
    }

    /**
     * {@inheritDoc} Returns at once while the book holds fewer than {@link #PREFETCH_MIN_ORDERS} orders: they
     * stay in a core's own cache.
     */
    @Override
    public void prefetch(long orderId) {
        if (large()) {
            read(orderId);
        }
    }

    /** Reads the index slot of {@code orderId}, the row its id names and the row it is in, whatever the book's size. */
    void read(long orderId) {
        int guess = pool.guess(orderId);
        prefetched += orders.level(guess);   // the row the id names, read beside its index slot
        int o = index.get(orderId);
        if (o >= 0 && o != guess) {
            prefetched += orders.level(o);   // the row's line, read; kept so that the read cannot be left out
        }
    }

    /** Whether the book is past a core's own cache: it places orders by id and reads ahead. */
    private boolean large() {
        return index.size() >= PREFETCH_MIN_ORDERS;
    }

    /** In a large book, reads the row {@code orderId} names, so that its miss overlaps the index lookup after. */
    private void readNamedRow(long orderId) {
        if (large()) {
            prefetched += orders.level(pool.guess(orderId));
        }
    }

    @Override
    public ResultCode cancel(long orderId, CancelReason reason) {
        Objects.requireNonNull(reason, "reason");
        readNamedRow(orderId);
        int o = index.remove(orderId);
        if (o < 0) {
            return reject(orderId, CommandType.CANCEL, ResultCode.UNKNOWN_ORDER_ID);
        }
        long open = orders.open(o);
        unlink(o);
        release(o);
        listener.onCancelled(symbol, orderId, open, 0, reason);
        return ResultCode.ACCEPTED;
    }

    @Override
    public ResultCode amend(long orderId, long newPrice, long newQuantity) {
        readNamedRow(orderId);
        int o = index.get(orderId);
        if (o < 0) {
            return reject(orderId, CommandType.AMEND, ResultCode.UNKNOWN_ORDER_ID);
        }
        if (newQuantity <= 0 || newQuantity > MAX_QUANTITY) {
            return reject(orderId, CommandType.AMEND, ResultCode.INVALID_QUANTITY);
        }
        if (newPrice <= 0 || newPrice > MAX_PRICE) {
            return reject(orderId, CommandType.AMEND, ResultCode.INVALID_PRICE);
        }
        long open = orders.open(o);
        boolean buy = orders.buy(o);
        if (newPrice == orders.price(o) && newQuantity <= open) {
            levelOf(o).sub(open - newQuantity);
            orders.open(o, newQuantity);
            listener.onAmended(symbol, orderId, newPrice, newQuantity, true);
            return ResultCode.ACCEPTED;
        }
        BookSide opposite = buy ? asks : bids;
        boolean crosses = opposite.crossedBy(newPrice);
        if (crosses && orders.postOnly(o)) {
            return reject(orderId, CommandType.AMEND, ResultCode.POST_ONLY_WOULD_TAKE);
        }
        unlink(o);
        orders.price(o, newPrice);
        orders.open(o, newQuantity);
        if (!crosses) {
            (buy ? bids : asks).findOrCreate(newPrice).append(o, orders);
            listener.onAmended(symbol, orderId, newPrice, newQuantity, false);
            return ResultCode.ACCEPTED;
        }
        // a crossing amend trades as an incoming order: off the book (and its index) while it matches,
        // so that every callback sees a consistent book
        index.remove(orderId);
        listener.onAmended(symbol, orderId, newPrice, newQuantity, false);
        long remaining = match(orderId, orders.owner(o), buy ? Side.BUY : Side.SELL, opposite, newPrice, newQuantity);
        orders.filled(o, orders.filled(o) + lastTraded);
        if (remaining > 0) {
            orders.open(o, remaining);
            (buy ? bids : asks).findOrCreate(newPrice).append(o, orders);
            index.put(orderId, o);
        } else {
            release(o);
        }
        return ResultCode.ACCEPTED;
    }

    /**
     * Matches an incoming order against {@code opposite} while prices cross.
     *
     * @return the quantity left to rest or cancel; 0 when STP already cancelled the incoming order
     */
    private long match(long takerId, long takerOwner, Side takerSide, BookSide opposite, long limit, long quantity) {
        boolean buy = takerSide == Side.BUY;
        long remaining = quantity;
        long traded = 0;
        while (remaining > 0) {
            Level level = opposite.best();
            if (level == null) {
                break;
            }
            long px = level.price;
            if (buy ? px > limit : px < limit) {
                break;
            }
            int m = level.head;
            while (m >= 0 && remaining > 0) {
                int next = orders.next(m);
                if (stp != SelfTradePrevention.NONE && orders.owner(m) == takerOwner) {
                    long left = preventSelfTrade(takerId, remaining, m);
                    if (left < 0) {
                        lastTraded = traded;
                        return 0;
                    }
                    remaining = left;
                    m = next;
                    continue;
                }
                long makerLeft = orders.open(m);
                long q = Math.min(remaining, makerLeft);
                remaining -= q;
                traded += q;
                makerLeft -= q;
                orders.open(m, makerLeft);
                orders.filled(m, orders.filled(m) + q);
                level.sub(q);
                long makerId = orders.id(m);
                long makerOwner = orders.owner(m);
                if (makerLeft == 0) {
                    index.remove(makerId);
                    unlink(m);
                    release(m);
                }
                listener.onTrade(symbol, takerId, takerOwner, makerId, makerOwner, takerSide, px, q, remaining, makerLeft);
                m = next;
            }
        }
        lastTraded = traded;
        return remaining;
    }

    /**
     * Applies the STP mode to the resting order {@code m} of the taker's own owner.
     *
     * @return the taker's remaining quantity, or -1 when the taker was cancelled
     */
    private long preventSelfTrade(long takerId, long remaining, int m) {
        switch (stp) {
            case CANCEL_RESTING:
                cancelResting(m, orders.open(m));
                return remaining;
            case CANCEL_INCOMING:
                listener.onCancelled(symbol, takerId, remaining, 0, CancelReason.STP_INCOMING);
                return -1;
            case CANCEL_BOTH:
                cancelResting(m, orders.open(m));
                listener.onCancelled(symbol, takerId, remaining, 0, CancelReason.STP_INCOMING);
                return -1;
            case DECREMENT:
                long d = Math.min(remaining, orders.open(m));
                cancelResting(m, d);
                long left = remaining - d;
                listener.onCancelled(symbol, takerId, d, left, CancelReason.STP_INCOMING);
                return left == 0 ? -1 : left;
            default:
                throw new IllegalStateException("unexpected self-trade prevention mode " + stp);
        }
    }

    /** Cancels {@code qty} of resting order {@code m}, removing it when nothing is left. */
    private void cancelResting(int m, long qty) {
        long id = orders.id(m);
        long left = orders.open(m) - qty;
        if (left == 0) {
            index.remove(id);
            unlink(m);
            release(m);
        } else {
            orders.open(m, left);
            levelOf(m).sub(qty);
        }
        listener.onCancelled(symbol, id, qty, left, CancelReason.STP_RESTING);
    }

    /** Whether a fill-or-kill order would fill completely, honouring self-trade prevention. */
    private boolean canFill(BookSide opposite, long owner, long limit, long quantity) {
        long available = 0;
        for (int i = 0, n = opposite.size(); i < n; i++) {
            Level level = opposite.fromBest(i);
            long px = level.price;
            if (opposite.bid ? px < limit : px > limit) {
                return false;
            }
            if (stp == SelfTradePrevention.NONE) {
                available = saturatingAdd(available, level.total());
            } else {
                for (int m = level.head; m >= 0; m = orders.next(m)) {
                    if (orders.owner(m) == owner) {
                        if (stp != SelfTradePrevention.CANCEL_RESTING) {
                            return false;
                        }
                    } else {
                        available = saturatingAdd(available, orders.open(m));
                        if (available >= quantity) {
                            return true;
                        }
                    }
                }
            }
            if (available >= quantity) {
                return true;
            }
        }
        return false;
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;   // both are positive
    }

    private ResultCode reject(long orderId, CommandType command, ResultCode code) {
        listener.onRejected(symbol, orderId, command, code);
        return code;
    }

    /** Takes the order off its level, removing the level when it empties. */
    private void unlink(int o) {
        BookSide side = orders.buy(o) ? bids : asks;
        Level level = side.level(orders.level(o));
        level.remove(o, orders);
        if (level.count == 0) {
            side.remove(level);
        }
    }

    /** The level an order on the book rests in. */
    private Level levelOf(int o) {
        return (orders.buy(o) ? bids : asks).level(orders.level(o));
    }

    /**
     * Grows the pool when it has no free order: called before a command has any effect, so that a book
     * holding {@link #MAX_ORDERS} (or a full heap) fails the command whole.
     */
    private void ensureFreeOrder() {
        if (pool.free() == 0) {
            growPool(Math.min(Math.max(POOL_CHUNK_MIN, pool.size()), maxOrders - pool.size()));
        }
    }

    /**
     * A free order (in a large book the row its id names when that one is free); {@link #submit} and
     * {@link #restore} made sure the pool has one.
     */
    private int acquire(long orderId) {
        return pool.acquire(orderId, large());
    }

    /** Returns an order that is off the book (unlinked from its level) to the pool. */
    private void release(int o) {
        pool.release(o);
    }

    private void growPool(int n) {
        if (n <= 0) {
            throw new IllegalStateException("order book " + symbol + " holds " + pool.size()
                    + " orders, the most it can (OrderBook.MAX_ORDERS)");
        }
        pool.grow(n);
    }

    /**
     * Removes every order without events, keeping pools and index capacity (for benchmarks that
     * replay the same flow repeatedly). Allocates nothing.
     */
    public void clear() {
        clear(bids);
        clear(asks);
        index.clear();
    }

    private void clear(BookSide side) {
        while (side.size() > 0) {
            Level level = side.best();
            for (int o = level.head; o >= 0; ) {
                int next = orders.next(o);
                orders.unlinked(o);   // dropped with its level whole, not through Level.remove
                release(o);
                o = next;
            }
            side.remove(level);
        }
    }

    @Override
    public long listenerFailures() {
        return listener.failures();
    }

    @Override
    public long stateHash() {
        return walk(null);
    }

    /**
     * Every resting order in priority order, folded into the state hash and given to {@code visitor} when
     * there is one. One walk serves both, so that a snapshot walks the book once.
     */
    private long walk(OrderVisitor visitor) {
        PriorityWalk w = walker;
        boolean outer = !walking;
        if (!outer) {
            w = new PriorityWalk(orders, index.size());   // a visitor walking this book again: a walker of its own
        } else if (w == null || w.handles().length < Math.min(PriorityWalk.CAPACITY, index.size())) {
            w = new PriorityWalk(orders, Integer.highestOneBit(Math.max(1, index.size())) << 1);
            walker = w;
        }
        walking = true;
        try {
            long h = StateHash.start();
            h = StateHash.add(h, symbol);
            h = walkSide(h, bids, w, visitor);
            h = StateHash.add(h, -1L);   // side separator: a book with one side differs from the other side
            return walkSide(h, asks, w, visitor);
        } finally {
            if (outer) {
                walking = false;
            }
        }
    }

    private long walkSide(long h, BookSide side, PriorityWalk w, OrderVisitor visitor) {
        w.start(side);
        int[] handles = w.handles();
        for (int n = w.next(); n > 0; n = w.next()) {
            for (int k = 0; k < n; k++) {
                int o = handles[k];
                long id = orders.id(o);
                long owner = orders.owner(o);
                long price = orders.price(o);
                long open = orders.open(o);
                long filled = orders.filled(o);
                boolean postOnly = orders.postOnly(o);
                h = StateHash.add(h, id);
                h = StateHash.add(h, owner);
                h = StateHash.add(h, price);
                h = StateHash.add(h, open);
                h = StateHash.add(h, filled);
                h = StateHash.add(h, postOnly ? 1 : 0);
                if (visitor != null) {
                    visitor.order(id, owner, side.bid, price, open, filled, postOnly);
                }
            }
        }
        return h;
    }

    @Override
    public void validate() {
        int count = validateSide(bids) + validateSide(asks);
        if (count != index.size()) {
            throw invalid("the index holds " + index.size() + " orders but the levels hold " + count);
        }
        if (bids.size() > 0 && asks.size() > 0 && bids.best().price >= asks.best().price) {
            throw invalid("crossed: best bid " + bids.best().price + " >= best ask " + asks.best().price);
        }
    }

    private int validateSide(BookSide side) {
        String name = side.bid ? "bid" : "ask";
        String problem = side.checkLevels();
        if (problem != null) {
            throw invalid(name + " side: " + problem);
        }
        int total = 0;
        for (int i = 0, n = side.size(); i < n; i++) {
            Level l = side.fromBest(i);
            long qtyLow = 0;
            long qtyHigh = 0;
            int count = 0;
            int prev = OrderStore.NONE;
            for (int o = l.head; o >= 0; o = orders.next(o)) {
                if (count > index.size()) {
                    throw invalid(name + " level " + l.price + ": its queue holds a cycle");
                }
                long id = orders.id(o);
                if (orders.level(o) != l.handle || orders.prev(o) != prev || orders.buy(o) != side.bid
                        || orders.price(o) != l.price || orders.open(o) <= 0 || orders.filled(o) < 0) {
                    throw invalid(name + " level " + l.price + ": order " + id + " is inconsistent (price " + orders.price(o)
                            + ", open " + orders.open(o) + ", filled " + orders.filled(o) + ", side "
                            + (orders.buy(o) ? "bid" : "ask") + ")");
                }
                if (index.get(id) != o) {
                    throw invalid(name + " level " + l.price + ": order " + id + " is not in the index");
                }
                qtyLow += orders.open(o);
                if (qtyLow < 0) {
                    qtyLow &= Long.MAX_VALUE;
                    qtyHigh++;
                }
                count++;
                prev = o;
            }
            if (l.tail != prev || count == 0 || count != l.count || !l.totalIs(qtyLow, qtyHigh)) {
                throw invalid(name + " level " + l.price + ": holds " + count + " orders of " + qtyLow
                        + (qtyHigh > 0 ? " + " + qtyHigh + " * 2^63" : "") + " but records " + l);
            }
            total += count;
        }
        return total;
    }

    private IllegalStateException invalid(String problem) {
        return new IllegalStateException("order book " + symbol + " is inconsistent: " + problem);
    }

    /**
     * Receives resting orders in priority order, for snapshots.
     */
    public interface OrderVisitor {
        /**
         * One resting order.
         *
         * @param orderId its id
         * @param ownerId its owner
         * @param buy whether it is a bid
         * @param price its price
         * @param open its open quantity
         * @param filled what it has traded
         * @param postOnly whether it was entered post-only
         */
        void order(long orderId, long ownerId, boolean buy, long price, long open, long filled, boolean postOnly);
    }

    /**
     * Visits every resting order: bids best first, then asks best first, each level in time priority; and
     * returns the book's {@link #stateHash()}, folded on the same walk (a snapshot needs both). Allocates
     * only as {@link #stateHash()} does. The visitor must not change the book.
     *
     * @param visitor receives the orders
     * @return the book's state hash
     */
    public long forEachOrder(OrderVisitor visitor) {
        return walk(Objects.requireNonNull(visitor, "visitor"));
    }

    /**
     * Puts a resting order at the back of its level without matching and without events, for recovery
     * from a snapshot (orders must come in {@link #forEachOrder} order).
     *
     * @param orderId its id, not live
     * @param ownerId its owner
     * @param buy whether it is a bid
     * @param price its price, positive
     * @param open its open quantity, positive
     * @param filled what it has traded, not negative
     * @param postOnly whether it was entered post-only
     * @throws IllegalArgumentException when the order cannot rest as given (a damaged snapshot)
     */
    public void restore(long orderId, long ownerId, boolean buy, long price, long open, long filled, boolean postOnly) {
        if (price <= 0 || open <= 0 || filled < 0 || index.containsKey(orderId)) {
            throw new IllegalArgumentException("cannot restore order " + orderId + " of " + symbol + " (price " + price
                    + ", open " + open + ", filled " + filled + (index.containsKey(orderId) ? ", already live" : "") + ")");
        }
        BookSide other = buy ? asks : bids;
        if (other.crossedBy(price)) {
            throw new IllegalArgumentException("cannot restore order " + orderId + " of " + symbol + " at " + price
                    + ": it would cross the book");
        }
        ensureFreeOrder();
        rest(orderId, ownerId, buy, price, open, filled, postOnly);
    }

    /** Puts a pooled order at the back of its price level and into the index. */
    private void rest(long orderId, long ownerId, boolean buy, long price, long open, long filled, boolean postOnly) {
        int o = acquire(orderId);
        orders.set(o, orderId, ownerId, price, open, filled, buy, postOnly);
        (buy ? bids : asks).findOrCreate(price).append(o, orders);
        index.put(orderId, o);
    }

    @Override
    public long bestBid() {
        Level l = bids.best();
        return l == null ? NO_PRICE : l.price;
    }

    @Override
    public long bestAsk() {
        Level l = asks.best();
        return l == null ? NO_PRICE : l.price;
    }

    @Override
    public long bestQuantity(Side side) {
        Level l = sideOf(side).best();
        return l == null ? 0 : l.total();
    }

    @Override
    public List<PriceLevel> depth(Side side, int maxLevels) {
        if (maxLevels < 0) {
            throw new IllegalArgumentException("maxLevels must not be negative, got " + maxLevels);
        }
        BookSide s = sideOf(side);
        int n = Math.min(maxLevels, s.size());
        List<PriceLevel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Level l = s.fromBest(i);
            out.add(new PriceLevel(side, l.price, l.total(), l.count));
        }
        return out;
    }

    @Override
    public List<OrderView> ordersAt(Side side, long price) {
        Level l = sideOf(side).find(price);
        List<OrderView> out = new ArrayList<>();
        for (int o = l == null ? OrderStore.NONE : l.head; o >= 0; o = orders.next(o)) {
            out.add(view(o));
        }
        return out;
    }

    @Override
    public Optional<OrderView> order(long orderId) {
        int o = index.get(orderId);
        return o < 0 ? Optional.empty() : Optional.of(view(o));
    }

    @Override
    public int orderCount() {
        return index.size();
    }

    @Override
    public int levelCount(Side side) {
        return sideOf(side).size();
    }

    private BookSide sideOf(Side side) {
        return Objects.requireNonNull(side, "side") == Side.BUY ? bids : asks;
    }

    private OrderView view(int o) {
        return new OrderView(orders.id(o), orders.owner(o), orders.buy(o) ? Side.BUY : Side.SELL, orders.price(o),
                orders.open(o), orders.filled(o), orders.postOnly(o));
    }

    @Override
    public String toString() {
        return "ArrayOrderBook[" + symbol + ", bid " + bestBid() + ", ask " + bestAsk() + ", orders " + orderCount() + "]";
    }
}
