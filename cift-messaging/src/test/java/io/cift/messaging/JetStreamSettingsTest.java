package io.cift.messaging;

import io.cift.core.config.CiftSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JetStreamSettingsTest {

    @Test
    void theJetStreamKeysComeFromTheSettings() {
        Properties file = new Properties();
        file.setProperty("cift.nats.stream", "ORDERS_EU");
        file.setProperty("cift.nats.backpressure", "drop");
        JetStreamConfig c = JetStreamConfig.fromSettings(CiftSettings.of(file, Map.of("CIFT_NATS_URL", "nats://n1:4222",
                "CIFT_NATS_SUBJECT_PREFIX", "eu.orders", "CIFT_NATS_MAX_IN_FLIGHT", "64", "CIFT_NATS_CODEC", "json",
                "CIFT_NATS_DUPLICATE_WINDOW_MS", "30000", "CIFT_NATS_CONFIRM_EVERY", "32"))).build();
        assertThat(c.url()).isEqualTo("nats://n1:4222");
        assertThat(c.stream()).isEqualTo("ORDERS_EU");
        assertThat(c.subjectPrefix()).isEqualTo("eu.orders");
        assertThat(c.backpressure()).isEqualTo(Backpressure.DROP);
        assertThat(c.maxInFlight()).isEqualTo(64);
        assertThat(c.codec()).isSameAs(OrderEventCodec.json());
        assertThat(c.duplicateWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.confirmEvery()).isEqualTo(32);
        assertThatThrownBy(() -> JetStreamConfig.fromSettings(CiftSettings.of(new Properties(),
                Map.of("CIFT_NATS_CODEC", "xml")))).hasMessage("cift.nats.codec must be binary or json, got 'xml'");
    }
}
