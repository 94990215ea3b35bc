package io.cift.core.risk;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.OrderView;
import io.cift.core.book.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.cift.core.model.OrderType.LIMIT;
import static io.cift.core.model.Side.BUY;
import static io.cift.core.model.Side.SELL;
import static io.cift.core.model.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/** The risk gate in front of a real MatchingEngine. */
class RiskCheckedEngineTest {

    private final List<String> rejects = new ArrayList<>();
    private final List<Long> trades = new ArrayList<>();
    private final List<String> cancels = new ArrayList<>();
    private final RiskCheckedEngine engine = RiskCheckedEngine.create(MatchingEngineConfig.builder()
            .symbols("X", "Y")
            .listener(new OrderBookListener() {
                @Override
                public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
                    rejects.add(command + " " + orderId + " " + reason);
                }

                @Override
                public void onTrade(String symbol, long t, long to, long m, long mo, io.cift.core.model.Side side,
                                    long price, long qty, long tr, long mr) {
                    trades.add(qty);
                }

                @Override
                public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remaining,
                                        CancelReason reason) {
                    cancels.add(orderId + " " + reason);
                }
            }).build(), () -> 0L);

    private OrderBook book() {
        return engine.book("X").orElseThrow();
    }

    @Test
    void refusedOrderNeverTouchesTheBook() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().maxOrderQuantity(10).build());
        assertThat(engine.submit("X", 1, 1, BUY, LIMIT, GTC, 100, 11, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.MAX_ORDER_QUANTITY);
        assertThat(engine.risk().lastRejectMessage()).contains("maxOrderQuantity 10");
        assertThat(rejects).containsExactly("NEW 1 RISK_REJECTED");
        assertThat(book().orderCount()).isZero();
        assertThat(engine.risk().openOrderCount(1)).isZero();
        assertThat(engine.submit("X", 2, 2, BUY, LIMIT, GTC, 100, 1, false)).as("account 2 has no limits")
                .isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void aSymbolTheEngineRefusesLeavesNoRiskState() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().build());
        long before = engine.risk().stateHash();
        for (int i = 0; i < 1_000; i++) {
            assertThat(engine.submit("Z" + i, 10 + i, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        }
        assertThat(engine.submit(" ", 5_000, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.UNKNOWN_SYMBOL);
        assertThat(rejects).hasSize(1_001).allMatch(r -> r.endsWith("UNKNOWN_SYMBOL"));
        assertThat(engine.risk().stateHash()).as("no instrument, no client id, no reservation").isEqualTo(before);
        assertThat(engine.risk().openOrderCount(1)).isZero();
        assertThat(engine.risk().position(1, "Z0")).isEmpty();
        engine.risk().validate();
        assertThat(engine.submit("X", 10, 1, BUY, LIMIT, GTC, 100, 1, false)).as("the ids were never taken")
                .isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void aSymbolBeyondMaxSymbolsLeavesNoRiskState() {
        RiskCheckedEngine onDemand = RiskCheckedEngine.create(MatchingEngineConfig.builder().maxSymbols(1).build(), () -> 0L);
        onDemand.risk().setAccountLimits(1, AccountLimits.builder().build());
        assertThat(onDemand.submit("A", 1, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.ACCEPTED);
        long before = onDemand.risk().stateHash();
        for (int i = 0; i < 1_000; i++) {
            assertThat(onDemand.submit("Z" + i, 10 + i, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
        }
        assertThat(onDemand.risk().stateHash()).as("no instrument, no client id, no reservation").isEqualTo(before);
        assertThat(onDemand.risk().openOrderCount(1)).isEqualTo(1);
        assertThat(onDemand.risk().position(1, "Z0")).isEmpty();
        onDemand.risk().validate();
        assertThat(onDemand.submit("A", 10, 1, BUY, LIMIT, GTC, 100, 1, false)).as("the ids were never taken")
                .isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void fillsFromTheBookMovePositionsOfBothAccounts() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().build());
        engine.risk().setAccountLimits(2, AccountLimits.builder().build());
        assertThat(engine.submit("X", 1, 1, SELL, LIMIT, GTC, 100, 10, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.risk().openOrderCount(1)).isEqualTo(1);
        assertThat(engine.submit("X", 2, 2, BUY, LIMIT, GTC, 101, 4, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(trades).containsExactly(4L);
        assertThat(engine.risk().position(1, "X").orElseThrow().quantity()).isEqualTo(-4);
        assertThat(engine.risk().position(2, "X").orElseThrow().quantity()).isEqualTo(4);
        assertThat(engine.risk().position(2, "X").orElseThrow().averageCost()).isEqualTo(100.0);
        assertThat(engine.risk().openOrderCount(2)).as("fully filled taker").isZero();
        assertThat(engine.risk().position(1, "X").orElseThrow().openSellQuantity()).isEqualTo(6);
        assertThat(engine.cancel("X", 1)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.risk().openOrderCount(1)).isZero();
        assertThat(engine.risk().position(1, "X").orElseThrow().openSellQuantity()).isZero();
    }

    @Test
    void positionLimitHoldsAcrossRealOrdersAndFills() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().maxPosition(10).build());
        engine.risk().setAccountLimits(2, AccountLimits.builder().build());
        engine.submit("X", 1, 2, SELL, LIMIT, GTC, 100, 6, false);
        assertThat(engine.submit("X", 2, 1, BUY, LIMIT, GTC, 100, 6, false)).isEqualTo(ResultCode.ACCEPTED);   // long 6
        assertThat(engine.submit("X", 3, 1, BUY, LIMIT, GTC, 90, 4, false)).isEqualTo(ResultCode.ACCEPTED);   // worst 10
        assertThat(engine.submit("X", 4, 1, BUY, LIMIT, GTC, 90, 1, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.POSITION_LIMIT);
        assertThat(engine.amend("X", 3, 90, 5)).as("amend growing the open buy").isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(book().order(3)).get().extracting(OrderView::openQuantity).isEqualTo(4L);
        assertThat(engine.amend("X", 3, 91, 3)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(rejects).containsExactly("NEW 4 RISK_REJECTED", "AMEND 3 RISK_REJECTED");
    }

    @Test
    void priceBandUsesTheBooksMidBeforeTheFirstTrade() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().priceBand(PriceBand.ticks(2)).build());
        engine.risk().setAccountLimits(2, AccountLimits.builder().build());
        assertThat(engine.submit("X", 1, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.NO_REFERENCE_PRICE);
        engine.submit("X", 2, 2, BUY, LIMIT, GTC, 98, 1, false);
        engine.submit("X", 3, 2, SELL, LIMIT, GTC, 104, 1, false);    // mid 101
        assertThat(engine.submit("X", 4, 1, BUY, LIMIT, GTC, 99, 1, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(engine.submit("X", 5, 1, BUY, LIMIT, GTC, 98, 1, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.PRICE_BAND);
    }

    @Test
    void killAccountRefusesNewOrdersAndCancelsItsOpenOrdersInTheBook() {
        engine.risk().setAccountLimits(1, AccountLimits.builder().build());
        engine.risk().setAccountLimits(2, AccountLimits.builder().build());
        engine.submit("X", 1, 1, BUY, LIMIT, GTC, 100, 1, false);
        engine.submit("Y", 2, 1, SELL, LIMIT, GTC, 200, 1, false);
        engine.submit("X", 3, 2, BUY, LIMIT, GTC, 99, 1, false);
        assertThat(engine.killAccount(1, true)).isEqualTo(2);
        assertThat(book().order(1)).isEmpty();
        assertThat(engine.book("Y").orElseThrow().orderCount()).isZero();
        assertThat(book().order(3)).isPresent();
        assertThat(engine.submit("X", 4, 1, BUY, LIMIT, GTC, 100, 1, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.KILL_SWITCH_ACCOUNT);
        assertThat(engine.cancel("X", 3)).as("cancels are never refused").isEqualTo(ResultCode.ACCEPTED);
        engine.submit("X", 5, 2, BUY, LIMIT, GTC, 99, 1, false);
        assertThat(engine.killAll(false)).isZero();
        assertThat(book().order(5)).isPresent();
        assertThat(engine.submit("X", 6, 2, BUY, LIMIT, GTC, 99, 1, false)).isEqualTo(ResultCode.RISK_REJECTED);
        assertThat(engine.lastRiskReason()).isEqualTo(RiskReason.KILL_SWITCH_GLOBAL);
        assertThat(engine.killAll(true)).isEqualTo(1);
        assertThat(book().orderCount()).isZero();
        assertThat(cancels).as("kill-switch cancels say so; the owner's own cancel stays USER")
                .containsExactlyInAnyOrder("1 KILL_SWITCH", "2 KILL_SWITCH", "3 USER", "5 KILL_SWITCH");
    }
}
