package io.cift.messaging;

import io.cift.core.book.ResultCode;
import io.cift.core.journal.Commands;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.JournalReplica;
import io.cift.core.journal.StandbyEngine;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The durable engine's journal replicated on real JetStream: an old primary that goes on after a take-over
 * is refused by the stream's last-sequence check, and a primary keeps every command while the stream's
 * leader node of the three-node cluster is stopped and started again.
 */
class JetStreamJournalIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A server of this test's own (port and store), for the test that stops it. */
    private static final String PRIVATE_PORT = "14254";
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.cift.core.testing.PrivateService SERVER = io.cift.core.testing.PrivateService.of("nats",
            Map.of("CIFT_NATS_PORT", PRIVATE_PORT, "CIFT_NATS_MON_PORT", "14354"));

    @TempDir
    Path tmp;

    private static String uniqueStream() {
        return "CIFT_JOURNAL_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static JournalReplica replica(String url, String stream, int replicas) {
        return JetStreamJournal.replica(JetStreamConfig.builder().url(url).stream(stream).subjectPrefix("cift.it." + stream.toLowerCase())
                .replicas(replicas).blockTimeout(Duration.ofSeconds(30)).retryDelay(Duration.ofMillis(100)).build());
    }

    private static DurableEngineConfig.Builder config(Path dir, JournalReplica replica) {
        return DurableEngineConfig.builder(dir).engine(StandbyPrimaryMain.ENGINE).engineId("js-1").snapshotEvery(0)
                .replica(replica);
    }

    private static void apply(DurableEngine e, List<Commands.Command> cmds, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(cmds.get(i).applyTo(e)).as("command %d", i + 1)
                    .isNotIn(ResultCode.JOURNAL_UNAVAILABLE, ResultCode.CONSUMERS_BEHIND);
        }
    }

    private static void deleteStream(String url, String stream) throws Exception {
        Connection nc = Nats.connect(new Options.Builder().servers(url.split(",")).build());
        try {
            nc.jetStreamManagement().deleteStream(stream);
        } finally {
            nc.close();
        }
    }

    @Test
    void anOldPrimaryThatGoesOnAfterATakeOverIsFencedOffAndCannotComeBack() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String stream = uniqueStream();
        List<Commands.Command> cmds = Commands.random(3, 600);
        try {
            DurableEngine old = DurableEngine.open(config(tmp.resolve("old"), replica(url, stream, 1)).build());
            apply(old, cmds, 0, 300);
            assertThat(old.awaitDurable(300, WAIT)).isTrue();
            try (StandbyEngine standby = DurableEngine.standby(config(tmp.resolve("new"), replica(url, stream, 1)).build())) {
                assertThat(standby.awaitApplied(300, WAIT)).isTrue();
                try (DurableEngine promoted = standby.promote(WAIT)) {
                    apply(promoted, cmds, 300, 400);
                    assertThat(promoted.awaitDurable(400, WAIT)).isTrue();

                    cmds.get(500).applyTo(old);   // the old primary has not noticed: the stream refuses its command 301
                    assertThatThrownBy(() -> old.awaitDurable(301, WAIT)).isInstanceOf(JournalException.class);
                    assertThat(old.journalFailure()).get().asString().contains("another engine appended after record 300");
                    assertThat(cmds.get(301).applyTo(old)).isEqualTo(ResultCode.JOURNAL_UNAVAILABLE);
                    assertThatThrownBy(old::close).isInstanceOf(JournalException.class);

                    apply(promoted, cmds, 400, 600);
                    assertThat(promoted.awaitDurable(600, WAIT)).isTrue();
                }
            }
            assertThatThrownBy(() -> DurableEngine.open(config(tmp.resolve("old"), replica(url, stream, 1)).build()))
                    .isInstanceOf(JournalException.class).hasMessageContaining("diverged from its replica at command 301");
            try (DurableEngine fresh = DurableEngine.open(config(tmp.resolve("fresh"), replica(url, stream, 1)).build())) {
                assertThat(fresh.lastSequence()).as("an empty directory catches up with the whole stream").isEqualTo(600);
            }
        } finally {
            deleteStream(url, stream);
        }
    }

    /**
     * The server is stopped for longer than an acknowledgement may take: the unacknowledged records are sent
     * again, in order, once it is back, and the stream ends holding each command once.
     */
    @Test
    void recordsUnacknowledgedWhileTheServerIsDownAreSentAgainWhenItIsBack() throws Exception {
        String url = "nats://127.0.0.1:" + PRIVATE_PORT;
        String stream = uniqueStream();
        List<Commands.Command> cmds = Commands.random(12, 3_000);
        long hash;
        try (DurableEngine primary = DurableEngine.open(config(tmp.resolve("p"), replica(url, stream, 1)).build())) {
            apply(primary, cmds, 0, 1_000);
            assertThat(primary.awaitDurable(1_000, WAIT)).isTrue();
            SERVER.stop();
            apply(primary, cmds, 1_000, 2_000);
            Thread.sleep(4_000);   // past the 2 s acknowledgement timeout: these appends fail and wait to be resent
            assertThat(primary.durableSequence()).as("nothing becomes durable while the server is down").isEqualTo(1_000);
            SERVER.start();
            apply(primary, cmds, 2_000, 3_000);
            assertThat(primary.awaitDurable(3_000, WAIT)).isTrue();
            assertThat(primary.journalFailure()).isEmpty();
            hash = primary.stateHash();
        }
        try (DurableEngine copy = DurableEngine.open(config(tmp.resolve("copy"), replica(url, stream, 1)).build())) {
            assertThat(copy.lastSequence()).isEqualTo(3_000);
            assertThat(copy.stateHash()).isEqualTo(hash);
        } finally {
            deleteStream(url, stream);
        }
    }

    @Test
    void everyCommandBecomesDurableWhileTheStreamLeaderIsStoppedAndStarted() throws Exception {
        String urls = NatsClusterServers.urls();
        String stream = uniqueStream();
        List<Commands.Command> cmds = Commands.random(8, 4_000);
        String leader = null;
        Connection nc = Nats.connect(new Options.Builder().servers(urls.split(",")).maxReconnects(-1).build());
        try {
            JetStreamManagement jsm = nc.jetStreamManagement();
            long hash;
            try (DurableEngine primary = DurableEngine.open(config(tmp.resolve("p"), replica(urls, stream, 3)).build())) {
                leader = jsm.getStreamInfo(stream).getClusterInfo().getLeader();
                apply(primary, cmds, 0, 1_000);
                NatsClusterServers.stop(leader);
                for (int i = 1_000; i < 3_000; i += 100) {
                    apply(primary, cmds, i, i + 100);   // the matching thread goes on; durability waits for a new leader
                    Thread.sleep(20);
                }
                NatsClusterServers.start(leader);
                apply(primary, cmds, 3_000, 4_000);
                assertThat(primary.awaitDurable(4_000, WAIT)).as("durable after the leader change").isTrue();
                assertThat(primary.journalFailure()).isEmpty();
                hash = primary.stateHash();
            }
            leader = null;
            try (DurableEngine copy = DurableEngine.open(config(tmp.resolve("copy"), replica(urls, stream, 3)).build())) {
                assertThat(copy.lastSequence()).isEqualTo(4_000);
                assertThat(copy.stateHash()).as("the stream holds every command, once, in order").isEqualTo(hash);
            }
        } finally {
            if (leader != null) {
                NatsClusterServers.start(leader);
            }
            nc.close();
            deleteStream(urls, stream);
        }
    }
}
