package io.cift.examples.programs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RiskGatedEngineExampleTest {

    @Test
    void theGateRefusesTheOversizedOrderAndTheKillSwitchEmptiesTheBook() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RiskGatedEngineExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "seller rests 800 @ 18950: ACCEPTED",
                "seller rests 500 @ 19000: ACCEPTED",
                "buyer sends 5000 @ 18950: RISK_REJECTED (MAX_ORDER_QUANTITY: quantity 5000 exceeds maxOrderQuantity 1000"
                        + " (account 1, AAPL))",
                "trade AAPL: 600 @ 18950, taker order 202 (account 1), maker order 101 (account 2)",
                "buyer sends 600 @ 18950 IOC: ACCEPTED",
                "buyer position: 600",
                "seller position: -600",
                "seller open orders: 2",
                "kill switch on for the seller: 2 resting orders cancelled",
                "seller sends 100 @ 19100: RISK_REJECTED (KILL_SWITCH_ACCOUNT)",
                "book: 0 resting orders");
    }
}
