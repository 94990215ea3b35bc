package io.cift.messaging;

import io.cift.messaging.metrics.JetStreamMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's meters against a real NATS server ({@link io.cift.core.testing.Servers#natsUrl()}). */
class JetStreamMetricsIT {

    @Test
    void publishedAndInFlightComeFromThePublisher() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String stream = "CIFT_METRICS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        try {
            publishAndConsume(url, stream, r);
            failUnderTheFailPolicy(url, stream);
        } finally {
            Connection nc = Nats.connect(url);
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } finally {
                nc.close();
            }
        }
    }

    private static void publishAndConsume(String url, String stream, SimpleMeterRegistry r) {
        try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix("cift.metrics." + stream.toLowerCase()).build())) {
            new JetStreamMetrics(p).consumer("metrics-reader").bindTo(r);
            for (long seq = 1; seq <= 25; seq++) {
                p.publish(new OrderEvent.Amended("m", seq, "X", seq, 100, 1, true));
            }
            p.flush();
            assertThat(r.get(JetStreamMetrics.PUBLISHED).functionCounter().count()).isEqualTo(25);
            assertThat(r.get(JetStreamMetrics.IN_FLIGHT).gauge().value()).isZero();
            assertThat(r.get(JetStreamMetrics.DUPLICATES).functionCounter().count()).isZero();
            assertThat(r.get(JetStreamMetrics.DROPPED).functionCounter().count()).isZero();
            assertThat(r.get(JetStreamMetrics.FAILED).functionCounter().count()).isZero();
            assertThat(r.get(JetStreamMetrics.CONSUMER_PENDING).tag("consumer", "metrics-reader").gauge().value())
                    .as("not started: everything is pending").isEqualTo(25);
            int[] got = {0};
            while (got[0] < 10) {
                p.consume("metrics-reader", 10 - got[0], java.time.Duration.ofSeconds(2), e -> got[0]++);
            }
            assertThat(r.get(JetStreamMetrics.CONSUMER_PENDING).tag("consumer", "metrics-reader").gauge().value())
                    .isEqualTo(15);
        }
    }

    /** The FAIL policy with one slot: every refused publish is counted, and the books add up. */
    private static void failUnderTheFailPolicy(String url, String stream) {
        SimpleMeterRegistry r2 = new SimpleMeterRegistry();
        try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix("cift.metrics." + stream.toLowerCase()).maxInFlight(1).backpressure(Backpressure.FAIL).build())) {
            new JetStreamMetrics(p).bindTo(r2);
            int refused = 0;
            for (long seq = 100; seq < 400; seq++) {
                try {
                    p.publish(new OrderEvent.Amended("m", seq, "X", seq, 100, 1, true));
                } catch (PublishException e) {
                    refused++;
                }
            }
            p.flush();
            assertThat(r2.get(JetStreamMetrics.FAILED).functionCounter().count()).isEqualTo(refused);
            assertThat(r2.get(JetStreamMetrics.PUBLISHED).functionCounter().count() + refused).isEqualTo(300);
        }
    }
}
