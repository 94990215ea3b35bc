package io.cift.core.book;

import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prefetch} is a hint that changes nothing: a flow applied in batches that look ahead (every cancel and
 * amend of the batch prefetched first) gives exactly the results, events and books of the same flow applied one
 * command at a time, on books large enough that the engine really reads ahead.
 */
class PrefetchTest {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};

    /** One command of the flow. */
    private record Command(CommandType type, String symbol, long id, long owner, Side side, OrderType orderType,
                           TimeInForce tif, long price, long qty) {
        ResultCode applyTo(MatchingEngine e) {
            return switch (type) {
                case NEW -> e.submit(symbol, id, owner, side, orderType, tif, price, qty, false);
                case CANCEL -> e.cancel(symbol, id);
                case AMEND -> e.amend(symbol, id, price, qty);
            };
        }
    }

    @Test
    void batchesThatLookAheadMatchExactlyLikeCommandsOneAtATime() {
        List<Command> flow = flow(new SplittableRandom(11), 120_000);
        RecordingListener single = new RecordingListener();
        RecordingListener batched = new RecordingListener();
        MatchingEngine a = engine(single);
        MatchingEngine b = engine(batched);
        List<ResultCode> expected = new ArrayList<>();
        List<ResultCode> actual = new ArrayList<>();
        for (Command c : flow) {
            expected.add(c.applyTo(a));
        }
        for (int from = 0; from < flow.size(); from += 64) {
            int to = Math.min(flow.size(), from + 64);
            for (int i = from; i < to; i++) {
                Command c = flow.get(i);
                if (c.type != CommandType.NEW) {
                    b.prefetch(c.symbol, c.id);
                }
            }
            b.prefetch("ZZZ", 1);      // no such symbol
            b.prefetch(null, 1);
            b.prefetch("AAA", -42);    // no such order
            for (int i = from; i < to; i++) {
                actual.add(flow.get(i).applyTo(b));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(batched.events).containsExactlyElementsOf(single.events);
        assertThat(b.stateHash()).isEqualTo(a.stateHash());
        b.validate();
        int live = 0;
        for (String s : SYMBOLS) {
            live += a.book(s).orElseThrow().orderCount();
        }
        // the books held enough orders together for the engine to read ahead
        assertThat(live).isGreaterThan(ArrayOrderBook.PREFETCH_MIN_ORDERS);
        assertThat(expected).contains(ResultCode.ACCEPTED, ResultCode.UNKNOWN_ORDER_ID);
        assertThat(single.events).hasAtLeastOneElementOfType(Event.Trade.class);
    }

    @Test
    void aLargeBookPrefetchedChangesNothing() {
        RecordingListener events = new RecordingListener();
        ArrayOrderBook book = new ArrayOrderBook("X", MatchingEngineConfig.builder().listener(events).build());
        for (int i = 1; i <= ArrayOrderBook.PREFETCH_MIN_ORDERS + 100; i++) {
            book.limit(i, 1, i % 2 == 0 ? Side.BUY : Side.SELL, i % 2 == 0 ? 1_000 - i % 500 : 2_000 + i % 500, 3);
        }
        long hash = book.stateHash();
        int seen = events.events.size();
        for (long id = -5; id < ArrayOrderBook.PREFETCH_MIN_ORDERS + 200; id += 7) {
            book.prefetch(id);
        }
        assertThat(book.stateHash()).isEqualTo(hash);
        assertThat(events.events).hasSize(seen);
        assertThat(book.orderCount()).isEqualTo(ArrayOrderBook.PREFETCH_MIN_ORDERS + 100);
        book.validate();
    }

    @Test
    void anEngineOfManySmallBooksCreatedOnTheWayPrefetchesAndChangesNothing() {
        RecordingListener events = new RecordingListener();
        MatchingEngine e = MatchingEngine.create(MatchingEngineConfig.builder().listener(events).build());
        long id = 0;
        for (int s = 0; s < 12; s++) {   // twelve books of 1,500 orders: small each, 18,000 together
            for (int i = 0; i < 1_500; i++) {
                e.submit("S" + s, ++id, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 + i % 300, 1, false);
            }
        }
        long hash = e.stateHash();
        int seen = events.events.size();
        for (long orderId = 1; orderId <= id + 10; orderId++) {
            e.prefetch("S" + (orderId % 12), orderId);
        }
        assertThat(e.stateHash()).isEqualTo(hash);
        assertThat(events.events).hasSize(seen);
        assertThat(e.symbols()).hasSize(12);
        assertThat(e.cancel("S11", id)).isEqualTo(ResultCode.ACCEPTED);
    }

    private static MatchingEngine engine(OrderBookListener listener) {
        return MatchingEngine.create(MatchingEngineConfig.builder().symbols(SYMBOLS).initialOrderCapacity(64)
                .listener(listener).build());
    }

    /** Deep books first (orders resting over a wide band), then new orders, cancels and amends anywhere. */
    private static List<Command> flow(SplittableRandom rnd, int n) {
        List<Command> flow = new ArrayList<>();
        List<long[]> live = new ArrayList<>();   // {symbol index, id}
        long id = 0;
        for (int i = 0; i < n; i++) {
            int s = rnd.nextInt(SYMBOLS.length);
            int r = rnd.nextInt(100);
            if (i < 30_000 || r < 45 || live.isEmpty()) {
                boolean buy = rnd.nextBoolean();
                boolean cross = i >= 30_000 && rnd.nextInt(10) == 0;
                long price = buy ? (cross ? 5_010 : 1_000 + rnd.nextInt(4_000)) : (cross ? 4_990 : 5_001 + rnd.nextInt(4_000));
                TimeInForce tif = cross && rnd.nextBoolean() ? TimeInForce.IOC : TimeInForce.GTC;
                flow.add(new Command(CommandType.NEW, SYMBOLS[s], ++id, 1 + rnd.nextInt(3), buy ? Side.BUY : Side.SELL,
                        OrderType.LIMIT, tif, price, 1 + rnd.nextInt(20)));
                live.add(new long[] {s, id});
            } else {
                long[] victim = live.get(rnd.nextInt(live.size()));
                if (r < 90) {
                    flow.add(new Command(CommandType.CANCEL, SYMBOLS[(int) victim[0]], victim[1], 0, null, null, null, 0, 0));
                } else {
                    boolean buyish = rnd.nextBoolean();
                    long price = buyish ? 1_000 + rnd.nextInt(4_000) : 5_001 + rnd.nextInt(4_000);
                    flow.add(new Command(CommandType.AMEND, SYMBOLS[(int) victim[0]], victim[1], 0, null, null, null, price,
                            1 + rnd.nextInt(20)));
                }
            }
        }
        return flow;
    }
}
