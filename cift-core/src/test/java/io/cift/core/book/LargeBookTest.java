package io.cift.core.book;

import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedFlows;
import io.cift.core.feed.OrderFeed;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
        SplittableRandom rnd = new SplittableRandom(29);
        List<Long> ids = new ArrayList<>();   // ids that may be live (checked against the book)
        long nextId = 1;
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 100_000; i++) {
            int r = rnd.nextInt(100);
            ResultCode rc;
            if (i < 25_000 || r < 45 || ids.isEmpty()) {
                boolean buy = rnd.nextBoolean();
                boolean cross = i >= 25_000 && rnd.nextInt(10) == 0;
                long price = buy ? (cross ? 10_010 : 5_000 + rnd.nextInt(5_000)) : (cross ? 9_990 : 10_001 + rnd.nextInt(5_000));
                // now and then an id that was used before: live (a duplicate) or gone (reused)
                long id = rnd.nextInt(50) == 0 && !ids.isEmpty() ? ids.get(rnd.nextInt(ids.size())) : nextId++;
                rc = engine.submit("S", id, 1 + rnd.nextInt(3), buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                        rnd.nextInt(20) == 0 ? TimeInForce.IOC : TimeInForce.GTC, price, 1 + rnd.nextInt(20), false);
                ids.add(id);
            } else {
                int k = rnd.nextInt(ids.size());
                long id = ids.get(k);
                if (r < 85) {
                    rc = engine.cancel("S", id);
                } else if (r < 92) {
                    rc = engine.amend("S", id, 5_000 + rnd.nextInt(10_000), 1 + rnd.nextInt(20));   // moves, may cross
                } else {
                    rc = engine.amend("S", id, engine.book("S").flatMap(b -> b.order(id)).map(OrderView::price).orElse(7_000L), 1);
                }
                if (!engine.book("S").orElseThrow().order(id).isPresent()) {
                    ids.set(k, ids.get(ids.size() - 1));
                    ids.remove(ids.size() - 1);
                }
            }
            feed.endCommand();
            if (rc.isAccepted()) {
                accepted++;
            } else {
                rejected++;
            }
            if (i % 5_000 == 4_999) {
                assertThat(rebuilt.orders("S")).as("after command %d", i + 1).isEqualTo(FeedFlows.engineOrders(engine, "S"));
                engine.validate();
            }
        }
        OrderBook book = engine.book("S").orElseThrow();
        assertThat(book.orderCount()).as("a large book throughout").isGreaterThan(ArrayOrderBook.PREFETCH_MIN_ORDERS);
        assertThat(rejected).as("duplicates and cancels of gone orders").isPositive();
        assertThat(accepted).isGreaterThan(90_000);
        assertThat(rebuilt.orders("S")).isEqualTo(FeedFlows.engineOrders(engine, "S"));
        assertThat(rebuilt.inSync()).isTrue();
    }
}
