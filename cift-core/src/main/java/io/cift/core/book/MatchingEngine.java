package io.cift.core.book;

import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.Optional;
import java.util.Set;

/**
 * Routes order commands to one {@link OrderBook} per symbol. With a fixed symbol list
 * ({@link MatchingEngineConfig.Builder#symbols}) a command for any other symbol is rejected with
 * {@link ResultCode#UNKNOWN_SYMBOL}; without one, a book is created on the first new order of a symbol, up to
 * {@link MatchingEngineConfig#maxSymbols()} books (beyond that a new symbol's order is rejected with
 * {@link ResultCode#TOO_MANY_SYMBOLS}), each symbol at most {@link #MAX_SYMBOL_BYTES} UTF-8 bytes. Books are never
 * dropped.
 *
 * <p><b>Threading:</b> single writer, like the books it owns: not thread-safe. Events from every book
 * go to the configured listener on the calling thread; a callback that throws is contained and counted
 * ({@link #listenerFailures()}).
 */
public interface MatchingEngine {

    /**
     * The longest symbol, in UTF-8 bytes, that an engine takes (what a journal record and the feed's wire form
     * hold): a new order for a longer one is rejected with {@link ResultCode#INVALID_SYMBOL}.
     */
    int MAX_SYMBOL_BYTES = 255;

    /**
     * Creates an engine.
     *
     * @param config the configuration
     * @return a new engine with no orders
     */
    static MatchingEngine create(MatchingEngineConfig config) {
        return new SymbolRoutingEngine(config);
    }

    /**
     * Enters a new order; see {@link OrderBook#submit}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param ownerId the owner (account) id
     * @param side buy or sell
     * @param type LIMIT or MARKET
     * @param tif time in force
     * @param price limit price in ticks (ignored for MARKET)
     * @param quantity quantity in lots
     * @param postOnly post-only flag
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    ResultCode submit(String symbol, long orderId, long ownerId, Side side, OrderType type,
                      TimeInForce tif, long price, long quantity, boolean postOnly);

    /**
     * Cancels a live order at its owner's request; see {@link OrderBook#cancel(long)}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    default ResultCode cancel(String symbol, long orderId) {
        return cancel(symbol, orderId, CancelReason.USER);
    }

    /**
     * Cancels a live order, reporting {@code reason}; see {@link OrderBook#cancel(long, CancelReason)}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param reason why, as the listener's {@code onCancelled} reports it
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    ResultCode cancel(String symbol, long orderId, CancelReason reason);

    /**
     * Amends a live order; see {@link OrderBook#amend}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param newPrice the new price in ticks
     * @param newQuantity the new open quantity
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    ResultCode amend(String symbol, long orderId, long newPrice, long newQuantity);

    /**
     * A hint for a caller that holds several commands before it applies them (a batch taken from a ring
     * buffer, lines read from a file): reads what a coming cancel or amend of this order reaches first, and
     * changes nothing. Called for each cancel and amend of the batch first, and the commands applied after,
     * it lets the cache misses of those reads overlap, which on books larger than the processor's caches
     * makes the batch faster; applied one at a time, each command pays its misses in turn. An unknown symbol
     * or order is ignored. Allocates nothing, has no events, and is not journaled. On the matching thread,
     * like every call: see {@link OrderBook#prefetch(long)}. The default does nothing; the engines of this
     * SDK read ahead.
     *
     * @param symbol the instrument
     * @param orderId the order a command will soon name
     */
    default void prefetch(String symbol, long orderId) {
    }

    /**
     * The book of one symbol.
     *
     * @param symbol the instrument
     * @return its book, or empty when the engine has none for it (yet)
     */
    Optional<OrderBook> book(String symbol);

    /**
     * How many listener callbacks threw, over every book (each was contained; see
     * {@link ListenerFailureHandler}).
     *
     * @return the count
     */
    long listenerFailures();

    /**
     * A digest of every live order of every book: the {@link OrderBook#stateHash()} of each book that
     * has orders, folded in symbol order. Empty books do not count. Allocates a sorted copy of the symbols.
     *
     * @return the digest
     */
    long stateHash();

    /**
     * Checks every book; see {@link OrderBook#validate()}.
     *
     * @throws IllegalStateException naming the first inconsistency found
     */
    void validate();

    /**
     * The symbols the engine has books for. Allocates the returned set.
     *
     * @return an unmodifiable set in the order the books were created
     */
    Set<String> symbols();
}
