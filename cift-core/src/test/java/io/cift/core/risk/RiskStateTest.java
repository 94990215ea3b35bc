package io.cift.core.risk;

import io.cift.core.book.ListenerFailureHandler;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's positions and open orders stay consistent and identical whatever a user listener does. */
class RiskStateTest {

    private static RiskCheckedEngine gate(OrderBookListener user) {
        RiskCheckedEngine e = RiskCheckedEngine.create(MatchingEngineConfig.builder()
                .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).listener(user)
                .listenerFailureHandler(ListenerFailureHandler.SILENT).build(), () -> 0L);
        for (long account = 1; account <= 6; account++) {
            e.risk().setAccountLimits(account, AccountLimits.builder().maxOrderQuantity(60).maxPosition(400)
                    .maxOpenOrders(40).build());
        }
        return e;
    }

    @Test
    void aUserListenerThatThrowsLeavesTheGatesStateExactlyAsWithoutIt() {
        int[] calls = {0};
        OrderBookListener hostile = new OrderBookListener() {
            @Override
            public void onTrade(String s, long t, long to, long m, long mo, Side side, long p, long q, long tr, long mr) {
                if (++calls[0] % 7 == 0) {
                    throw new IllegalStateException("user listener failure");
                }
            }

            @Override
            public void onAccepted(String s, long id, long o, Side side, OrderType t, TimeInForce tif, long p, long q) {
                if (++calls[0] % 7 == 0) {
                    throw new IllegalStateException("user listener failure");
                }
            }

            @Override
            public void onCancelled(String s, long id, long c, long r, io.cift.core.book.CancelReason reason) {
                if (++calls[0] % 7 == 0) {
                    throw new IllegalStateException("user listener failure");
                }
            }
        };
        RiskCheckedEngine calm = gate(OrderBookListener.NO_OP);
        RiskCheckedEngine stormy = gate(hostile);
        long empty = calm.risk().stateHash();
        SplittableRandom rnd = new SplittableRandom(3);
        List<long[]> live = new ArrayList<>();
        long next = 1;
        for (int i = 0; i < 30_000; i++) {
            int r = rnd.nextInt(100);
            String sym = rnd.nextBoolean() ? "A" : "B";
            if (r < 60 || live.isEmpty()) {
                long id = next++;
                long owner = 1 + rnd.nextInt(6);
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                long px = 100 + rnd.nextInt(9) - 4;
                long qty = 1 + rnd.nextInt(70);
                boolean ioc = rnd.nextInt(5) == 0;
                calm.submit(sym, id, owner, side, OrderType.LIMIT, ioc ? TimeInForce.IOC : TimeInForce.GTC, px, qty, false);
                stormy.submit(sym, id, owner, side, OrderType.LIMIT, ioc ? TimeInForce.IOC : TimeInForce.GTC, px, qty, false);
                live.add(new long[] {sym.equals("A") ? 0 : 1, id});
            } else if (r < 85) {
                long[] o = live.remove(rnd.nextInt(live.size()));
                calm.cancel(o[0] == 0 ? "A" : "B", o[1]);
                stormy.cancel(o[0] == 0 ? "A" : "B", o[1]);
            } else {
                long[] o = live.get(rnd.nextInt(live.size()));
                long px = 100 + rnd.nextInt(9) - 4;
                long qty = 1 + rnd.nextInt(50);
                calm.amend(o[0] == 0 ? "A" : "B", o[1], px, qty);
                stormy.amend(o[0] == 0 ? "A" : "B", o[1], px, qty);
            }
            if (i % 1_000 == 0) {
                calm.risk().validate();
                stormy.risk().validate();
                stormy.validate();
            }
        }
        calm.risk().validate();
        stormy.risk().validate();
        assertThat(stormy.listenerFailures()).isPositive();
        assertThat(calm.risk().positions(1)).isNotEmpty();
        assertThat(stormy.risk().stateHash()).isEqualTo(calm.risk().stateHash()).isNotEqualTo(empty);
        assertThat(stormy.stateHash()).isEqualTo(calm.stateHash());
        // one more open order on one side only: the hashes part
        calm.risk().setAccountLimits(7, AccountLimits.builder().build());
        assertThat(calm.submit("C", next, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 50, 1, false).isAccepted()).isTrue();
        assertThat(calm.risk().stateHash()).isNotEqualTo(stormy.risk().stateHash());
        calm.risk().validate();
    }

    @Test
    void validateNamesWhatDisagrees() throws Exception {
        RiskCheckedEngine e = gate(OrderBookListener.NO_OP);
        e.submit("A", 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
        e.risk().validate();
        // corrupt one aggregate the way a half-applied update would
        Object calc = e.risk();
        java.lang.reflect.Field st = calc.getClass().getDeclaredField("state");
        st.setAccessible(true);
        Object state = st.get(calc);
        java.lang.reflect.Field f = state.getClass().getDeclaredField("accounts");
        f.setAccessible(true);
        Object account = ((org.agrona.collections.Long2ObjectHashMap<?>) f.get(state)).get(1L);
        java.lang.reflect.Field open = account.getClass().getDeclaredField("openBuyNotional");
        open.setAccessible(true);
        open.setLong(account, 499);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.risk().validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account 1").hasMessageContaining("openBuyNotional is 499 but its orders and positions sum to 500");
    }
}
