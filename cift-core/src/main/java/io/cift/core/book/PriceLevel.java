package io.cift.core.book;

import io.cift.core.model.Side;

/**
 * One aggregated price level of the book (L2).
 *
 * @param side the side of the book
 * @param price the level's price in ticks
 * @param quantity the sum of the open quantities resting at that price, saturated at {@link Long#MAX_VALUE}
 * @param orderCount how many orders rest at that price
 */
public record PriceLevel(Side side, long price, long quantity, int orderCount) {
}
