package io.cift.core.book;

import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.List;
import java.util.Optional;

/**
 * A limit order book for one instrument with price-time priority matching.
 *
 * <ul>
 *   <li>A trade prints at the resting (maker) order's price.</li>
 *   <li>LIMIT GTC remainders rest; LIMIT IOC and MARKET remainders are cancelled; MARKET orders never
 *       rest; FOK orders fill completely at once or do nothing (they are cancelled with
 *       {@link CancelReason#FOK_UNFILLED}).</li>
 *   <li>Post-only orders that would take liquidity are rejected.</li>
 *   <li>An amend keeps time priority only when the price is unchanged and the open quantity does not
 *       grow; otherwise the order goes to the back of its new level, and an amend that crosses the
 *       spread trades at once as the taker.</li>
 *   <li>Self-trade prevention by owner id, as configured ({@link SelfTradePrevention}).</li>
 *   <li>Bad input never changes the book: the command returns a {@link ResultCode} rejection and the
 *       listener gets {@link OrderBookListener#onRejected}.</li>
 * </ul>
 *
 * <p><b>Threading:</b> single writer. An order book is not thread-safe: commands and queries must come
 * from one thread at a time (or be handed over with a happens-before edge, such as a queue). Events are
 * delivered synchronously on the calling thread, and the book is consistent before each callback; a
 * callback that throws is contained and counted ({@link #listenerFailures()}), never thrown out of a
 * command.
 *
 * <p><b>Allocation:</b> commands allocate nothing in steady state (orders and price levels are pooled;
 * the pool grows only when more orders are live than ever before). Query methods returning lists or
 * views allocate and say so.
 */
public interface OrderBook {

    /** Returned by best-price queries when that side of the book is empty. Real prices are always positive. */
    long NO_PRICE = 0L;

    /**
     * The largest quantity (of a new order, or of an amended open quantity) a book accepts: 10^15 lots.
     * Larger is refused with {@link ResultCode#INVALID_QUANTITY}. A price level's total may exceed
     * {@link Long#MAX_VALUE} (it is kept exactly) and is reported saturated at {@link Long#MAX_VALUE}.
     */
    long MAX_QUANTITY = 1_000_000_000_000_000L;

    /** The largest limit price a book accepts: 10^15 ticks. Larger is refused with {@link ResultCode#INVALID_PRICE}. */
    long MAX_PRICE = 1_000_000_000_000_000L;

    /**
     * The most orders one book keeps resting: 100 million (about 10 GB of book and index). A new order that
     * would rest beyond that is refused with an {@link IllegalStateException} before anything of it happens.
     */
    int MAX_ORDERS = 100_000_000;

    /**
     * Creates an empty book.
     *
     * @param symbol the instrument's symbol, not blank
     * @param config the engine configuration (its symbol list is ignored here)
     * @return a new order book
     */
    static OrderBook create(String symbol, MatchingEngineConfig config) {
        return new ArrayOrderBook(symbol, config);
    }

    /**
     * The instrument this book trades.
     *
     * @return the symbol
     */
    String symbol();

    /**
     * Enters a new order.
     *
     * @param orderId the order id; must not be live in this book
     * @param ownerId the owner (account) id, for self-trade prevention
     * @param side buy or sell
     * @param type LIMIT or MARKET
     * @param tif GTC, IOC or FOK (a MARKET order never rests, whatever its time in force)
     * @param price limit price in ticks, from 1 to {@link #MAX_PRICE} for LIMIT; ignored for MARKET
     * @param quantity quantity in lots, from 1 to {@link #MAX_QUANTITY}
     * @param postOnly reject the order if it would take liquidity (GTC LIMIT orders only)
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    ResultCode submit(long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                      long price, long quantity, boolean postOnly);

    /**
     * Cancels the whole open quantity of a live order at its owner's request ({@link CancelReason#USER}).
     *
     * @param orderId the order id
     * @return {@link ResultCode#ACCEPTED} or {@link ResultCode#UNKNOWN_ORDER_ID}
     */
    default ResultCode cancel(long orderId) {
        return cancel(orderId, CancelReason.USER);
    }

