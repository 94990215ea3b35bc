package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.cift.core.model.OrderType.LIMIT;
import static io.cift.core.model.Side.BUY;
import static io.cift.core.model.Side.SELL;
import static io.cift.core.model.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A listener's failure never reaches the book, and the book is consistent whenever a callback runs. */
class ListenerContainmentTest {

    @Test
    void anAmendWhoseCallbackThrowsLeavesTheBookConsistent() {
        List<String> reported = new ArrayList<>();
        OrderBookListener throwing = new OrderBookListener() {
            @Override
            public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
                throw new IllegalStateException("boom");
            }
        };
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(throwing)
                .listenerFailureHandler((cb, sym, id, e, n) -> reported.add(cb + " " + sym + " " + id + " " + e.getMessage() + " #" + n))
                .build());
        engine.submit("A", 1, 1, BUY, LIMIT, GTC, 100, 10, false);
        assertThat(engine.amend("A", 1, 99, 12)).isEqualTo(ResultCode.ACCEPTED);
        OrderBook book = engine.book("A").orElseThrow();
        book.validate();
        assertThat(book.depth(BUY, 5)).containsExactly(new PriceLevel(BUY, 99, 12, 1));
        assertThat(engine.cancel("A", 1)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(book.orderCount()).isZero();
        book.validate();
        assertThat(engine.listenerFailures()).isEqualTo(1);
        assertThat(reported).containsExactly("onAmended A 1 boom #1");
    }

    @Test
    void aCrossingAmendWhoseCallbacksThrowStillTradesAndRests() {
        OrderBookListener throwingEverywhere = new HostileListeners(1, Integer.MAX_VALUE);
        OrderBook book = OrderBook.create("A", MatchingEngineConfig.builder().listener(throwingEverywhere)
                .listenerFailureHandler(ListenerFailureHandler.SILENT).build());
        book.limit(1, 1, SELL, 101, 5);
        book.limit(2, 2, BUY, 100, 8);
        assertThat(book.amend(2, 101, 8)).isEqualTo(ResultCode.ACCEPTED);   // trades 5, rests 3 at 101
        book.validate();
        assertThat(book.depth(BUY, 5)).containsExactly(new PriceLevel(BUY, 101, 3, 1));
        assertThat(book.orderCount()).isEqualTo(1);
        assertThat(book.listenerFailures()).isEqualTo(4);   // accepted x2, amended, trade
    }

    /** Every callback of a random stream checks the whole book: it must be consistent at that moment. */
    @Test
    void theBookIsConsistentWheneverACallbackRuns() {
        OrderBook[] holder = new OrderBook[1];
        int[] checks = new int[1];
        OrderBookListener validating = new OrderBookListener() {
            void check() {
                holder[0].validate();
                checks[0]++;
            }

            @Override
            public void onAccepted(String s, long id, long owner, Side side, OrderType t, TimeInForce tif, long p, long q) {
                check();
            }

            @Override
            public void onTrade(String s, long t, long to, long m, long mo, Side side, long p, long q, long tr, long mr) {
                check();
            }

            @Override
            public void onCancelled(String s, long id, long c, long r, CancelReason reason) {
                check();
            }

            @Override
            public void onAmended(String s, long id, long p, long q, boolean kept) {
                check();
            }
        };
        for (SelfTradePrevention stp : SelfTradePrevention.values()) {
            holder[0] = OrderBook.create("X", MatchingEngineConfig.builder().selfTradePrevention(stp)
                    .listener(validating).listenerFailureHandler((cb, s, id, e, n) -> {
                        throw new AssertionError(cb + " saw an inconsistent book: " + e.getMessage(), e);
                    }).build());
            randomStream(holder[0], new SplittableRandom(stp.ordinal()), 6_000);
        }
        assertThat(checks[0]).isGreaterThan(10_000);
    }

    @Test
    void stateHashFollowsOrdersAndPriorityNotHistory() {
        OrderBook a = OrderBook.create("X", MatchingEngineConfig.defaults());
        OrderBook b = OrderBook.create("X", MatchingEngineConfig.defaults());
        long empty = a.stateHash();
        a.limit(1, 1, BUY, 100, 5);
        a.limit(2, 1, BUY, 100, 5);
        // b reaches the same orders by another way: a third order that comes and goes
        b.limit(1, 1, BUY, 100, 5);
        b.limit(3, 1, SELL, 105, 5);
        b.limit(2, 1, BUY, 100, 5);
        b.cancel(3);
        assertThat(b.stateHash()).isEqualTo(a.stateHash()).isNotEqualTo(empty);
        // same orders, other time priority
        OrderBook c = OrderBook.create("X", MatchingEngineConfig.defaults());
        c.limit(2, 1, BUY, 100, 5);
        c.limit(1, 1, BUY, 100, 5);
        assertThat(c.stateHash()).isNotEqualTo(a.stateHash());
        // one lot less on one order
        b.amend(2, 100, 4);
        assertThat(b.stateHash()).isNotEqualTo(a.stateHash());
        // another symbol with the same orders
        OrderBook d = OrderBook.create("Y", MatchingEngineConfig.defaults());
        d.limit(1, 1, BUY, 100, 5);
        d.limit(2, 1, BUY, 100, 5);
        assertThat(d.stateHash()).isNotEqualTo(a.stateHash());
    }

    @Test
    void engineHashIgnoresEmptyBooksAndCreationOrder() {
        MatchingEngine a = MatchingEngine.create(MatchingEngineConfig.defaults());
        MatchingEngine b = MatchingEngine.create(MatchingEngineConfig.defaults());
        a.submit("A", 1, 1, BUY, LIMIT, GTC, 10, 1, false);
        a.submit("B", 1, 1, BUY, LIMIT, GTC, 10, 1, false);
        b.submit("Z", 9, 1, BUY, LIMIT, GTC, 10, 1, false);
        b.cancel("Z", 9);
        b.submit("B", 1, 1, BUY, LIMIT, GTC, 10, 1, false);
        b.submit("A", 1, 1, BUY, LIMIT, GTC, 10, 1, false);
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        b.submit("A", 2, 1, BUY, LIMIT, GTC, 10, 1, false);
        assertThat(b.stateHash()).isNotEqualTo(a.stateHash());
        a.validate();
        b.validate();
    }

    @Test
    void validateNamesTheProblem() {
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.defaults());
        book.limit(1, 1, BUY, 100, 5);
        book.validate();
        io.cift.core.book.internal.ArrayOrderBook raw = (io.cift.core.book.internal.ArrayOrderBook) book;
        assertThatThrownBy(() -> raw.restore(1, 1, true, 100, 5, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already live");
        assertThatThrownBy(() -> raw.restore(2, 1, false, 99, 5, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cross");
    }

    static void randomStream(OrderBook book, SplittableRandom rnd, int commands) {
        long next = 1;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            int r = rnd.nextInt(100);
            if (r < 55 || ids.isEmpty()) {
                long id = next++;
                ids.add(id);
                int t = rnd.nextInt(10);
                OrderType type = t == 0 ? OrderType.MARKET : OrderType.LIMIT;
                TimeInForce tif = t < 7 ? TimeInForce.GTC : t < 9 ? TimeInForce.IOC : TimeInForce.FOK;
                book.submit(id, 1 + rnd.nextInt(3), rnd.nextBoolean() ? BUY : SELL, type, tif,
                        95 + rnd.nextInt(11), 1 + rnd.nextInt(20), rnd.nextInt(15) == 0);
            } else if (r < 80) {
                book.cancel(ids.get(rnd.nextInt(ids.size())));
            } else {
                book.amend(ids.get(rnd.nextInt(ids.size())), 95 + rnd.nextInt(11), 1 + rnd.nextInt(20));
            }
        }
    }
}
