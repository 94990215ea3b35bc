package io.cift.core.book;

import org.junit.jupiter.api.Test;

import static io.cift.core.model.OrderType.LIMIT;
import static io.cift.core.model.Side.BUY;
import static io.cift.core.model.Side.SELL;
import static io.cift.core.model.TimeInForce.FOK;
import static io.cift.core.model.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/** Quantities and prices at and beyond the documented limits: refused above them, exact below. */
class BookLimitsTest {

    private static final long MAX = OrderBook.MAX_QUANTITY;

    @Test
    void quantitiesAndPricesAboveTheLimitsAreRefusedUntouched() {
        RecordingListener events = new RecordingListener();
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.builder().listener(events).build());
        // the reported defect: two sells of 2^63 - 1 made the level's quantity -2
        assertThat(book.limit(1, 1, SELL, 100, Long.MAX_VALUE)).isEqualTo(ResultCode.INVALID_QUANTITY);
        assertThat(book.limit(2, 1, SELL, 100, MAX + 1)).isEqualTo(ResultCode.INVALID_QUANTITY);
        assertThat(book.limit(3, 1, SELL, OrderBook.MAX_PRICE + 1, 5)).isEqualTo(ResultCode.INVALID_PRICE);
        assertThat(book.limit(4, 1, SELL, OrderBook.MAX_PRICE, MAX)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.amend(4, OrderBook.MAX_PRICE, MAX + 1)).isEqualTo(ResultCode.INVALID_QUANTITY);
        assertThat(book.amend(4, OrderBook.MAX_PRICE + 1, 5)).isEqualTo(ResultCode.INVALID_PRICE);
        assertThat(book.orderCount()).isEqualTo(1);
        assertThat(book.bestQuantity(SELL)).isEqualTo(MAX);
        assertThat(events.of(Event.Rejected.class)).hasSize(5);
        book.validate();
    }

    @Test
    void aLevelHoldsMoreThanTwoToTheSixtyThreeExactlyAndReportsItSaturated() {
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.defaults());
        int n = 10_000;   // 10,000 x 10^15 = 10^19 > 2^63 - 1
        for (int i = 1; i <= n; i++) {
            assertThat(book.limit(i, 1, SELL, 100, MAX)).isEqualTo(ResultCode.ACCEPTED);
        }
        book.validate();
        assertThat(book.bestQuantity(SELL)).isEqualTo(Long.MAX_VALUE);
        assertThat(book.depth(SELL, 1)).containsExactly(new PriceLevel(SELL, 100, Long.MAX_VALUE, n));
        // a FOK buy that can fill does fill (the availability sum saturates instead of wrapping)
        assertThat(book.submit(n + 1, 2, BUY, LIMIT, FOK, 100, MAX, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.orderCount()).isEqualTo(n - 1);
        // cancel back below 2^63: the total is exact again
        for (int i = 2; i <= 5_001; i++) {
            book.cancel(i);
        }
        book.validate();
        assertThat(book.bestQuantity(SELL)).isEqualTo((n - 5_001) * MAX);
        assertThat(book.depth(SELL, 1).get(0).orderCount()).isEqualTo(n - 5_001);
        // and a GTC buy of the maximum trades the first remaining maker in full
        assertThat(book.submit(n + 2, 2, BUY, LIMIT, GTC, 100, MAX, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.bestQuantity(SELL)).isEqualTo((n - 5_002) * MAX);
        book.validate();
    }
}
