package io.cift.core.book.internal;

import io.cift.core.book.ListenerFailureHandler;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A book holding the most orders it can refuses one more whole, and takes orders again once some leave. */
class BookCapacityTest {

    /** Counts every event. */
    private static final class Counting implements OrderBookListener {
        int events;

        @Override
        public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                               long price, long quantity) {
            events++;
        }

        @Override
        public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                            Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
            events++;
        }
    }

    @Test
    void aFullBookRefusesTheNextOrderBeforeAnyEventAndStaysConsistent() {
        Counting events = new Counting();
        MatchingEngineConfig config = MatchingEngineConfig.builder().initialOrderCapacity(64).build();
        ArrayOrderBook book = new ArrayOrderBook("X", config, new ContainedListener(events, ListenerFailureHandler.SILENT), 100);
        for (int i = 1; i <= 100; i++) {
            assertThat(book.limit(i, 1, Side.SELL, 100 + i, 5)).isEqualTo(ResultCode.ACCEPTED);
        }
        long hash = book.stateHash();
        int before = events.events;
        // a buy that would cross and trade first: refused before it trades anything
        assertThatThrownBy(() -> book.limit(101, 2, Side.BUY, 101, 7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order book X holds 100 orders");
        assertThat(events.events).isEqualTo(before);
        assertThat(book.stateHash()).isEqualTo(hash);
        assertThat(book.orderCount()).isEqualTo(100);
        book.validate();
        // once orders leave, new ones rest again
        assertThat(book.cancel(1)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.limit(102, 2, Side.BUY, 50, 7)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.orderCount()).isEqualTo(100);
        book.validate();
    }

    @Test
    void theConfigurationRefusesAnInitialCapacityAboveTheLimit() {
        assertThatThrownBy(() -> MatchingEngineConfig.builder().initialOrderCapacity(OrderBook.MAX_ORDERS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialOrderCapacity must be from 1 to 100000000, got 100000001");
        assertThat(MatchingEngineConfig.builder().initialOrderCapacity(OrderBook.MAX_ORDERS)).isNotNull();
    }
}
