package io.cift.core.book;

import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedFlows;
import io.cift.core.feed.OrderFeed;
import io.cift.core.journal.Commands;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A book past the size from which it places orders in rows guessed from their ids ({@link
 * ArrayOrderBook#PREFETCH_MIN_ORDERS}), its pools grown many times from a few orders: cancels, amends, fills and
 * reused ids anywhere among 25,000 resting orders. The feed's book, which keeps its rows its own way, follows
 * every event and must hold the same orders in the same priority.
 */
class LargeBookTest {

    @Test
    void aBookThatPlacesOrdersByIdAgreesWithTheBookRebuiltFromItsFeed() {
        BookBuilder rebuilt = new BookBuilder(true);
        OrderFeed feed = new OrderFeed(rebuilt::accept, 0);
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(8)
                .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).listener(feed).build());
        List<Commands.Command> flow = Commands.deep(29, 25_000, 75_000);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < flow.size(); i++) {
            ResultCode rc = flow.get(i).applyTo(engine);
            feed.endCommand();
            if (rc.isAccepted()) {
                accepted++;
            } else {
                rejected++;
            }
            if (i % 5_000 == 4_999) {
                assertThat(rebuilt.orders("DEEP")).as("after command %d", i + 1).isEqualTo(FeedFlows.engineOrders(engine, "DEEP"));
                engine.validate();
            }
        }
        OrderBook book = engine.book("DEEP").orElseThrow();
        assertThat(book.orderCount()).as("a large book throughout").isGreaterThan(ArrayOrderBook.PREFETCH_MIN_ORDERS);
        assertThat(rejected).as("duplicates and cancels of gone orders").isPositive();
        assertThat(accepted).isGreaterThan(90_000);
        assertThat(rebuilt.orders("DEEP")).isEqualTo(FeedFlows.engineOrders(engine, "DEEP"));
        assertThat(rebuilt.inSync()).isTrue();
    }
}
