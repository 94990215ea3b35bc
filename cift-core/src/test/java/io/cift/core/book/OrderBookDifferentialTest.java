package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command streams through the real book and the naive {@link ReferenceBook}: the event streams
 * must be identical command by command, and the books must agree level by level and order by order.
 * Also checks properties that hold whatever the reference says: never crossed after matching, fills
 * never exceed an order's size, quantity conserved.
 */
class OrderBookDifferentialTest {

    private static final int COMMANDS_PER_MODE = 80_000;

    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void randomStreamsAgreeWithReferenceMatcher(SelfTradePrevention mode) {
        for (long seed = 1; seed <= 2; seed++) {
            run(mode, seed * 7919 + mode.ordinal(), COMMANDS_PER_MODE / 2);
        }
    }

    /**
     * The same streams with listeners attached behind the recording one that throw on every 7th callback
     * and sleep now and then: the book must produce the same events and end in the same state.
     */
    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void hostileListenersChangeNothing(SelfTradePrevention mode) {
        HostileListeners hostile = new HostileListeners(7, 2_000);
        long failures = run(mode, 31 + mode.ordinal(), COMMANDS_PER_MODE / 4, hostile);
        assertThat(hostile.thrown).as("callbacks that threw").isPositive();
        assertThat(hostile.slept).as("callbacks that slept").isPositive();
        assertThat(failures).as("failures the book counted").isEqualTo(hostile.thrown);
    }

    /**
     * A deep book over a wide price range: 5,000 resting orders spread over 2,000 ticks a side first, then
     * commands priced anywhere in that range, so levels are inserted and removed deep in the book and
     * the level arrays grow.
     */
    @ParameterizedTest
    @EnumSource(value = SelfTradePrevention.class, names = {"NONE", "CANCEL_RESTING", "DECREMENT"})
    void deepWideBooksAgreeWithReferenceMatcher(SelfTradePrevention mode) {
        run(mode, 101 + mode.ordinal(), 8_000, null, new Shape(1_000_000, 2_000, 5_000));
    }

    /** Prices around {@code mid}, {@code halfWidth} ticks each way, after {@code prefill} resting orders. */
    private record Shape(long mid, int halfWidth, int prefill) {
        static final Shape NARROW = new Shape(100, 10, 0);

        long price(SplittableRandom rnd) {
            return mid + rnd.nextInt(2 * halfWidth + 1) - halfWidth;
        }
    }

    private static void run(SelfTradePrevention mode, long seed, int commands) {
        run(mode, seed, commands, null);
    }

    private static long run(SelfTradePrevention mode, long seed, int commands, OrderBookListener extra) {
        return run(mode, seed, commands, extra, Shape.NARROW);
    }

    private static long run(SelfTradePrevention mode, long seed, int commands, OrderBookListener extra, Shape shape) {
        RecordingListener recording = new RecordingListener();
        RecordingListener listener = recording;
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.builder()
                .selfTradePrevention(mode).initialOrderCapacity(8)
                .listener(extra == null ? recording : OrderBookListener.both(recording, extra))
                .listenerFailureHandler(ListenerFailureHandler.SILENT).build());
        ReferenceBook ref = new ReferenceBook("X", mode);
        SplittableRandom rnd = new SplittableRandom(seed);
        long nextId = 1;
        // property bookkeeping: per order, quantity entered (incl. amend growth) vs traded/cancelled/resting
        Map<Long, Long> entered = new HashMap<>();
        Map<Long, Long> sizeOf = new HashMap<>();
        long totalTraded = 0;
        for (int k = 0; k < shape.prefill(); k++) {
            long id = nextId++;
            boolean buy = rnd.nextBoolean();
            long price = buy ? shape.mid() - 1 - rnd.nextInt(shape.halfWidth()) : shape.mid() + 1 + rnd.nextInt(shape.halfWidth());
            long qty = 1 + rnd.nextInt(30);
            long owner = 1 + rnd.nextInt(4);
            Side side = buy ? Side.BUY : Side.SELL;
            assertThat(book.submit(id, owner, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, false))
                    .isEqualTo(ref.submit(id, owner, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, false));
            entered.merge(id, qty, Long::sum);
            sizeOf.merge(id, qty, Long::sum);
            assertThat(listener.drain()).isEqualTo(ref.drain());
        }

