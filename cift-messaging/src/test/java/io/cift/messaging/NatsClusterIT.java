package io.cift.messaging;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order events on the three-node JetStream cluster of {@link NatsClusterServers} (containers, or
 * {@code scripts/services.sh start nats-cluster}) on loopback: a stream of three replicas keeps every event the publisher reported as published while its
 * leader node is stopped and started again, and a consumer that deduplicates sees each exactly once.
 */
class NatsClusterIT {

    private static Connection admin(String urls) throws Exception {
        return Nats.connect(new Options.Builder().servers(urls.split(",")).connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1).errorListener(new io.nats.client.ErrorListener() { }).build());
    }

    @Test
    void everyPublishedEventSurvivesTheLeaderStoppingAndIsConsumedOnce() throws Exception {
        String urls = NatsClusterServers.urls();
        String stream = "CIFT_CLUSTER_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String prefix = "cift.cluster." + stream.toLowerCase();
        int n = 4_000;
        long[] published = {0};
        Connection nc = admin(urls);
        String leader = null;
        try {
            JetStreamConfig config = JetStreamConfig.builder().url(urls).stream(stream).subjectPrefix(prefix).replicas(3)
                    .retryDelay(Duration.ofMillis(100)).build();
            try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(config)) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                assertThat(jsm.getStreamInfo(stream).getConfiguration().getReplicas()).isEqualTo(3);
                leader = jsm.getStreamInfo(stream).getClusterInfo().getLeader();
                assertThat(leader).matches("nats-[123]");
                String node = leader;
                // at least n events, about 100 every 0.1 s, and on until the leader is back (however long stopping and
                // starting it take on a busy machine): the outage always falls in the middle of the stream
                java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    for (long seq = 1; ; seq++) {
                        p.publish(new OrderEvent.Amended("cluster", seq, "X", seq, 100 + seq, 1, true));
                        sent.set(seq);
                        if (seq % 100 == 0) {
                            if (seq >= n && restarted.get()) {
                                return;
                            }
                            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
                        }
                    }
                });
                Thread.sleep(800);
                assertThat(publishing).as("still publishing when the leader stops").isNotDone();
                NatsClusterServers.stop(node);           // the stream's leader goes away mid-stream
                Thread.sleep(1_500);
                assertThat(publishing).as("still publishing while the leader is down").isNotDone();
                NatsClusterServers.start(node);
                long atRestart = sent.get();
                restarted.set(true);
                publishing.get(120, TimeUnit.SECONDS);
                long total = sent.get();
                assertThat(total).as("events published after the leader came back").isGreaterThan(atRestart);
                assertThat(jsm.getStreamInfo(stream).getClusterInfo().getLeader()).as("another node led meanwhile")
                        .matches("nats-[123]");
                p.flush();
                assertThat(p.published() + p.duplicates()).as("every event acknowledged").isEqualTo(total);
                published[0] = total;
                assertThat(p.failed()).isZero();
            }
            // every event is stored (the server's duplicate window collapses retried publishes)
            try (OrderEventReader r = JetStreamOrderEvents.reader(JetStreamConfig.builder().url(urls).stream(stream)
                    .subjectPrefix(prefix).replicas(3).build())) {
                EventDeduplicator seen = new EventDeduplicator();
                Set<Long> processed = new TreeSet<>();
                int[] delivered = {0};
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                long total = published[0];
                while (processed.size() < total && System.nanoTime() < deadline) {
                    r.consume("cluster-reader", 1_000, Duration.ofSeconds(1), e -> {
                        delivered[0]++;
                        if (seen.firstTime(e)) {
                            assertThat(processed.add(e.seq())).isTrue();
                        }
                    });
                }
                assertThat(processed).as("each event processed once").hasSize((int) total);
                assertThat(((TreeSet<Long>) processed).first()).isEqualTo(1);
                assertThat(((TreeSet<Long>) processed).last()).isEqualTo(total);
                assertThat(r.storedCount()).as("no event stored twice").isEqualTo(total);
            }
        } finally {
            if (leader != null) {
                NatsClusterServers.start(leader);       // whatever happened, leave the cluster whole
            }
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } catch (io.nats.client.JetStreamApiException neverMade) {
                // the test failed before the stream existed: keep its own failure
            } finally {
                nc.close();
            }
        }
    }
}
