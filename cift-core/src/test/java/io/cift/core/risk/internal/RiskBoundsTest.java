package io.cift.core.risk.internal;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.QuoteSource;
import io.cift.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's state is bounded: instruments, and client order ids per account. */
class RiskBoundsTest {

    @Test
    void newInstrumentsAreRefusedPastTheBoundAndKnownOnesStillPass() {
        ArrayRiskCalculator r = new ArrayRiskCalculator(() -> 0L, QuoteSource.NONE, 3, 1_000);
        r.setAccountLimits(1, AccountLimits.builder().build());
        long id = 1;
        for (String s : new String[] {"A", "B", "C"}) {
            assertThat(r.checkNew(1, s, id++, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.PASSED);
        }
        // before the bound, a symbol the engine would reject still made state: now the fourth is refused
        assertThat(r.checkNew(1, "ZZZ", id++, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.TOO_MANY_INSTRUMENTS);
        assertThat(r.lastRejectMessage()).contains("TOO_MANY_INSTRUMENTS", "instruments");
        assertThat(r.checkNew(1, "B", id++, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.PASSED);
    }

    @Test
    void clientOrderIdsAreRefusedPastTheBoundAndTheCountSurvivesASnapshot() throws Exception {
        ArrayRiskCalculator r = new ArrayRiskCalculator(() -> 0L, QuoteSource.NONE, 10, 5);
        r.setAccountLimits(1, AccountLimits.builder().build());
        for (long id = 1; id <= 5; id++) {
            assertThat(r.checkNew(1, "A", id, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.PASSED);
        }
        assertThat(r.checkNew(1, "A", 6, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.TOO_MANY_CLIENT_ORDER_IDS);
        assertThat(r.checkNew(1, "A", 3, Side.BUY, OrderType.LIMIT, 10, 1)).as("a duplicate is still a duplicate")
                .isEqualTo(RiskReason.DUPLICATE_CLIENT_ORDER_ID);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.writeState(new DataOutputStream(bytes));
        ArrayRiskCalculator restored = new ArrayRiskCalculator(() -> 0L, QuoteSource.NONE, 10, 5);
        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.checkNew(1, "A", 7, Side.BUY, OrderType.LIMIT, 10, 1)).isEqualTo(RiskReason.TOO_MANY_CLIENT_ORDER_IDS);
        assertThat(restored.stateHash()).isEqualTo(r.stateHash());
    }
}
