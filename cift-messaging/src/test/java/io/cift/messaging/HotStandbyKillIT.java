package io.cift.messaging;

import io.cift.core.journal.Commands;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.Journal;
import io.cift.core.journal.SnapshotInfo;
import io.cift.core.journal.StandbyEngine;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot standby on the three-node JetStream cluster: the primary, in a JVM of its own, journals to a stream
 * of three replicas and is killed with SIGKILL at a random point; the standby (this JVM) follows the stream,
 * takes over, and finishes the command stream. Its book, trades and snapshots equal those of an
 * uninterrupted run, and every command the primary acknowledged as durable is in it.
 */
class HotStandbyKillIT {

    private static final int COMMANDS = 6_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void theStandbyTakesOverFromAKilledPrimaryAndLosesNothingItAcknowledged() throws Exception {
        String urls = NatsClusterServers.urls();
        List<Commands.Command> cmds = Commands.random(42, COMMANDS);
        // the uninterrupted run: a plain durable engine, its trades taken from its consumer
        List<String> expectedTrades = Collections.synchronizedList(new ArrayList<>());
        long expectedHash;
        long expectedVolume;
        try (DurableEngine ref = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("ref"))
                .engine(StandbyPrimaryMain.ENGINE).engineId("hot-1").consumer("trades", trades(expectedTrades)).build())) {
            cmds.forEach(c -> c.applyTo(ref));
            expectedHash = ref.stateHash();
            expectedVolume = ref.volume();
        }
        SplittableRandom rnd = new SplittableRandom();
        for (int round = 0; round < 3; round++) {
            // after command 2,100: the primary has long written its snapshot at 1,000 (files are written after
            // durability, off the matching thread), so each round compares at least one snapshot point
            int killAfter = 2_100 + 50 * rnd.nextInt((COMMANDS - 3_000) / 50);
            runRound(urls, round, killAfter, rnd, cmds, expectedTrades, expectedHash, expectedVolume);
        }
    }

    private static io.cift.core.journal.EngineEventHandler trades(List<String> into) {
        return (e, end) -> {
            if (e.kind() == EngineEvent.Kind.TRADE) {
                into.add(e.symbol() + " " + e.tradeSequence() + " " + e.price() + " " + e.quantity() + " " + e.makerOrderId()
                        + " " + e.orderId());
            }
        };
    }

    private void runRound(String urls, int round, int killAfter, SplittableRandom rnd, List<Commands.Command> cmds, List<String> expectedTrades,
                          long expectedHash, long expectedVolume) throws Exception {
        String stream = "CIFT_HOT_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String prefix = "cift.hot." + stream.toLowerCase();
        Path primaryDir = tmp.resolve("primary-" + round);
        Path standbyDir = tmp.resolve("standby-" + round);
        List<String> trades = Collections.synchronizedList(new ArrayList<>());
        Process primary = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), StandbyPrimaryMain.class.getName(), primaryDir.toString(),
                urls, stream, prefix, "42", Integer.toString(COMMANDS), "1000")
                .redirectError(tmp.resolve("primary-" + round + ".err").toFile()).start();
        StandbyEngine standby = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(primary.getInputStream(), StandardCharsets.UTF_8));
            long acknowledged = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (standby == null) {   // the stream exists once the primary printed its first line
                    standby = DurableEngine.standby(StandbyPrimaryMain.config(standbyDir, urls, stream, prefix, 1000)
                            .consumer("trades", trades(trades)).build());
                }
                assertThat(line).as("the primary's output (round %d)", round).startsWith("durable ");
                acknowledged = Long.parseLong(line.substring(8));
                if (acknowledged >= killAfter) {
                    break;
                }
            }
            assertThat(standby).as("the primary made progress (see primary-%d.err)", round).isNotNull();
            Thread.sleep(rnd.nextInt(30));   // anywhere in the next batch of commands, not only between batches
            primary.destroyForcibly();   // SIGKILL
            assertThat(primary.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            DurableEngine engine = standby.promote(WAIT);
            long takeOverMillis = (System.nanoTime() - t0) / 1_000_000;
            try {
                long taken = engine.lastSequence();
                assertThat(taken).as("every command the primary acknowledged is in the standby").isGreaterThanOrEqualTo(acknowledged);
                for (int i = (int) taken; i < cmds.size(); i++) {
                    cmds.get(i).applyTo(engine);
                }
                assertThat(engine.awaitDurable(cmds.size(), WAIT)).isTrue();
                assertThat(engine.stateHash()).isEqualTo(expectedHash);
                assertThat(engine.volume()).isEqualTo(expectedVolume);
                System.out.printf("hot standby round %d: primary killed after %d acknowledged, standby took over at %d in %d ms%n",
                        round, acknowledged, taken, takeOverMillis);
            } finally {
                engine.close();
            }
            assertThat(trades).as("the standby's consumer saw exactly the uninterrupted run's trades").isEqualTo(expectedTrades);
            Map<Long, Long> primarySnaps = hashes(primaryDir);
            Map<Long, Long> standbySnaps = hashes(standbyDir);
            primarySnaps.keySet().retainAll(standbySnaps.keySet());
            assertThat(primarySnaps).as("snapshots the primary wrote").isNotEmpty();
            standbySnaps.keySet().retainAll(primarySnaps.keySet());
            assertThat(standbySnaps).as("state hashes at the same snapshot points").isEqualTo(primarySnaps);
        } finally {
            primary.destroyForcibly();
            if (standby != null) {
                standby.close();
            }
            deleteStream(stream);
        }
    }

    private static Map<Long, Long> hashes(Path dir) {
        Map<Long, Long> m = new TreeMap<>();
        for (SnapshotInfo s : Journal.snapshots(dir)) {
            m.put(s.sequence(), s.stateHash());
        }
        return m;
    }

    private static void deleteStream(String stream) {
        Connection nc = null;
        try {
            nc = Nats.connect(new io.nats.client.Options.Builder().servers(NatsClusterServers.urls().split(","))
                    .connectionTimeout(Duration.ofSeconds(2)).build());
            nc.jetStreamManagement().deleteStream(stream);
        } catch (Exception ignored) {
            // best effort: the stream's name is unique to this run
        } finally {
            if (nc != null) {
                try {
                    nc.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
