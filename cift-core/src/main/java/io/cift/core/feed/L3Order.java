package io.cift.core.feed;

import io.cift.core.model.Side;

/**
 * One resting order of a book rebuilt from a feed.
 *
 * @param symbol the instrument
 * @param side its side
 * @param price its price
 * @param orderId the order
 * @param openQuantity its open quantity
 */
public record L3Order(String symbol, Side side, long price, long orderId, long openQuantity) {
}
