package io.cift.messaging;

import io.cift.core.testing.ServiceScript;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order events on the three-node JetStream cluster {@code scripts/services.sh start nats-cluster} runs on
 * loopback: a stream of three replicas keeps every event the publisher reported as published while its
 * leader node is stopped and started again, and a consumer that deduplicates sees each exactly once.
 */
class NatsClusterIT {

    static final String URLS = "nats://127.0.0.1:14222,nats://127.0.0.1:14223,nats://127.0.0.1:14224";

    private static Connection admin() throws Exception {
        return Nats.connect(new Options.Builder().servers(URLS.split(",")).connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1).errorListener(new io.nats.client.ErrorListener() { }).build());
    }

    @Test
    void everyPublishedEventSurvivesTheLeaderStoppingAndIsConsumedOnce() throws Exception {
        ServiceScript.requireReachable("the NATS cluster", "127.0.0.1", 14222, "nats-cluster");
        String stream = "CIFT_CLUSTER_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String prefix = "cift.cluster." + stream.toLowerCase();
        int n = 4_000;
        Connection nc = admin();
        String leader = null;
        try {
            JetStreamConfig config = JetStreamConfig.builder().url(URLS).stream(stream).subjectPrefix(prefix).replicas(3)
                    .retryDelay(Duration.ofMillis(100)).build();
            try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(config)) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                assertThat(jsm.getStreamInfo(stream).getConfiguration().getReplicas()).isEqualTo(3);
                leader = jsm.getStreamInfo(stream).getClusterInfo().getLeader();
                assertThat(leader).matches("nats-[123]");
                String node = leader;
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    for (long seq = 1; seq <= n; seq++) {
                        p.publish(new OrderEvent.Amended("cluster", seq, "X", seq, 100 + seq, 1, true));
                        if (seq % 100 == 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);   // about 4 s of publishing
                        }
                    }
                });
                Thread.sleep(800);
                assertThat(publishing).as("still publishing when the leader stops").isNotDone();
                ServiceScript.run(Map.of(), "stop", node);           // the stream's leader goes away mid-stream
                Thread.sleep(1_500);
                assertThat(publishing).as("still publishing while the leader is down").isNotDone();
                ServiceScript.run(Map.of(), "start", node);
                publishing.get(120, TimeUnit.SECONDS);
                assertThat(jsm.getStreamInfo(stream).getClusterInfo().getLeader()).as("another node led meanwhile")
                        .matches("nats-[123]");
                p.flush();
                assertThat(p.published() + p.duplicates()).as("every event acknowledged").isEqualTo(n);
                assertThat(p.failed()).isZero();
            }
            // every event is stored (the server's duplicate window collapses retried publishes)
            try (OrderEventReader r = JetStreamOrderEvents.reader(JetStreamConfig.builder().url(URLS).stream(stream)
                    .subjectPrefix(prefix).replicas(3).build())) {
                EventDeduplicator seen = new EventDeduplicator();
                Set<Long> processed = new TreeSet<>();
                int[] delivered = {0};
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (processed.size() < n && System.nanoTime() < deadline) {
                    r.consume("cluster-reader", 1_000, Duration.ofSeconds(1), e -> {
                        delivered[0]++;
                        if (seen.firstTime(e)) {
                            assertThat(processed.add(e.seq())).isTrue();
                        }
                    });
                }
                assertThat(processed).as("each event processed once").hasSize(n);
                assertThat(((TreeSet<Long>) processed).first()).isEqualTo(1);
                assertThat(((TreeSet<Long>) processed).last()).isEqualTo(n);
                assertThat(r.storedCount()).as("no event stored twice").isEqualTo(n);
            }
        } finally {
            if (leader != null) {
                ServiceScript.run(Map.of(), "start", leader);       // whatever happened, leave the cluster whole
            }
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } finally {
                nc.close();
            }
        }
    }
}
