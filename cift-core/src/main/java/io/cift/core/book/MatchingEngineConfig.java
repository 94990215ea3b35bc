package io.cift.core.book;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of a {@link MatchingEngine} (and of a stand-alone {@link OrderBook}).
 * Build it with {@link #builder()}; every setting has a default.
 */
public final class MatchingEngineConfig {

    /** Orders each book can hold before its pool first grows. */
    public static final int DEFAULT_INITIAL_ORDER_CAPACITY = 1024;
    /**
     * Books an engine creates on demand at most (a book holds about 110 KB before it holds any order, at the
     * default initial capacity), so that a stream of new symbols cannot exhaust the heap.
     */
    public static final int DEFAULT_MAX_SYMBOLS = 10_000;
    /** Self-trade prevention is off unless configured. */
    public static final SelfTradePrevention DEFAULT_SELF_TRADE_PREVENTION = SelfTradePrevention.NONE;

    private final Set<String> symbols;
    private final SelfTradePrevention selfTradePrevention;
    private final int initialOrderCapacity;
    private final int maxSymbols;
    private final OrderBookListener listener;
    private final ListenerFailureHandler listenerFailureHandler;

    private MatchingEngineConfig(Builder b) {
        this.symbols = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.symbols));
        this.selfTradePrevention = b.selfTradePrevention;
        this.initialOrderCapacity = b.initialOrderCapacity;
        this.maxSymbols = b.maxSymbols;
        this.listener = b.listener;
        this.listenerFailureHandler = b.listenerFailureHandler;
    }

    /**
     * Starts a builder with every setting at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration with every setting at its default.
     *
     * @return the default configuration
     */
    public static MatchingEngineConfig defaults() {
        return builder().build();
    }

    /**
     * The fixed symbol list; empty means books are created on demand.
     *
     * @return an unmodifiable set
     */
    public Set<String> symbols() {
        return symbols;
    }

    /**
     * The self-trade prevention mode of every book.
     *
     * @return the mode
     */
    public SelfTradePrevention selfTradePrevention() {
        return selfTradePrevention;
    }

    /**
     * Orders a book can hold before its pool first grows.
     *
     * @return the initial capacity
     */
    public int initialOrderCapacity() {
        return initialOrderCapacity;
    }

    /**
     * Books the engine creates on demand at most: without a fixed symbol list, a new order for one more symbol
     * is rejected with {@link ResultCode#TOO_MANY_SYMBOLS}. A fixed list is its own bound.
     *
     * @return the bound
     */
    public int maxSymbols() {
        return maxSymbols;
    }

    /**
     * Who receives the events.
     *
     * @return the listener
     */
    public OrderBookListener listener() {
        return listener;
    }

    /**
     * Who is told when a listener callback throws (the book carries on either way).
     *
     * @return the handler
     */
    public ListenerFailureHandler listenerFailureHandler() {
        return listenerFailureHandler;
    }

    /**
     * A builder holding the engine keys of some settings: {@code cift.engine.symbols} (a comma-separated
     * list), {@code cift.engine.self-trade-prevention} ({@code none}, {@code cancel-resting},
     * {@code cancel-incoming}, {@code cancel-both}), {@code cift.engine.initial-order-capacity} and
     * {@code cift.engine.max-symbols}; what
     * they leave out keeps its default. The listener is code: set it on the builder.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        Builder b = builder();
        settings.get("cift.engine.symbols").ifPresent(v -> b.symbols(java.util.Arrays.stream(v.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList()));
        settings.getEnum("cift.engine.self-trade-prevention", SelfTradePrevention.class).ifPresent(b::selfTradePrevention);
        settings.getInt("cift.engine.initial-order-capacity").ifPresent(b::initialOrderCapacity);
        settings.getInt("cift.engine.max-symbols").ifPresent(b::maxSymbols);
        return b;
    }

    /**
     * A builder holding this configuration's settings, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.symbols.addAll(symbols);
        b.selfTradePrevention = selfTradePrevention;
        b.initialOrderCapacity = initialOrderCapacity;
        b.maxSymbols = maxSymbols;
        b.listener = listener;
        b.listenerFailureHandler = listenerFailureHandler;
        return b;
    }

    /** Builds a {@link MatchingEngineConfig}; not thread-safe. */
    public static final class Builder {
        private final Set<String> symbols = new LinkedHashSet<>();
        private SelfTradePrevention selfTradePrevention = DEFAULT_SELF_TRADE_PREVENTION;
        private int initialOrderCapacity = DEFAULT_INITIAL_ORDER_CAPACITY;
        private int maxSymbols = DEFAULT_MAX_SYMBOLS;
        private OrderBookListener listener = OrderBookListener.NO_OP;
        private ListenerFailureHandler listenerFailureHandler = ListenerFailureHandler.STANDARD_ERROR;

        private Builder() {
        }

        /**
         * Fixes the symbols the engine trades; commands for other symbols are rejected.
         *
         * @param list the symbols, none blank or longer than {@link MatchingEngine#MAX_SYMBOL_BYTES} UTF-8 bytes
         * @return this builder
         */
        public Builder symbols(Collection<String> list) {
            Objects.requireNonNull(list, "symbols");
            for (String s : list) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("symbols: a symbol must not be blank, got '" + s + "'");
                }
                if (io.cift.core.book.internal.SymbolRoutingEngine.tooLong(s)) {
                    throw new IllegalArgumentException("symbols: a symbol must be at most " + MatchingEngine.MAX_SYMBOL_BYTES
                            + " UTF-8 bytes, got one of " + s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                            + " starting '" + s.substring(0, 16) + "'");
                }
            }
            symbols.clear();
            symbols.addAll(list);
            return this;
        }

        /**
         * Fixes the symbols the engine trades.
         *
         * @param list the symbols, none blank
         * @return this builder
         */
        public Builder symbols(String... list) {
            return symbols(java.util.Arrays.asList(list));
        }

        /**
         * Sets the self-trade prevention mode.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder selfTradePrevention(SelfTradePrevention mode) {
            this.selfTradePrevention = Objects.requireNonNull(mode, "selfTradePrevention");
            return this;
        }

        /**
         * Sets how many orders each book preallocates.
         *
         * @param capacity from 1 to {@link OrderBook#MAX_ORDERS}
         * @return this builder
         */
        public Builder initialOrderCapacity(int capacity) {
            if (capacity < 1 || capacity > OrderBook.MAX_ORDERS) {
                throw new IllegalArgumentException("initialOrderCapacity must be from 1 to " + OrderBook.MAX_ORDERS
                        + ", got " + capacity);
            }
            this.initialOrderCapacity = capacity;
            return this;
        }

        /**
         * Sets how many books the engine creates on demand at most (no effect with a fixed symbol list).
         *
         * @param max at least 1; {@link Integer#MAX_VALUE} for no bound but the heap
         * @return this builder
         */
        public Builder maxSymbols(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSymbols must be at least 1, got " + max);
            }
            this.maxSymbols = max;
            return this;
        }

        /**
         * Sets who receives the events. They are delivered synchronously on the matching thread; a
         * callback that throws is contained (see {@link ListenerFailureHandler}). Slow or failure-prone
         * consumers belong behind an asynchronous hand-off instead (see {@code io.cift.core.journal}).
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(OrderBookListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /**
         * Sets who is told when a listener callback throws; the default prints to standard error
         * ({@link ListenerFailureHandler#STANDARD_ERROR}).
         *
         * @param h the handler
         * @return this builder
         */
        public Builder listenerFailureHandler(ListenerFailureHandler h) {
            this.listenerFailureHandler = Objects.requireNonNull(h, "listenerFailureHandler");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public MatchingEngineConfig build() {
            return new MatchingEngineConfig(this);
        }
    }
}
