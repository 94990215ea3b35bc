package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command streams over several symbols through the engine and a {@link ReferenceBook} per symbol:
 * the events must be identical command by command, and every book must agree with its reference level by
 * level and order by order. A tenth of the new orders take an id that is live in another symbol's book,
 * which a book must accept as its own (ids are unique per book), and cancels and amends sometimes name an
 * id that only another book holds, which must be unknown.
 */
class EngineDifferentialTest {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};

    @ParameterizedTest
    @EnumSource(value = SelfTradePrevention.class, names = {"NONE", "CANCEL_RESTING", "DECREMENT"})
    void everyBookAgreesWithItsOwnReference(SelfTradePrevention mode) {
        RecordingListener listener = new RecordingListener();
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder()
                .symbols(SYMBOLS).selfTradePrevention(mode).initialOrderCapacity(8).listener(listener).build());
        ReferenceBook[] refs = new ReferenceBook[SYMBOLS.length];
        for (int s = 0; s < SYMBOLS.length; s++) {
            refs[s] = new ReferenceBook(SYMBOLS[s], mode);
        }
        SplittableRandom rnd = new SplittableRandom(4243 + mode.ordinal());
        long nextId = 1;
        int reused = 0;
        int foreign = 0;
        for (int i = 0; i < 60_000; i++) {
            int s = rnd.nextInt(SYMBOLS.length);
            String symbol = SYMBOLS[s];
            ReferenceBook ref = refs[s];
            ReferenceBook other = refs[(s + 1 + rnd.nextInt(SYMBOLS.length - 1)) % SYMBOLS.length];
            int r = rnd.nextInt(100);
            String what;
            ResultCode expected;
            ResultCode actual;
            if (r < 55 || ref.size() == 0) {
                long id = nextId++;
                if (rnd.nextInt(10) == 0 && other.size() > 0) {
                    id = other.liveId(rnd.nextInt(other.size()));
                    reused++;
                }
                long owner = 1 + rnd.nextInt(4);
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                OrderType type = rnd.nextInt(100) < 6 ? OrderType.MARKET : OrderType.LIMIT;
                int t = rnd.nextInt(100);
                TimeInForce tif = t < 75 ? TimeInForce.GTC : t < 90 ? TimeInForce.IOC : TimeInForce.FOK;
                long price = type == OrderType.MARKET ? 0 : 1_000 + rnd.nextInt(61) - 30;
                long qty = 1 + rnd.nextInt(30);
                what = symbol + " NEW " + id + " " + side + " " + type + " " + tif + " " + price + " " + qty;
                actual = engine.submit(symbol, id, owner, side, type, tif, price, qty, false);
                expected = ref.submit(id, owner, side, type, tif, price, qty, false);
            } else if (r < 80) {
                long id = pick(rnd, ref, other, nextId);
                what = symbol + " CANCEL " + id;
                actual = engine.cancel(symbol, id);
                expected = ref.cancel(id);
            } else {
                long id = pick(rnd, ref, other, nextId);
                long price = 1_000 + rnd.nextInt(61) - 30;
                long qty = 1 + rnd.nextInt(30);
                what = symbol + " AMEND " + id + " " + price + " " + qty;
                actual = engine.amend(symbol, id, price, qty);
                expected = ref.amend(id, price, qty);
            }
            assertThat(actual).as(what).isEqualTo(expected);
            if (expected == ResultCode.UNKNOWN_ORDER_ID && other.size() > 0) {
                foreign++;
            }
            assertThat(listener.drain()).as("events of command %d: %s", i, what).isEqualTo(ref.drain());
            if (i % 211 == 0) {
                compare(engine, refs, what);
            }
        }
        compare(engine, refs, "end");
        engine.validate();
        assertThat(reused).as("new orders that took an id live in another book").isGreaterThan(1_000);
        assertThat(foreign).as("cancels and amends of ids this book does not hold").isGreaterThan(100);
    }

    /** A live id of this book mostly; sometimes one only the other book holds, or one nobody holds. */
    private static long pick(SplittableRandom rnd, ReferenceBook ref, ReferenceBook other, long nextId) {
        int k = rnd.nextInt(20);
        if (k == 0 && other.size() > 0) {
            return other.liveId(rnd.nextInt(other.size()));
        }
        return k == 1 ? nextId + 5 : ref.liveId(rnd.nextInt(ref.size()));
    }

    private static void compare(MatchingEngine engine, ReferenceBook[] refs, String after) {
        for (int s = 0; s < SYMBOLS.length; s++) {
            OrderBook book = engine.book(SYMBOLS[s]).orElseThrow();
            ReferenceBook ref = refs[s];
            assertThat(book.orderCount()).as("%s order count after %s", SYMBOLS[s], after).isEqualTo(ref.size());
            for (Side side : Side.values()) {
                List<PriceLevel> levels = book.depth(side, Integer.MAX_VALUE);
                assertThat(levels).as("%s L2 %s after %s", SYMBOLS[s], side, after).isEqualTo(ref.depth(side));
                List<OrderView> all = new ArrayList<>();
                for (PriceLevel l : levels) {
                    List<OrderView> l3 = book.ordersAt(side, l.price());
                    assertThat(l3).as("%s L3 %s %d after %s", SYMBOLS[s], side, l.price(), after)
                            .isEqualTo(ref.views(side, l.price()));
                    all.addAll(l3);
                }
                for (OrderView v : all) {
                    assertThat(book.order(v.orderId())).as("%s order %d", SYMBOLS[s], v.orderId()).contains(v);
                }
            }
        }
    }
}
