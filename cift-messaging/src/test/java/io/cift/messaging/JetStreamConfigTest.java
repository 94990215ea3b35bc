package io.cift.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JetStreamConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        JetStreamConfig c = JetStreamConfig.builder().build();
        assertThat(c.url()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(c.stream()).isEqualTo("CIFT_ORDERS");
        assertThat(c.subjectPrefix()).isEqualTo("cift.orders");
        assertThat(c.duplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.maxInFlight()).isEqualTo(10_000);
        assertThat(c.backpressure()).isEqualTo(Backpressure.BLOCK);
        assertThat(c.confirmEvery()).isEqualTo(1);
    }

    @Test
    void aBadValueIsRefusedWithTheFieldAndTheValue() {
        JetStreamConfig.Builder b = JetStreamConfig.builder();
        assertThatThrownBy(() -> b.duplicateWindow(Duration.ZERO)).hasMessageContaining("duplicateWindow")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.duplicateWindow(Duration.ofSeconds(-3))).hasMessageContaining("PT-3S");
        assertThatThrownBy(() -> b.duplicateWindow(null)).hasMessageContaining("duplicateWindow");
        assertThatThrownBy(() -> b.maxInFlight(0)).hasMessageContaining("maxInFlight").hasMessageContaining("0");
        assertThatThrownBy(() -> b.url("http://x:4222")).hasMessageContaining("url").hasMessageContaining("http://x:4222");
        assertThatThrownBy(() -> b.subjectPrefix("a.*")).hasMessageContaining("subjectPrefix").hasMessageContaining("a.*");
        assertThatThrownBy(() -> b.stream("A B")).hasMessageContaining("stream").hasMessageContaining("A B");
        assertThatThrownBy(() -> b.maxBytes(0)).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> b.confirmEvery(0)).hasMessageContaining("confirmEvery").hasMessageContaining("0");
        assertThat(b.build().duplicateWindow()).as("refused values leave the builder unchanged")
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aWindowLongerThanTheRetentionOrTheInFlightBoundIsRefusedAtBuild() {
        assertThatThrownBy(() -> JetStreamConfig.builder().maxAge(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicateWindow (PT2M)").hasMessageContaining("maxAge (PT30S)");
        assertThat(JetStreamConfig.builder().maxAge(Duration.ofSeconds(30)).duplicateWindow(Duration.ofSeconds(30))
                .build().duplicateWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(JetStreamConfig.builder().maxAge(Duration.ZERO).duplicateWindow(Duration.ofHours(1)).build()
                .duplicateWindow()).as("no age limit: any window").isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> JetStreamConfig.builder().maxInFlight(100).confirmEvery(256).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("confirmEvery (256)")
                .hasMessageContaining("maxInFlight (100)");
    }
}
