package io.cift.core.book;

import org.junit.jupiter.api.Test;

import static io.cift.core.model.OrderType.LIMIT;
import static io.cift.core.model.Side.BUY;
import static io.cift.core.model.Side.SELL;
import static io.cift.core.model.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

class MatchingEngineTest {

    private final RecordingListener events = new RecordingListener();

    @Test
    void routesEachSymbolToItsOwnBook() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(events).build());
        engine.submit("AAA", 1, 1, BUY, LIMIT, GTC, 100, 5, false);
        engine.submit("BBB", 1, 1, SELL, LIMIT, GTC, 100, 5, false);   // same id, other book: fine
        assertThat(events.of(Event.Trade.class)).isEmpty();
        assertThat(engine.symbols()).containsExactly("AAA", "BBB");
        engine.submit("AAA", 2, 2, SELL, LIMIT, GTC, 100, 2, false);
        assertThat(events.of(Event.Trade.class)).containsExactly(
                new Event.Trade("AAA", 2, 2, 1, 1, SELL, 100, 2, 0, 3));
        assertThat(engine.book("BBB").orElseThrow().bestAsk()).isEqualTo(100);
        assertThat(engine.amend("AAA", 1, 101, 3)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.cancel("BBB", 1)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.book("BBB").orElseThrow().orderCount()).isZero();
        assertThat(engine.book("CCC")).isEmpty();
    }

    @Test
    void dynamicEngineRejectsCancelOfUnknownSymbolAsUnknownOrder() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(events).build());
        assertThat(engine.cancel("ZZZ", 4)).isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
        assertThat(engine.amend("ZZZ", 4, 1, 1)).isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
        assertThat(engine.submit("", 5, 1, BUY, LIMIT, GTC, 1, 1, false)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        assertThat(engine.symbols()).isEmpty();
    }

    @Test
    void fixedSymbolListRejectsEveryCommandForOtherSymbols() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder()
                .symbols("AAA").listener(events).build());
        assertThat(engine.symbols()).containsExactly("AAA");
        assertThat(engine.submit("XYZ", 1, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        assertThat(engine.cancel("XYZ", 1)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        assertThat(engine.amend("XYZ", 1, 1, 1)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        assertThat(events.events).containsExactly(
                new Event.Rejected("XYZ", 1, CommandType.NEW, ResultCode.UNKNOWN_SYMBOL),
                new Event.Rejected("XYZ", 1, CommandType.CANCEL, ResultCode.UNKNOWN_SYMBOL),
                new Event.Rejected("XYZ", 1, CommandType.AMEND, ResultCode.UNKNOWN_SYMBOL));
        assertThat(engine.symbols()).containsExactly("AAA");
        assertThat(engine.submit("AAA", 1, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void booksCreatedOnDemandStopAtMaxSymbols() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().maxSymbols(2).listener(events).build());
        assertThat(engine.submit("AAA", 1, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.submit("BBB", 2, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.submit("CCC", 3, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
        assertThat(events.events).endsWith(new Event.Rejected("CCC", 3, CommandType.NEW, ResultCode.TOO_MANY_SYMBOLS));
        assertThat(engine.symbols()).containsExactly("AAA", "BBB");
        assertThat(engine.book("CCC")).isEmpty();
        assertThat(engine.cancel("CCC", 3)).isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
        // the books it has keep trading
        assertThat(engine.submit("BBB", 4, 2, SELL, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.book("BBB").orElseThrow().orderCount()).isZero();
    }

    @Test
    void maxSymbolsDoesNotBoundAFixedList() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder()
                .symbols("AAA", "BBB", "CCC").maxSymbols(1).build());
        assertThat(engine.submit("CCC", 1, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.submit("DDD", 2, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
    }

    @Test
    void maxSymbolsIsCheckedAndHasADefault() {
        assertThat(MatchingEngineConfig.defaults().maxSymbols()).isEqualTo(MatchingEngineConfig.DEFAULT_MAX_SYMBOLS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatchingEngineConfig.builder().maxSymbols(0))
                .hasMessage("maxSymbols must be at least 1, got 0");
        assertThat(MatchingEngineConfig.builder().maxSymbols(7).build().toBuilder().build().maxSymbols()).isEqualTo(7);
    }

    @Test
    void aSymbolLongerThanAJournalOrTheFeedHoldsGetsNoBook() {
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(events).build());
        String longest = "é".repeat(127) + "x";   // 255 UTF-8 bytes from 128 chars
        String tooLong = "é".repeat(128);          // 256 bytes
        assertThat(engine.submit(longest, 1, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.submit(tooLong, 2, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(engine.submit("y".repeat(10_000), 3, 1, BUY, LIMIT, GTC, 100, 5, false)).isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(events.events).endsWith(new Event.Rejected("y".repeat(10_000), 3, CommandType.NEW, ResultCode.INVALID_SYMBOL));
        assertThat(engine.symbols()).containsExactly(longest);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatchingEngineConfig.builder().symbols("A", "z".repeat(256)))
                .hasMessage("symbols: a symbol must be at most 255 UTF-8 bytes, got one of 256 starting 'zzzzzzzzzzzzzzzz'");
    }
}
