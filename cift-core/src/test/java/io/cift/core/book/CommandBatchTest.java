package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch applied through {@link MatchingEngine#apply} has exactly the effects of its commands sent one by
 * one: the same results, the same events in the same order, the same books. The engine sent one command at
 * a time is itself held to a reference matcher by {@link EngineDifferentialTest}.
 */
class CommandBatchTest {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};

    @Test
    void aBatchHasExactlyTheEffectsOfItsCommandsSentOneByOne() {
        RecordingListener oneByOne = new RecordingListener();
        RecordingListener batched = new RecordingListener();
        MatchingEngine single = engine(oneByOne);
        MatchingEngine batch = engine(batched);
        SplittableRandom rnd = new SplittableRandom(99);
        CommandBatch b = new CommandBatch(4);   // grows on the way
        List<ResultCode> expected = new ArrayList<>();
        List<ResultCode> actual = new ArrayList<>();
        long nextId = 1;
        int batches = 0;
        int commands = 0;
        while (commands < 80_000) {
            int n = 1 + rnd.nextInt(150);
            for (int k = 0; k < n; k++, commands++) {
                String symbol = rnd.nextInt(200) == 0 ? (rnd.nextBoolean() ? null : " ") : SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                int r = rnd.nextInt(100);
                if (r < 50) {
                    long id = nextId++;
                    Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                    OrderType type = rnd.nextInt(100) < 5 ? OrderType.MARKET : OrderType.LIMIT;
                    int t = rnd.nextInt(100);
                    TimeInForce tif = t < 80 ? TimeInForce.GTC : t < 92 ? TimeInForce.IOC : TimeInForce.FOK;
                    // a wide band: a deep book with many levels, and crossing orders near the touch
                    long price = type == OrderType.MARKET ? 0 : side == Side.BUY ? 9_000 + rnd.nextInt(1_100)
                            : 9_900 + rnd.nextInt(1_100);
                    long qty = 1 + rnd.nextInt(40);
                    long owner = 1 + rnd.nextInt(5);
                    boolean postOnly = rnd.nextInt(20) == 0;
                    expected.add(single.submit(symbol, id, owner, side, type, tif, price, qty, postOnly));
                    b.submit(symbol, id, owner, side, type, tif, price, qty, postOnly);
                } else if (r < 88) {
                    long id = 1 + rnd.nextLong(nextId + 5);   // mostly live or gone, sometimes never used
                    expected.add(single.cancel(symbol, id));
                    b.cancel(symbol, id);
                } else {
                    long id = 1 + rnd.nextLong(nextId + 5);
                    long price = 9_500 + rnd.nextInt(1_000);
                    long qty = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(40);
                    expected.add(single.amend(symbol, id, price, qty));
                    b.amend(symbol, id, price, qty);
                }
            }
            batch.apply(b);
            assertThat(b.applied()).isEqualTo(n);
            for (int k = 0; k < n; k++) {
                actual.add(b.result(k));
            }
            b.clear();
            batches++;
        }

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).contains(ResultCode.ACCEPTED, ResultCode.UNKNOWN_ORDER_ID, ResultCode.UNKNOWN_SYMBOL,
                ResultCode.INVALID_QUANTITY);
        assertThat(batched.events).hasSize(oneByOne.events.size()).containsExactlyElementsOf(oneByOne.events);
        assertThat(oneByOne.events).hasAtLeastOneElementOfType(Event.Trade.class);
        assertThat(batch.stateHash()).isEqualTo(single.stateHash());
        batch.validate();
        assertThat(batches).isGreaterThan(500);
        assertThat(single.book("AAA").orElseThrow().orderCount()).isGreaterThan(1_000);
    }

    private static MatchingEngine engine(OrderBookListener listener) {
        return MatchingEngine.create(MatchingEngineConfig.builder().symbols(SYMBOLS)
                .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).initialOrderCapacity(16).listener(listener).build());
    }

    @Test
    void aCommandThatThrowsEndsTheBatchThereWithTheCommandsBeforeItApplied() {
        RecordingListener events = new RecordingListener();
        MatchingEngine real = engine(events);
        MatchingEngine failing = new Delegating(real) {
            @Override
            public ResultCode cancel(String symbol, long orderId, CancelReason reason) {
                if (orderId == 13) {
                    throw new IllegalStateException("order 13 cannot be cancelled here");
                }
                return super.cancel(symbol, orderId, reason);
            }
        };
        CommandBatch b = new CommandBatch()
                .submit("AAA", 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false)
                .cancel("AAA", 13)
                .submit("AAA", 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);

        assertThatThrownBy(() -> failing.apply(b)).isInstanceOf(IllegalStateException.class).hasMessageContaining("order 13");

        assertThat(b.applied()).isEqualTo(1);
        assertThat(b.result(0)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(b.result(1)).isNull();
        assertThat(b.result(2)).isNull();
        assertThat(real.book("AAA").orElseThrow().orderCount()).isEqualTo(1);
        assertThat(events.events).hasSize(1);
    }

    @Test
    void badCommandsAreRefusedWhenAddedAndNothingIsAdded() {
        CommandBatch b = new CommandBatch(2);
        assertThatThrownBy(() -> b.submit("AAA", 1, 1, null, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false))
                .isInstanceOf(NullPointerException.class).hasMessage("side");
        assertThatThrownBy(() -> b.submit("AAA", 1, 1, Side.BUY, null, TimeInForce.GTC, 100, 5, false))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> b.submit("AAA", 1, 1, Side.BUY, OrderType.LIMIT, null, 100, 5, false))
                .isInstanceOf(NullPointerException.class).hasMessage("tif");
        assertThat(b.size()).isZero();
        assertThatThrownBy(() -> new CommandBatch(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity").hasMessageContaining("0");
        assertThatThrownBy(() -> b.result(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aBatchIsReusedAfterClearAndGrowsPastItsCapacity() {
        MatchingEngine e = engine(new RecordingListener());
        CommandBatch b = new CommandBatch(1);
        for (int i = 1; i <= 5; i++) {
            b.submit("BBB", i, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 200 + i, 1, false);
        }
        assertThat(b.size()).isEqualTo(5);
        assertThat(b.command(4)).isEqualTo(CommandType.NEW);
        assertThat(b.symbol(4)).isEqualTo("BBB");
        assertThat(b.orderId(4)).isEqualTo(5);
        e.apply(b);
        assertThat(b.result(4)).isEqualTo(ResultCode.ACCEPTED);

        b.clear();
        assertThat(b.size()).isZero();
        assertThat(b.applied()).isZero();
        b.cancel("BBB", 5).cancel("BBB", 5).amend("BBB", 4, 210, 3);
        assertThat(b.result(0)).isNull();
        e.apply(b);
        assertThat(b.result(0)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(b.result(1)).isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
        assertThat(b.result(2)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(e.book("BBB").orElseThrow().order(4).orElseThrow().price()).isEqualTo(210);
        assertThat(e.book("BBB").orElseThrow().orderCount()).isEqualTo(4);
    }

    /** An engine that passes everything to another. */
    private static class Delegating implements MatchingEngine {
        private final MatchingEngine e;

        Delegating(MatchingEngine e) {
            this.e = e;
        }

        @Override
        public ResultCode submit(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                                 long price, long quantity, boolean postOnly) {
            return e.submit(symbol, orderId, ownerId, side, type, tif, price, quantity, postOnly);
        }

        @Override
        public ResultCode cancel(String symbol, long orderId, CancelReason reason) {
            return e.cancel(symbol, orderId, reason);
        }

        @Override
        public ResultCode amend(String symbol, long orderId, long newPrice, long newQuantity) {
            return e.amend(symbol, orderId, newPrice, newQuantity);
        }

        @Override
        public Optional<OrderBook> book(String symbol) {
            return e.book(symbol);
        }

        @Override
        public long listenerFailures() {
            return e.listenerFailures();
        }

        @Override
        public long stateHash() {
            return e.stateHash();
        }

        @Override
        public void validate() {
            e.validate();
        }

        @Override
        public Set<String> symbols() {
            return e.symbols();
        }
    }
}
