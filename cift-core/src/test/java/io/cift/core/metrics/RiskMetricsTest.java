package io.cift.core.metrics;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.config.CiftSettings;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.PriceBand;
import io.cift.core.risk.RiskCheckedEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskMetricsTest {

    @Test
    void refusalsAreCountedByRiskReasonWithLimitsFromSettings() {
        Properties p = new Properties();
        p.setProperty("cift.risk.max-order-quantity", "100");
        p.setProperty("cift.risk.price-band-ticks", "50");
        AccountLimits limits = AccountLimits.fromSettings(CiftSettings.of(p, Map.of("CIFT_RISK_MAX_ORDERS_PER_SECOND", "1000",
                "CIFT_RISK_ORDER_BURST", "10"))).build();
        assertThat(limits.maxOrderQuantity()).isEqualTo(100);
        assertThat(limits.priceBand()).hasToString(PriceBand.ticks(50).toString());
        assertThat(limits.maxOrdersPerSecond()).isEqualTo(1000);
        assertThat(limits.orderBurst()).isEqualTo(10);

        RiskCheckedEngine e = RiskCheckedEngine.create(MatchingEngineConfig.builder().symbols("X").build(), NanoClock.SYSTEM);
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new RiskMetrics(e.risk()).bindTo(r);
        e.risk().setAccountLimits(1, AccountLimits.builder().maxOrderQuantity(100).build());
        e.submit("X", 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 500, false);    // too large
        e.submit("X", 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 101, false);    // too large
        e.submit("X", 3, 2, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false);      // no limits
        e.submit("X", 4, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 5, false);      // passes
        assertThat(r.get(RiskMetrics.REFUSALS).tag("reason", "MAX_ORDER_QUANTITY").functionCounter().count()).isEqualTo(2);
        assertThat(r.get(RiskMetrics.REFUSALS).tag("reason", "UNKNOWN_ACCOUNT").functionCounter().count()).isEqualTo(1);
        assertThat(r.get(RiskMetrics.REFUSALS).tag("reason", "KILL_SWITCH_GLOBAL").functionCounter().count()).isZero();
        assertThat(r.find(RiskMetrics.REFUSALS).tag("reason", "PASSED").functionCounter()).isNull();

        Properties both = new Properties();
        both.setProperty("cift.risk.price-band-ticks", "5");
        both.setProperty("cift.risk.price-band-percent", "1.5");
        assertThatThrownBy(() -> AccountLimits.fromSettings(CiftSettings.of(both, Map.of())))
                .hasMessageContaining("not both");
    }
}
