package io.cift.messaging;

import io.cift.core.testing.ServiceScript;
import io.cift.messaging.metrics.JetStreamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's meters against the real NATS server (CIFT_NATS_URL, default nats://127.0.0.1:4222). */
class JetStreamMetricsIT {

    @Test
    void publishedAndInFlightComeFromThePublisher() throws Exception {
        String url = System.getenv().getOrDefault("CIFT_NATS_URL", "nats://127.0.0.1:4222");
        URI u = URI.create(url);
        ServiceScript.requireReachable("NATS", u.getHost(), u.getPort(), "nats");
        String stream = "CIFT_METRICS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix("cift.metrics." + stream.toLowerCase()).build())) {
            new JetStreamMetrics(p).bindTo(r);
            for (long seq = 1; seq <= 25; seq++) {
                p.publish(new OrderEvent.Amended("m", seq, "X", seq, 100, 1, true));
            }
            p.flush();
            assertThat(r.get(JetStreamMetrics.PUBLISHED).functionCounter().count()).isEqualTo(25);
            assertThat(r.get(JetStreamMetrics.IN_FLIGHT).gauge().value()).isZero();
            assertThat(r.get(JetStreamMetrics.DUPLICATES).functionCounter().count()).isZero();
            assertThat(r.get(JetStreamMetrics.DROPPED).functionCounter().count()).isZero();
        } finally {
            Connection nc = Nats.connect(url);
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } finally {
                nc.close();
            }
        }
    }
}