        for (int i = 0; i < commands; i++) {
            int r = rnd.nextInt(100);
            int liveCount = ref.size();
            String what;
            if (r < 55 || liveCount == 0) {
                long id = rnd.nextInt(100) < 2 && liveCount > 0 ? ref.liveId(rnd.nextInt(liveCount)) : nextId++;
                long owner = 1 + rnd.nextInt(4);
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                OrderType type = rnd.nextInt(100) < 6 ? OrderType.MARKET : OrderType.LIMIT;
                int t = rnd.nextInt(100);
                TimeInForce tif = t < 70 ? TimeInForce.GTC : t < 85 ? TimeInForce.IOC : TimeInForce.FOK;
                long price = type == OrderType.MARKET ? 0 : shape.price(rnd) + (rnd.nextInt(200) == 0 ? -shape.mid() * 2 : 0);
                long qty = rnd.nextInt(100) == 0 ? -rnd.nextInt(2) : 1 + rnd.nextInt(30);
                boolean postOnly = rnd.nextInt(10) == 0;
                what = "NEW " + id + " " + owner + " " + side + " " + type + " " + tif + " " + price + " " + qty + " po=" + postOnly;
                ResultCode a = book.submit(id, owner, side, type, tif, price, qty, postOnly);
                ResultCode b = ref.submit(id, owner, side, type, tif, price, qty, postOnly);
                assertThat(a).as(what).isEqualTo(b);
            } else if (r < 80) {
                long id = rnd.nextInt(20) == 0 ? nextId + 5 : ref.liveId(rnd.nextInt(liveCount));
                what = "CANCEL " + id;
                assertThat(book.cancel(id)).as(what).isEqualTo(ref.cancel(id));
            } else {
                long id = rnd.nextInt(20) == 0 ? nextId + 5 : ref.liveId(rnd.nextInt(liveCount));
                long price;
                long qty;
                OrderView v = book.order(id).orElse(null);
                int k = rnd.nextInt(4);
                if (v != null && k == 0) {
                    price = v.price();
                    qty = Math.max(1, v.openQuantity() - rnd.nextInt(3));
                } else if (v != null && k == 1) {
                    price = v.price();
                    qty = v.openQuantity() + 1 + rnd.nextInt(5);
                } else {
                    price = shape.price(rnd);
                    qty = rnd.nextInt(50) == 0 ? 0 : 1 + rnd.nextInt(30);
                }
                what = "AMEND " + id + " " + price + " " + qty;
                ResultCode a = book.amend(id, price, qty);
                assertThat(a).as(what).isEqualTo(ref.amend(id, price, qty));
                if (a.isAccepted()) {
                    entered.merge(id, qty - v.openQuantity(), Long::sum);
                    sizeOf.merge(id, Math.max(0, qty - v.openQuantity()), Long::sum);
                }
            }
            List<Event> actual = listener.drain();
            List<Event> expected = ref.drain();
            assertThat(actual).as("events of command %d: %s", i, what).isEqualTo(expected);

            for (Event e : actual) {
                if (e instanceof Event.Accepted acc) {
                    entered.merge(acc.orderId(), acc.quantity(), Long::sum);
                    sizeOf.merge(acc.orderId(), acc.quantity(), Long::sum);
                } else if (e instanceof Event.Trade tr) {
                    assertThat(tr.quantity()).isPositive();
                    entered.merge(tr.takerOrderId(), -tr.quantity(), Long::sum);
                    entered.merge(tr.makerOrderId(), -tr.quantity(), Long::sum);
                    totalTraded += tr.quantity();
                } else if (e instanceof Event.Cancelled c) {
                    entered.merge(c.orderId(), -c.cancelledQuantity(), Long::sum);
                }
            }
            // never crossed after matching
            if (book.bestBid() != OrderBook.NO_PRICE && book.bestAsk() != OrderBook.NO_PRICE) {
                assertThat(book.bestBid()).as("crossed after %s", what).isLessThan(book.bestAsk());
            }
            if (i % 97 == 0) {
                compareBooks(book, ref, what);
                // quantity conserved: what was entered and not traded or cancelled is resting
                for (Map.Entry<Long, Long> en : entered.entrySet()) {
                    long resting = book.order(en.getKey()).map(OrderView::openQuantity).orElse(0L);
                    assertThat(en.getValue()).as("conservation for order %d", en.getKey()).isEqualTo(resting);
                }
                for (Side s : Side.values()) {
                    for (PriceLevel l : book.depth(s, Integer.MAX_VALUE)) {
                        for (OrderView o : book.ordersAt(s, l.price())) {
                            assertThat(o.filledQuantity()).as("fills within size of %d", o.orderId())
                                    .isLessThanOrEqualTo(sizeOf.get(o.orderId()));
                        }
                    }
                }
            }
        }
        compareBooks(book, ref, "end");
        book.validate();
        assertThat(totalTraded).as("the stream traded").isPositive();
        return book.listenerFailures();
    }

    private static void compareBooks(OrderBook book, ReferenceBook ref, String after) {
        assertThat(book.orderCount()).as("order count after %s", after).isEqualTo(ref.size());
        for (Side s : Side.values()) {
            List<PriceLevel> levels = book.depth(s, Integer.MAX_VALUE);
            assertThat(levels).as("L2 %s after %s", s, after).isEqualTo(ref.depth(s));
            assertThat(book.levelCount(s)).isEqualTo(levels.size());
            List<OrderView> all = new ArrayList<>();
            for (PriceLevel l : levels) {
                List<OrderView> l3 = book.ordersAt(s, l.price());
                assertThat(l3).as("L3 %s %d after %s", s, l.price(), after).isEqualTo(ref.views(s, l.price()));
                all.addAll(l3);
            }
            for (OrderView v : all) {
                assertThat(book.order(v.orderId())).contains(v);
            }
        }
    }
}
