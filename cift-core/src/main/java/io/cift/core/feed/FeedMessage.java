package io.cift.core.feed;

import io.cift.core.model.Side;

/**
 * One message of an order feed. Every message carries the feed's sequence number: 1 for the first, then
 * one more for each message, with no gaps, so that a consumer sees a lost message at the next one it
 * receives. Prices and quantities are the engine's integer ticks and lots. Immutable.
 */
public sealed interface FeedMessage {

    /** @return the message's sequence number in its feed, from 1 */
    long seq();

    /**
     * An order now rests on the book, at the back of its price level.
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the order
     * @param side its side
     * @param price its limit price
     * @param quantity its open quantity
     * @param position its place in the level's queue, from 1 (the level's order count with it)
     */
    record OrderAdded(long seq, String symbol, long orderId, Side side, long price, long quantity, int position)
            implements FeedMessage {
    }

    /**
     * A resting order traded as the maker; its open quantity falls by {@code quantity}, and it leaves the
     * book when that reaches zero.
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the resting order
     * @param quantity the quantity traded
     * @param price the trade price (the order's own)
     * @param tradeId the engine's trade number
     */
    record OrderExecuted(long seq, String symbol, long orderId, long quantity, long price, long tradeId)
            implements FeedMessage {
    }

    /**
     * Part of a resting order was cancelled; it keeps its place.
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the order
     * @param quantity the quantity removed
     */
    record OrderReduced(long seq, String symbol, long orderId, long quantity) implements FeedMessage {
    }

    /**
     * A resting order was amended: with its priority kept it stays where it is with the new quantity;
     * otherwise it moves to the back of the level at its new price.
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the order
     * @param price its price now
     * @param quantity its open quantity now
     * @param priorityKept whether it kept its place
     */
    record OrderReplaced(long seq, String symbol, long orderId, long price, long quantity, boolean priorityKept)
            implements FeedMessage {
    }

    /**
     * A resting order left the book without trading its rest (cancelled, or amended into a trade that
     * filled it).
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the order
     */
    record OrderDeleted(long seq, String symbol, long orderId) implements FeedMessage {
    }

    /**
     * A snapshot begins: the {@code orders} messages that follow are every live order of every symbol, in
     * priority order; a consumer that lost messages starts again from here.
     *
     * @param seq the sequence number
     * @param orders how many {@link SnapshotOrder} messages follow
     */
    record SnapshotStart(long seq, long orders) implements FeedMessage {
    }

    /**
     * One live order of a snapshot: symbols in sorted order, BUY before SELL, best price first, time
     * priority within a price.
     *
     * @param seq the sequence number
     * @param symbol the instrument
     * @param orderId the order
     * @param side its side
     * @param price its price
     * @param quantity its open quantity
     */
    record SnapshotOrder(long seq, String symbol, long orderId, Side side, long price, long quantity)
            implements FeedMessage {
    }

    /**
     * A snapshot ends; the book it describes is the one after the feed's messages up to {@link SnapshotStart}.
     *
     * @param seq the sequence number
     */
    record SnapshotEnd(long seq) implements FeedMessage {
    }
}
