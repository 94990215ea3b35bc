package io.cift.messaging;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.journal.Commands;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The primary of {@link HotStandbyKillIT}, in a JVM of its own so that the test can kill it with SIGKILL:
 * feeds a seeded command stream into a durable engine whose journal is replicated on a JetStream stream,
 * and prints {@code durable N} whenever command N (and all before it) is acknowledged as durable.
 * Arguments: directory, NATS URL(s), stream, subject prefix, seed, commands, snapshot interval.
 */
public final class StandbyPrimaryMain {

    static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder()
            .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).build();

    private StandbyPrimaryMain() {
    }

    static DurableEngineConfig.Builder config(Path dir, String url, String stream, String prefix, long snapshotEvery) {
        return DurableEngineConfig.builder(dir).engine(ENGINE).engineId("hot-1").snapshotEvery(snapshotEvery).snapshotsKept(100)
                .replica(JetStreamJournal.replica(JetStreamConfig.builder().url(url).stream(stream).subjectPrefix(prefix)
                        .replicas(3).blockTimeout(Duration.ofSeconds(20)).retryDelay(Duration.ofMillis(100)).build()));
    }

    public static void main(String[] args) throws Exception {
        List<Commands.Command> cmds = Commands.random(Long.parseLong(args[4]), Integer.parseInt(args[5]));
        try (DurableEngine e = DurableEngine.open(config(Path.of(args[0]), args[1], args[2], args[3],
                Long.parseLong(args[6])).build())) {
            for (int i = 0; i < cmds.size(); i++) {
                ResultCode rc = cmds.get(i).applyTo(e);
                if (rc == ResultCode.JOURNAL_UNAVAILABLE || rc == ResultCode.CONSUMERS_BEHIND) {
                    throw new IllegalStateException("command " + (i + 1) + " refused: " + rc);
                }
                if ((i + 1) % 50 == 0 && e.awaitDurable(i + 1, Duration.ofSeconds(30))) {
                    System.out.println("durable " + (i + 1));
                    System.out.flush();
                    Thread.sleep(2);   // spread the stream over a few seconds, so the kill lands anywhere in it
                }
            }
        }
        System.out.println("done");
    }
}