    /**
     * Cancels the whole open quantity of a live order, reporting {@code reason} to the listener.
     *
     * @param orderId the order id
     * @param reason why, as the listener's {@code onCancelled} reports it
     * @return {@link ResultCode#ACCEPTED} or {@link ResultCode#UNKNOWN_ORDER_ID}
     */
    ResultCode cancel(long orderId, CancelReason reason);

    /**
     * Changes the price and open quantity of a live order.
     *
     * @param orderId the order id
     * @param newPrice the new limit price in ticks, from 1 to {@link #MAX_PRICE}
     * @param newQuantity the new open quantity, from 1 to {@link #MAX_QUANTITY}
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    ResultCode amend(long orderId, long newPrice, long newQuantity);

    /**
     * A hint for a caller that holds several commands before it applies them: reads what a coming cancel or
     * amend of {@code orderId} reaches first (its place in the order index and the order itself) and
     * changes nothing. Calling it for every cancel and amend of a batch before applying the batch lets those
     * reads' cache misses overlap; on a book larger than the processor's caches that makes the batch faster,
     * on a small one it costs a few nanoseconds for nothing. An unknown order is ignored; allocates nothing;
     * no events. The default does nothing.
     *
     * @param orderId the order a command will soon name
     */
    default void prefetch(long orderId) {
    }

    /**
     * Enters a GTC limit order that is not post-only.
     *
     * @param orderId the order id
     * @param ownerId the owner id
     * @param side buy or sell
     * @param price limit price in ticks
     * @param quantity quantity in lots
     * @return {@link ResultCode#ACCEPTED} or the reason for the rejection
     */
    default ResultCode limit(long orderId, long ownerId, Side side, long price, long quantity) {
        return submit(orderId, ownerId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity, false);
    }

    /**
     * The highest bid.
     *
     * @return its price, or {@link #NO_PRICE} when there is no bid
     */
    long bestBid();

    /**
     * The lowest offer.
     *
     * @return its price, or {@link #NO_PRICE} when there is no offer
     */
    long bestAsk();

    /**
     * Open quantity at the best price of one side.
     *
     * @param side the side
     * @return the quantity (saturated at {@link Long#MAX_VALUE}), 0 when the side is empty
     */
    long bestQuantity(Side side);

    /**
     * Aggregated levels of one side, best first. Allocates the returned list.
     *
     * @param side the side
     * @param maxLevels how many levels at most, not negative
     * @return up to {@code maxLevels} levels
     */
    List<PriceLevel> depth(Side side, int maxLevels);

    /**
     * The orders resting at one price, in time priority. Allocates the returned list.
     *
     * @param side the side
     * @param price the price in ticks
     * @return the orders, empty when there is no such level
     */
    List<OrderView> ordersAt(Side side, long price);

    /**
     * One live order. Allocates the returned view.
     *
     * @param orderId the order id
     * @return the order, or empty when it is not live in this book
     */
    Optional<OrderView> order(long orderId);

    /**
     * How many orders rest on the book.
     *
     * @return the live order count
     */
    int orderCount();

    /**
     * How many listener callbacks threw (each was contained; see {@link ListenerFailureHandler}).
     *
     * @return the count
     */
    long listenerFailures();

    /**
     * A 64-bit digest of every live order in priority order (bids best first, then asks best first,
     * each level in time priority: id, owner, price, open and filled quantity, post-only), and of the
     * symbol. Two books with the same orders in the same priority have the same hash, whatever their
     * history; any difference in an order or its place changes it (barring a 64-bit collision).
     * Costs a walk over every live order; allocates only when the book holds more orders than at any
     * earlier walk (a buffer that grows to 8 KiB and is kept).
     *
     * @return the digest
     */
    long stateHash();

    /**
     * Checks the book's internal consistency: levels sorted and not crossed, each level's count and
     * quantity the sum of its orders, every resting order in the index and nothing else there.
     * A walk over every live order, for tests and recovery checks.
     *
     * @throws IllegalStateException naming the first inconsistency found
     */
    void validate();

    /**
     * How many price levels one side has.
     *
     * @param side the side
     * @return the level count
     */
    int levelCount(Side side);
}
