package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book under extreme values: prices from 1 to past {@link OrderBook#MAX_PRICE}, quantities up to and
 * past {@link OrderBook#MAX_QUANTITY}, prices spread so widely that the level arrays keep growing, every
 * self-trade prevention mode. Whatever the commands, the book never throws, stays consistent and never
 * crossed, and refuses exactly what is out of range. Tries: {@code jqwik.tries.default} (raised in the
 * slow profile).
 */
class OrderBookProperties {

    /** One command: 0 new, 1 cancel, 2 amend. */
    record Cmd(int kind, int id, int owner, Side side, OrderType type, TimeInForce tif, long price, long qty, boolean postOnly) {
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 40),
                Arbitraries.longs().between(OrderBook.MAX_PRICE - 40, OrderBook.MAX_PRICE + 2),
                Arbitraries.longs().between(1, OrderBook.MAX_PRICE),
                Arbitraries.longs().between(Long.MIN_VALUE, 0));
    }

    @Provide
    Arbitrary<Long> quantities() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 10),
                Arbitraries.longs().between(OrderBook.MAX_QUANTITY - 10, OrderBook.MAX_QUANTITY + 2),
                Arbitraries.longs().between(Long.MAX_VALUE - 2, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, 0));
    }

    @Provide
    Arbitrary<List<Cmd>> commands() {
        Arbitrary<Cmd> cmd = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(1, 3), Arbitraries.of(Side.class),
                Arbitraries.of(OrderType.class), Arbitraries.of(TimeInForce.class), prices(), quantities())
                .as((k, id, owner, side, type, tif, price, qty) -> new Cmd(k, id, owner, side, type, tif, price, qty, id % 11 == 0));
        return cmd.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property
    void extremeValuesNeverBreakTheBook(@ForAll("commands") List<Cmd> cmds, @ForAll SelfTradePrevention stp) {
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.builder().selfTradePrevention(stp)
                .initialOrderCapacity(1).build());
        for (Cmd c : cmds) {
            ResultCode rc = switch (c.kind()) {
                case 0 -> book.submit(c.id(), c.owner(), c.side(), c.type(), c.tif(), c.price(), c.qty(), c.postOnly());
                case 1 -> book.cancel(c.id());
                default -> book.amend(c.id(), c.price(), c.qty());
            };
            if (c.kind() != 1 && (c.qty() <= 0 || c.qty() > OrderBook.MAX_QUANTITY)) {
                assertThat(rc).as("%s", c).isIn(ResultCode.INVALID_QUANTITY, ResultCode.UNKNOWN_ORDER_ID);
            }
            if (c.kind() == 0 && c.type() == OrderType.LIMIT && c.qty() > 0 && c.qty() <= OrderBook.MAX_QUANTITY
                    && (c.price() <= 0 || c.price() > OrderBook.MAX_PRICE)) {
                assertThat(rc).as("%s", c).isEqualTo(ResultCode.INVALID_PRICE);
            }
            book.validate();
            if (book.bestBid() != OrderBook.NO_PRICE && book.bestAsk() != OrderBook.NO_PRICE) {
                assertThat(book.bestBid()).isLessThan(book.bestAsk());
            }
            assertThat(book.bestQuantity(Side.BUY)).isNotNegative();
            assertThat(book.bestQuantity(Side.SELL)).isNotNegative();
        }
    }

    @Property
    void manyDistinctPricesGrowTheLevelArraysAndStaySorted(@ForAll @Size(min = 1, max = 2_000) List<@net.jqwik.api.constraints.LongRange(min = 1, max = 1_000_000_000_000_000L) Long> prices) {
        OrderBook book = OrderBook.create("X", MatchingEngineConfig.builder().initialOrderCapacity(1).build());
        long id = 1;
        for (long p : prices) {
            book.limit(id++, 1, Side.BUY, p, 1);
        }
        book.validate();
        List<PriceLevel> levels = book.depth(Side.BUY, Integer.MAX_VALUE);
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i).price()).isLessThan(levels.get(i - 1).price());
        }
        assertThat(levels.stream().mapToLong(PriceLevel::quantity).sum()).isEqualTo(prices.size());
    }

    @Property
    void manySymbolsEachGetABookThatGrowsOnDemand(@ForAll @Size(min = 1, max = 400) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 5_000) Integer> symbols,
                                                   @ForAll("prices") long price, @ForAll("quantities") long qty) {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().build());
        long id = 1;
        java.util.Set<String> accepted = new java.util.HashSet<>();
        for (int s : symbols) {
            String sym = "S" + s;
            ResultCode a = engine.submit(sym, id++, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, qty, false);
            ResultCode b = engine.submit(sym, id++, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price, qty, false);
            if (a == ResultCode.ACCEPTED) {
                assertThat(b).as("the sell crosses the buy at the same price").isEqualTo(ResultCode.ACCEPTED);
                accepted.add(sym);
                assertThat(engine.book(sym).orElseThrow().orderCount()).as("fully filled").isZero();
            } else {
                assertThat(a).isIn(ResultCode.INVALID_PRICE, ResultCode.INVALID_QUANTITY);
            }
        }
        assertThat(engine.symbols()).containsAll(accepted);
        engine.validate();
    }
}
