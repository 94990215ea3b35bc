package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.risk.AccountLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A standby following a replicated journal, its take-over, and the fence that keeps an old primary out. */
class StandbyEngineTest {

    private static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder()
            .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).initialOrderCapacity(16).build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static DurableEngineConfig.Builder config(Path dir, JournalReplica replica) {
        return DurableEngineConfig.builder(dir).engine(ENGINE).engineId("e1").snapshotEvery(500).replica(replica);
    }

    private static void apply(MatchingEngine e, List<Commands.Command> cmds, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(cmds.get(i).applyTo(e)).as("command %d", i)
                    .isNotIn(ResultCode.JOURNAL_UNAVAILABLE, ResultCode.CONSUMERS_BEHIND);
        }
    }

    private static long referenceHash(List<Commands.Command> cmds, int n) {
        MatchingEngine ref = MatchingEngine.create(ENGINE);
        for (int i = 0; i < n; i++) {
            cmds.get(i).applyTo(ref);
        }
        return ref.stateHash();
    }

    private static Map<Long, Long> hashes(Path dir) {
        Map<Long, Long> m = new TreeMap<>();
        for (SnapshotInfo s : Journal.snapshots(dir)) {
            m.put(s.sequence(), s.stateHash());
        }
        return m;
    }

    @Test
    void standbyFollowsSnapshotsAlikeTakesOverAndFencesTheOldPrimary() {
        List<Commands.Command> cmds = Commands.random(17, 3_000);
        MemoryReplica.Store store = new MemoryReplica.Store();
        Path p = tmp.resolve("primary");
        Path s = tmp.resolve("standby");
        AtomicLong standbyTrades = new AtomicLong();
        DurableEngine primary = DurableEngine.open(config(p, new MemoryReplica(store)).build());
        StandbyEngine standby = DurableEngine.standby(config(s, new MemoryReplica(store))
                .consumer("trades", (e, end) -> {
                    if (e.kind() == EngineEvent.Kind.TRADE) {
                        standbyTrades.incrementAndGet();
                    }
                }).build());
        apply(primary, cmds, 0, 2_000);
        assertThat(primary.awaitDurable(2_000, WAIT)).isTrue();
        assertThat(store.last()).isEqualTo(2_000);
        assertThat(standby.awaitApplied(2_000, WAIT)).isTrue();
        long primaryTrades = primary.trades();

        DurableEngine promoted = standby.promote(WAIT);
        assertThat(promoted.lastSequence()).isEqualTo(2_000);
        assertThat(promoted.stateHash()).isEqualTo(primary.stateHash()).isEqualTo(referenceHash(cmds, 2_000));
        assertThat(promoted.trades()).isEqualTo(primaryTrades);
        assertThat(standbyTrades.get()).as("the standby's consumer saw every trade").isEqualTo(primaryTrades);
        assertThat(hashes(s)).as("snapshots at the same points with the same state").isEqualTo(hashes(p))
                .containsOnlyKeys(1_000L, 1_500L, 2_000L);   // three kept, as by default

        // the old primary goes on as if nothing happened: the promoted standby appends first, so it is fenced off
        apply(promoted, cmds, 2_000, 2_500);
        assertThat(promoted.awaitDurable(2_500, WAIT)).isTrue();
        cmds.get(2_500).applyTo(primary);
        assertThatThrownBy(() -> primary.awaitDurable(2_001, WAIT)).isInstanceOf(JournalException.class);
        assertThat(primary.journalFailure()).get().asString().contains("refused record 2001");
        assertThat(cmds.get(2_501).applyTo(primary)).isEqualTo(ResultCode.JOURNAL_UNAVAILABLE);
        assertThatThrownBy(primary::close).isInstanceOf(JournalException.class);

        apply(promoted, cmds, 2_500, 3_000);
        assertThat(promoted.awaitDurable(3_000, WAIT)).isTrue();
        assertThat(promoted.stateHash()).isEqualTo(referenceHash(cmds, 3_000));
        promoted.close();
        assertThat(store.last()).isEqualTo(3_000);

        // the old primary's directory holds a command 2001 of its own: it cannot come back as the primary
        assertThatThrownBy(() -> DurableEngine.open(config(p, new MemoryReplica(store)).build()))
                .isInstanceOf(JournalException.class).hasMessageContaining("diverged from its replica at command 2001");
        // the promoted engine reopens as primary; an empty directory catches up as a cold standby would
        try (DurableEngine again = DurableEngine.open(config(s, new MemoryReplica(store)).build());
             DurableEngine fresh = DurableEngine.open(config(tmp.resolve("fresh"), new MemoryReplica(store)).build())) {
            assertThat(again.lastSequence()).isEqualTo(3_000);
            assertThat(fresh.lastSequence()).isEqualTo(3_000);
            assertThat(fresh.stateHash()).isEqualTo(again.stateHash()).isEqualTo(referenceHash(cmds, 3_000));
            assertThat(fresh.trades()).isEqualTo(again.trades());
        }
    }

    @Test
    void eventsWaitForTheReplicasAcknowledgementNotOnlyTheLocalDisk() throws Exception {
        MemoryReplica replica = new MemoryReplica(new MemoryReplica.Store());
        replica.holdAcknowledgements = true;
        AtomicLong seen = new AtomicLong();
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("p"), replica)
                .consumer("all", (ev, end) -> seen.incrementAndGet()).build())) {
            apply(e, Commands.random(1, 200), 0, 200);
            Thread.sleep(300);   // long enough for the local journal to force every batch
            assertThat(e.durableSequence()).as("not durable while the replica has not acknowledged").isZero();
            assertThat(e.awaitDurable(1, Duration.ofMillis(50))).isFalse();
            assertThat(seen.get()).as("no event released").isZero();
            replica.acknowledgeAll();
            assertThat(e.awaitDurable(200, WAIT)).isTrue();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.get() < e.events() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(seen.get()).isEqualTo(e.events()).isPositive();
        }
    }

    @Test
    void aPrimaryThatJournaledMoreThanItsReplicaSendsTheRestWhenItReopens() {
        List<Commands.Command> cmds = Commands.random(5, 400);
        Path dir = tmp.resolve("alone");
        try (DurableEngine local = DurableEngine.open(DurableEngineConfig.builder(dir).engine(ENGINE).engineId("e1").build())) {
            apply(local, cmds, 0, 300);
        }
        MemoryReplica.Store store = new MemoryReplica.Store();
        try (DurableEngine e = DurableEngine.open(config(dir, new MemoryReplica(store)).build())) {
            assertThat(store.last()).isEqualTo(300);
            apply(e, cmds, 300, 400);
            assertThat(e.awaitDurable(400, WAIT)).isTrue();
        }
        try (StandbyEngine standby = DurableEngine.standby(config(tmp.resolve("s"), new MemoryReplica(store)).build())) {
            assertThat(standby.awaitApplied(400, WAIT)).isTrue();
            try (DurableEngine promoted = standby.promote(WAIT)) {
                assertThat(promoted.stateHash()).isEqualTo(referenceHash(cmds, 400));
            }
        }
    }

    @Test
    void aGatedStandbyReplaysLimitsKillSwitchesAndTheRecordedClock() {
        MemoryReplica.Store store = new MemoryReplica.Store();
        long[] now = {1_000};
        DurableEngineConfig.Builder pc = config(tmp.resolve("p"), new MemoryReplica(store)).riskGate(() -> now[0]);
        List<Commands.Command> cmds = Commands.random(9, 600);
        try (DurableEngine primary = DurableEngine.open(pc.build());
             StandbyEngine standby = DurableEngine.standby(config(tmp.resolve("s"), new MemoryReplica(store))
                     .riskGate(() -> 0).build())) {
            for (long owner = 1; owner <= 5; owner++) {
                primary.setAccountLimits(owner, AccountLimits.builder().maxOrdersPerSecond(40, 5).build());
            }
            for (int i = 0; i < cmds.size(); i++) {
                now[0] += 3_000_000;   // 3 ms a command: some owners hit the 40-a-second throttle
                cmds.get(i).applyTo(primary);
            }
            primary.setKillSwitch(3, true);
            long last = primary.lastSequence();
            assertThat(primary.awaitDurable(last, WAIT)).isTrue();
            assertThat(standby.awaitApplied(last, WAIT)).isTrue();
            try (DurableEngine promoted = standby.promote(WAIT)) {
            assertThat(promoted.rejects()).isEqualTo(primary.rejects()).isPositive();
            assertThat(promoted.stateHash()).isEqualTo(primary.stateHash());
            assertThat(promoted.risk().orElseThrow().stateHash()).isEqualTo(primary.risk().orElseThrow().stateHash());
            assertThat(promoted.submit("AAPL", 99_999, 3, io.cift.core.model.Side.BUY, io.cift.core.model.OrderType.LIMIT,
                    io.cift.core.model.TimeInForce.GTC, 1_000, 1, false)).as("account 3's kill switch came across")
                    .isNotEqualTo(ResultCode.ACCEPTED);
            }
        }
    }
}
