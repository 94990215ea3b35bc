package io.cift.examples.programs;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.RiskCheckedEngine;

import java.io.PrintStream;

/**
 * An embedded matching engine behind the pre-trade risk gate, with a kill switch.
 *
 * <p>Shows: per-account limits (order size, position), an order the gate refuses and why, a trade and the
 * positions it leaves, then an account's kill switch cancelling its resting orders and refusing the next
 * one. Needs nothing running: everything is in-process.
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.RiskGatedEngineExample}
 */
public final class RiskGatedEngineExample {

    private RiskGatedEngineExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example, printing to {@code out}.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        OrderBookListener printTrades = new OrderBookListener() {
            @Override
            public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                                Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
                out.printf("trade %s: %d @ %d, taker order %d (account %d), maker order %d (account %d)%n", symbol,
                        quantity, price, takerOrderId, takerOwnerId, makerOrderId, makerOwnerId);
            }
        };
        // prices are long ticks; the engine and the gate never use double for money
        RiskCheckedEngine engine = RiskCheckedEngine.create(
                MatchingEngineConfig.builder().symbols("AAPL").listener(printTrades).build(), NanoClock.SYSTEM);
        AccountLimits limits = AccountLimits.builder().maxOrderQuantity(1_000).maxPosition(1_500).build();
        long buyer = 1;
        long seller = 2;
        engine.risk().setAccountLimits(buyer, limits);
        engine.risk().setAccountLimits(seller, limits);

        ResultCode rc = engine.submit("AAPL", 101, seller, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 18_950, 800, false);
        out.println("seller rests 800 @ 18950: " + rc);
        rc = engine.submit("AAPL", 102, seller, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 19_000, 500, false);
        out.println("seller rests 500 @ 19000: " + rc);

        rc = engine.submit("AAPL", 201, buyer, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 18_950, 5_000, false);
        out.println("buyer sends 5000 @ 18950: " + rc + " (" + engine.risk().lastRejectMessage() + ")");

        rc = engine.submit("AAPL", 202, buyer, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 18_950, 600, false);
        out.println("buyer sends 600 @ 18950 IOC: " + rc);
        engine.risk().position(buyer, "AAPL").ifPresent(p -> out.println("buyer position: " + p.quantity()));
        engine.risk().position(seller, "AAPL").ifPresent(p -> out.println("seller position: " + p.quantity()));
        out.println("seller open orders: " + engine.risk().openOrderCount(seller));

        int cancelled = engine.killAccount(seller, true);
        out.println("kill switch on for the seller: " + cancelled + " resting orders cancelled");
        rc = engine.submit("AAPL", 103, seller, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 19_100, 100, false);
        out.println("seller sends 100 @ 19100: " + rc + " (" + engine.lastRiskReason() + ")");
        out.println("book: " + engine.book("AAPL").map(b -> b.orderCount() + " resting orders").orElse("empty"));
    }
}
