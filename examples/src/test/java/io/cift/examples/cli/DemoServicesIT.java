package io.cift.examples.cli;

import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** cift demo publishing to a real JetStream and caching in a real Redis (loopback defaults). */
class DemoServicesIT {

    @TempDir
    Path dir;

    @Test
    void demoPublishesEveryEventAndServesAnalyticsThroughRedis() throws Exception {
        String nats = io.cift.core.testing.Servers.natsUrl();
        io.cift.core.testing.Servers.HostPort redisServer = io.cift.core.testing.Servers.redis(io.cift.core.testing.ServerImage.REDIS_7);
        String redis = "redis://" + redisServer.host() + ":" + redisServer.port();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String stream = "CIFT_DEMO_" + id;
        Path config = dir.resolve("services.properties");
        Files.writeString(config, "cift.nats.url=" + nats + "\ncift.nats.stream=" + stream + "\ncift.nats.subject-prefix=cift.demo"
                + id + "\ncift.redis.url=" + redis + "\n");
        try {
            // two runs at the same time on one stream, then one more right after
            java.util.List<Long> published = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Runnable demo = () -> {
                try {
                    CliRun cli = new CliRun();
                    assertThat(cli.run("demo", "--orders", "400", "--config", config.toString())).as(cli.err.toString()).isZero();
                    Matcher m = Pattern.compile("events jetstream " + Pattern.quote(nats) + " stream " + stream
                            + " \\((\\d+) published, 0 dropped, 0 duplicates\\); analytics embedded; cache redis "
                            + Pattern.quote(redis) + " \\((\\d+) misses, (\\d+) hits, 0 bypassed\\)").matcher(cli.out.toString());
                    assertThat(m.find()).as(cli.out.toString()).isTrue();
                    published.add(Long.parseLong(m.group(1)));
                    assertThat(m.group(3)).as("the second read of every trader is a hit").isEqualTo(m.group(2));
                } catch (Throwable t) {
                    failures.add(t);
                }
            };
            Thread a = new Thread(demo);
            Thread b = new Thread(demo);
            a.start();
            b.start();
            a.join();
            b.join();
            demo.run();
            assertThat(failures).isEmpty();
            assertThat(published).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
            try (io.cift.messaging.OrderEventReader r = JetStreamOrderEvents.reader(JetStreamConfig.builder().url(nats)
                    .stream(stream).build())) {
                long total = published.stream().mapToLong(Long::longValue).sum();
                assertThat(r.storedCount()).as("every event each run reported as published is in the stream").isEqualTo(total);
                java.util.Map<String, Long> perEngine = new java.util.TreeMap<>();
                for (io.cift.messaging.StoredEvent e : r.replay(1, (int) total + 10)) {
                    perEngine.merge(e.event().engineId(), 1L, Long::sum);
                }
                assertThat(perEngine.values()).as("one engine id per run, all of its events").containsExactlyInAnyOrderElementsOf(published);
            }
        } finally {
            Connection nc = Nats.connect(nats);
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } catch (Exception ignored) {
                // not created if the demo failed early: the assertion above says why
            } finally {
                nc.close();
            }
        }
    }
}
