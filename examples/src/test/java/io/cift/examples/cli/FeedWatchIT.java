package io.cift.examples.cli;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** cift demo --nats URL --feed publishes the order feed, and cift feed watch follows it, on a real NATS server. */
class FeedWatchIT {


    @Test
    void theWatcherPrintsTheDemosTopLevelsFromItsFeed() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String prefix = "cift.it.watch." + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        CliRun watch = new CliRun();
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> watch.run("feed", "watch", "--nats", url,
                "--symbol", "CIFT", "--prefix", prefix, "--depth", "3", "--updates", "20", "--seconds", "60"));
        Thread.sleep(1_500);   // subscribed before the demo publishes
        CliRun demo = new CliRun();
        assertThat(demo.run("demo", "--nats", url, "--feed", "--feed-prefix", prefix, "--orders", "2000"))
                .as(demo.err.toString()).isZero();
        assertThat(demo.out.toString()).containsPattern("Feed: \\d+ messages on " + prefix.replace(".", "\\.") + "\\.>")
                .containsPattern("\\d+ published");
        assertThat(watching.get(90, TimeUnit.SECONDS)).as(watch.err.toString()).isZero();
        String[] lines = watch.out.toString().split("\\R");
        assertThat(lines).hasSize(20);
        assertThat(lines).allMatch(l -> l.matches("seq \\d+  bids( \\d+x\\d+){0,3}  asks( \\d+x\\d+){0,3}"));
        assertThat(lines).anyMatch(l -> l.matches("seq \\d+  bids( \\d+x\\d+){1,3}  asks( \\d+x\\d+){1,3}"));
    }

    @Test
    void theFeedNeedsNats() {
        CliRun demo = new CliRun();
        assertThat(demo.run("demo", "--feed")).isEqualTo(2);
        assertThat(demo.err.toString()).contains("--feed needs --nats");
    }
}
