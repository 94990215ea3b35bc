package io.cift.core.risk;

import io.cift.core.book.OrderBookListener;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positions, cost basis and realized P&amp;L stay exact where the intermediate products pass 2^63, checked
 * against a BigInteger model of the same average-cost rules.
 */
class PositionArithmeticTest {

    private static RiskCalculator calculator() {
        RiskCalculator r = RiskCalculator.create(() -> 0L, QuoteSource.NONE);
        r.setAccountLimits(1, AccountLimits.builder().build());
        return r;
    }

    private static void fill(OrderBookListener l, Side side, long price, long qty) {
        l.onTrade("X", 1, 1, 2, 2, side, price, qty, 0, 0);   // account 1 takes; account 2 is not tracked
    }

    @Test
    void aHalfCloseOfTenBillionLotsRealizesWhatItShould() {
        RiskCalculator r = calculator();
        fill(r.listener(), Side.BUY, 3, 4_000_000_000L);
        fill(r.listener(), Side.BUY, 4, 6_000_000_001L);   // 10,000,000,001 at an average of 3.6
        fill(r.listener(), Side.SELL, 5, 5_000_000_000L);
        PositionView p = r.position(1, "X").orElseThrow();
        BigInteger cost = BigInteger.valueOf(36_000_000_004L);
        BigInteger removed = cost.multiply(BigInteger.valueOf(5_000_000_000L)).divide(BigInteger.valueOf(10_000_000_001L));
        assertThat(p.quantity()).isEqualTo(5_000_000_001L);
        assertThat(p.realizedPnl()).isEqualTo(25_000_000_000L - removed.longValueExact())
                .isBetween(6_999_999_000L, 7_000_001_000L);   // it was 10,689,348,814
        assertThat(p.costBasis()).isEqualTo(cost.subtract(removed).longValueExact());
        r.validate();
    }

    /** The model: the calculator's average-cost rules in exact arithmetic. */
    private static final class Model {
        BigInteger pos = BigInteger.ZERO;
        BigInteger cost = BigInteger.ZERO;
        BigInteger realized = BigInteger.ZERO;

        void fill(boolean buy, long price, long qty) {
            BigInteger q = BigInteger.valueOf(qty);
            BigInteger px = BigInteger.valueOf(price);
            BigInteger dq = buy ? q : q.negate();
            if (pos.signum() == 0 || (pos.signum() > 0) == buy) {
                pos = pos.add(dq);
                cost = cost.add(dq.multiply(px));
                return;
            }
            BigInteger abs = pos.abs();
            BigInteger close = q.min(abs);
            BigInteger removed = close.equals(abs) ? cost : cost.multiply(close).divide(abs);
            realized = realized.add((pos.signum() > 0 ? close : close.negate()).multiply(px)).subtract(removed);
            cost = cost.subtract(removed);
            pos = pos.add(buy ? close : close.negate());
            BigInteger rest = q.subtract(close);
            if (rest.signum() > 0) {
                pos = buy ? rest : rest.negate();
                cost = cost.add(pos.multiply(px));
            }
        }
    }

    @Test
    void randomFillsAgreeWithExactArithmetic() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int round = 0; round < 20; round++) {
            RiskCalculator r = calculator();
            Model m = new Model();
            for (int i = 0; i < 10_000; i++) {
                boolean buy = rnd.nextBoolean();
                // sizes up to 3 x 10^10 lots and prices up to 10^5 ticks: cost bases stay below 2^63, while the
                // products inside a partial close reach 10^21
                long qty = 1 + rnd.nextLong(rnd.nextInt(4) == 0 ? 30_000_000_000L : 1_000);
                long price = 1 + rnd.nextLong(100_000);
                fill(r.listener(), buy ? Side.BUY : Side.SELL, price, qty);
                m.fill(buy, price, qty);
                if (m.cost.abs().bitLength() > 62 || m.realized.abs().bitLength() > 62) {
                    break;   // leave the range where the calculator is exact (beyond it saturates)
                }
                PositionView p = r.position(1, "X").orElseThrow();
                assertThat(p.quantity()).as("round %d fill %d", round, i).isEqualTo(m.pos.longValueExact());
                assertThat(p.costBasis()).as("round %d fill %d", round, i).isEqualTo(m.cost.longValueExact());
                assertThat(p.realizedPnl()).as("round %d fill %d", round, i).isEqualTo(m.realized.longValueExact());
            }
            r.validate();
        }
    }
}
