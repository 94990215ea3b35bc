package io.cift.core.book.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link MatchingEngine} that keeps one {@link ArrayOrderBook} per symbol in a hash map (a lookup
 * allocates nothing: {@link String} caches its hash). Single writer.
 */
public final class SymbolRoutingEngine implements MatchingEngine {

    private final MatchingEngineConfig config;
    private final ContainedListener listener;
    private final boolean fixedSymbols;
    private final Map<String, ArrayOrderBook> books = new HashMap<>();
    /**
     * Every book (the first {@link #bookCount}) in the order it was created: {@link #symbols()}' order, and
     * for counting their orders without an iterator.
     */
    private ArrayOrderBook[] all = new ArrayOrderBook[4];
    private int bookCount;
    private static final int PREFETCH_RECOUNT = 1024;
    private int prefetchRecount;
    private boolean prefetching;

    /**
     * Creates an engine; with a fixed symbol list every book is created now.
     *
     * @param config the configuration
     */
    public SymbolRoutingEngine(MatchingEngineConfig config) {
        this.config = config;
        this.listener = new ContainedListener(config.listener(), config.listenerFailureHandler());
        this.fixedSymbols = !config.symbols().isEmpty();
        for (String s : config.symbols()) {
            create(s);
        }
    }

    private ArrayOrderBook create(String symbol) {
        ArrayOrderBook b = new ArrayOrderBook(symbol, config, listener);
        books.put(symbol, b);
        if (bookCount == all.length) {
            all = java.util.Arrays.copyOf(all, bookCount * 2);
        }
        all[bookCount++] = b;
        return b;
    }

    @Override
    public ResultCode submit(String symbol, long orderId, long ownerId, Side side, OrderType type,
                             TimeInForce tif, long price, long quantity, boolean postOnly) {
        ArrayOrderBook b = symbol == null ? null : books.get(symbol);
        if (b == null) {
            ResultCode refused = refusalOfNewBook(symbol);
            if (refused != null) {
                listener.onRejected(symbol, orderId, CommandType.NEW, refused);
                return refused;
            }
            b = create(symbol);
        }
        return b.submit(orderId, ownerId, side, type, tif, price, quantity, postOnly);
    }

    /**
     * Whether a new order for {@code symbol} would be refused for its symbol alone ({@link ResultCode#UNKNOWN_SYMBOL},
     * {@link ResultCode#INVALID_SYMBOL} or {@link ResultCode#TOO_MANY_SYMBOLS}), so that a gate in front can leave
     * it alone.
     *
     * @param symbol the symbol, possibly null
     * @return whether it would be refused
     */
    public boolean refusesNew(String symbol) {
        return symbol == null || !books.containsKey(symbol) && refusalOfNewBook(symbol) != null;
    }

    /** Why no book may be made for {@code symbol} (which has none), or null when one may. */
    private ResultCode refusalOfNewBook(String symbol) {
        if (fixedSymbols || symbol == null || symbol.isBlank()) {
            return ResultCode.UNKNOWN_SYMBOL;
        }
        if (tooLong(symbol)) {
            return ResultCode.INVALID_SYMBOL;
        }
        return bookCount >= config.maxSymbols() ? ResultCode.TOO_MANY_SYMBOLS : null;
    }

    /**
     * Whether a symbol is longer than {@link MatchingEngine#MAX_SYMBOL_BYTES} UTF-8 bytes (checked for new books and
     * fixed lists only).
     *
     * @param symbol the symbol
     * @return whether it is too long for any engine
     */
    public static boolean tooLong(String symbol) {
        // a char is at most 3 UTF-8 bytes (a surrogate pair 4 for two chars): only longer strings need encoding
        return symbol.length() > MAX_SYMBOL_BYTES / 3
                && symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SYMBOL_BYTES;
    }

    @Override
    public ResultCode cancel(String symbol, long orderId, CancelReason reason) {
        ArrayOrderBook b = symbol == null ? null : books.get(symbol);
        if (b == null) {
            return unknown(symbol, orderId, CommandType.CANCEL);
        }
        return b.cancel(orderId, reason);
    }

    @Override
    public ResultCode amend(String symbol, long orderId, long newPrice, long newQuantity) {
        ArrayOrderBook b = symbol == null ? null : books.get(symbol);
        if (b == null) {
            return unknown(symbol, orderId, CommandType.AMEND);
        }
        return b.amend(orderId, newPrice, newQuantity);
    }

    private ResultCode unknown(String symbol, long orderId, CommandType command) {
        ResultCode code = fixedSymbols ? ResultCode.UNKNOWN_SYMBOL : ResultCode.UNKNOWN_ORDER_ID;
        listener.onRejected(symbol, orderId, command, code);
        return code;
    }

    /**
     * Reads ahead once the books together hold {@link ArrayOrderBook#PREFETCH_MIN_ORDERS} orders or more (many
     * small books miss the cache as one large one does); below that it returns at once. The total is counted
     * again every {@value #PREFETCH_RECOUNT} calls.
     */
    @Override
    public void prefetch(String symbol, long orderId) {
        if (--prefetchRecount < 0) {
            prefetchRecount = PREFETCH_RECOUNT;
            long live = 0;
            for (int i = 0; i < bookCount; i++) {
                live += all[i].orderCount();
            }
            prefetching = live >= ArrayOrderBook.PREFETCH_MIN_ORDERS;
        }
        if (prefetching) {
            ArrayOrderBook b = symbol == null ? null : books.get(symbol);
            if (b != null) {
                b.read(orderId);
            }
        }
    }

    @Override
    public Optional<OrderBook> book(String symbol) {
        return Optional.ofNullable(books.get(symbol));
    }

    /**
     * The book of a symbol, created (without events) when the engine has none, for recovery.
     *
     * @param symbol the symbol, not blank
     * @return its book
     */
    public ArrayOrderBook bookForRestore(String symbol) {
        ArrayOrderBook b = books.get(symbol);
        return b != null ? b : create(symbol);
    }

    @Override
    public long listenerFailures() {
        return listener.failures();
    }

    @Override
    public long stateHash() {
        long h = StateHash.start();
        for (String s : new TreeSet<>(books.keySet())) {
            ArrayOrderBook b = books.get(s);
            h = foldBook(h, b, b.orderCount() > 0 ? b.stateHash() : 0);
        }
        return h;
    }

    /**
     * Folds one book into an engine's state hash as {@link #stateHash()} does, for a caller that walks the
     * books itself (a snapshot): start from {@link StateHash#start()} and fold every book in symbol order.
     *
     * @param engineHash the engine's hash so far
     * @param book the book
     * @param bookHash the book's {@link ArrayOrderBook#stateHash()}
     * @return the engine's hash with the book folded in (an empty book leaves it as it is)
     */
    public static long foldBook(long engineHash, ArrayOrderBook book, long bookHash) {
        return book.orderCount() > 0 ? StateHash.add(engineHash, bookHash) : engineHash;
    }

    @Override
    public void validate() {
        for (ArrayOrderBook b : books.values()) {
            b.validate();
        }
    }

    @Override
    public Set<String> symbols() {
        Set<String> symbols = new LinkedHashSet<>();
        for (int i = 0; i < bookCount; i++) {
            symbols.add(all[i].symbol());
        }
        return Collections.unmodifiableSet(symbols);
    }
}
