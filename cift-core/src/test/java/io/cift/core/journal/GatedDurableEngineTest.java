package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.PriceBand;
import io.cift.core.risk.RiskCheckedEngine;
import io.cift.core.risk.RiskView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A durable engine with a risk gate: limits, kill switches, the throttle, positions and open orders are
 * journaled and snapshotted, and a recovered engine decides exactly as an uninterrupted gated engine.
 */
class GatedDurableEngineTest {

    @TempDir
    Path tmp;

    private static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder()
            .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).build();

    /** A clock the test moves by hand. */
    static final class HandClock implements io.cift.core.risk.NanoClock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    /** The same admin steps and commands for both engines, with the same clock steps. */
    private static final class Driver {
        final SplittableRandom rnd;
        final List<long[]> live = new ArrayList<>();
        long next = 1;

        Driver(long seed) {
            rnd = new SplittableRandom(seed);
        }

        static void limits(Object e) {
            for (long a = 1; a <= 4; a++) {
                AccountLimits l = AccountLimits.builder().maxOrderQuantity(80).maxPosition(300)
                        .priceBand(a == 2 ? PriceBand.percent(5) : PriceBand.ticks(8))
                        .maxOrdersPerSecond(a == 3 ? 2_000 : 100_000, 4).maxOpenOrders(60).build();
                if (e instanceof DurableEngine d) {
                    d.setAccountLimits(a, l);
                } else {
                    ((RiskCheckedEngine) e).risk().setAccountLimits(a, l);
                }
            }
        }

        /** One step: maybe an admin change at fixed points, else a random command. Returns the clock step. */
        long step(int i, Object e, HandClock clock, long delta) {
            clock.now += delta;
            if (i == 2_500) {
                InstrumentLimits il = InstrumentLimits.builder().maxOrderQuantity(10).build();
                if (e instanceof DurableEngine d) {
                    d.setInstrumentLimits(1, "A", il);
                } else {
                    ((RiskCheckedEngine) e).risk().setInstrumentLimits(1, "A", il);
                }
                return delta;
            }
            if (i == 4_000 || i == 6_000) {
                boolean on = i == 4_000;
                if (e instanceof DurableEngine d) {
                    d.setKillSwitch(4, on);
                } else {
                    ((RiskCheckedEngine) e).risk().setKillSwitch(4, on);
                }
                return delta;
            }
            if (i == 7_000) {
                if (e instanceof DurableEngine d) {
                    d.killAccount(2, true);
                } else {
                    ((RiskCheckedEngine) e).killAccount(2, true);
                }
                return delta;
            }
            MatchingEngine m = (MatchingEngine) e;
            int r = rnd.nextInt(100);
            String sym = rnd.nextBoolean() ? "A" : "B";
            if (r < 60 || live.isEmpty()) {
                long id = next++;
                long owner = 1 + rnd.nextInt(4);
                boolean market = rnd.nextInt(15) == 0;
                m.submit(sym, id, owner, rnd.nextBoolean() ? Side.BUY : Side.SELL, market ? OrderType.MARKET : OrderType.LIMIT,
                        rnd.nextInt(5) == 0 ? TimeInForce.IOC : TimeInForce.GTC, market ? 0 : 1_000 + rnd.nextInt(13) - 6,
                        1 + rnd.nextInt(90), false);
                live.add(new long[] {sym.equals("A") ? 0 : 1, id});
            } else if (r < 85) {
                long[] o = live.remove(rnd.nextInt(live.size()));
                m.cancel(o[0] == 0 ? "A" : "B", o[1]);
            } else {
                long[] o = live.get(rnd.nextInt(live.size()));
                m.amend(o[0] == 0 ? "A" : "B", o[1], 1_000 + rnd.nextInt(13) - 6, 1 + rnd.nextInt(60));
            }
            return delta;
        }
    }

    private static DurableEngineConfig.Builder config(Path dir, HandClock clock, EventLog log) {
        return DurableEngineConfig.builder(dir).engine(ENGINE.toBuilder().listener(log).build()).riskGate(clock)
                .snapshotEvery(2_000);
    }

    private static Path copy(Path dir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a snapshot being written in the background renamed its temporary file meanwhile: the
                    // image is of a crash before that rename, which recovery must handle anyway
                }
            }
        }
        return to;
    }

    /**
     * Waits until the background writer has finished a snapshot (its file appears under its final name only
     * once whole), so that the crash image holds one and recovery replays the commands after it.
     */
    private static void awaitASnapshotFile(Path dir) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(p -> p.getFileName().toString().matches("snapshot-\\d{20}\\.snap"))) {
                    return;
                }
            }
            assertThat(deadline - System.nanoTime()).as("a snapshot written within 10 s").isPositive();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void aRecoveredGatedEngineDecidesExactlyAsAnUninterruptedOne() throws IOException {
        int total = 9_000;
        int crashAt = 5_321;
        // the reference: a plain gated engine, never interrupted
        EventLog refLog = new EventLog();
        HandClock refClock = new HandClock();
        refClock.now = 5_000_000_000L;
        RiskCheckedEngine ref = RiskCheckedEngine.create(ENGINE.toBuilder().listener(refLog).build(), refClock);
        Driver.limits(ref);
        Driver refDriver = new Driver(11);
        SplittableRandom deltas = new SplittableRandom(99);
        long[] steps = new long[total];
        for (int i = 0; i < total; i++) {
            steps[i] = deltas.nextInt(1_500_000);   // up to 1.5 ms between commands: the 2,000/s throttle bites
        }
        long refHashAtCrash = 0;
        long refRiskAtCrash = 0;
        for (int i = 0; i < total; i++) {
            refDriver.step(i, ref, refClock, steps[i]);
            if (i == crashAt - 1) {
                refHashAtCrash = ref.stateHash();
                refRiskAtCrash = ref.risk().stateHash();
            }
        }
        assertThat(refLog.snapshot()).anySatisfy(l -> assertThat(l).contains("RISK_REJECTED"));

        EventLog first = new EventLog();
        HandClock clock = new HandClock();
        clock.now = 5_000_000_000L;
        Path dir = tmp.resolve("j");
        Path image;
        Driver driver = new Driver(11);
        try (DurableEngine e = DurableEngine.open(config(dir, clock, first).build())) {
            Driver.limits(e);
            for (int i = 0; i < crashAt; i++) {
                driver.step(i, e, clock, steps[i]);
            }
            assertThat(e.awaitDurable(e.lastSequence(), Duration.ofSeconds(10))).isTrue();
            e.validate();
            awaitASnapshotFile(dir);
            image = copy(dir, tmp.resolve("image"));
        }
        // after the "crash" the process's raw clock starts somewhere else entirely
        HandClock restarted = new HandClock();
        restarted.now = 77;
        EventLog second = new EventLog();
        try (DurableEngine e = DurableEngine.open(config(image, restarted, second).build())) {
            assertThat(e.recovery().snapshot()).isNotNull();
            assertThat(e.recovery().commandsReplayed()).isPositive();
            RiskView risk = e.risk().orElseThrow();
            risk.validate();
            assertThat(e.stateHash()).isEqualTo(refHashAtCrash);
            assertThat(risk.stateHash()).isEqualTo(refRiskAtCrash);
            for (int i = crashAt; i < total; i++) {
                driver.step(i, e, restarted, steps[i]);
            }
            e.validate();
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
            assertThat(risk.stateHash()).isEqualTo(ref.risk().stateHash());
            assertThat(risk.positions(1)).isEqualTo(ref.risk().positions(1));
            assertThat(risk.openOrders(3)).isEqualTo(ref.risk().openOrders(3));
        }
        List<String> all = new ArrayList<>(first.snapshot());
        all.addAll(second.snapshot());
        assertThat(all).isEqualTo(refLog.snapshot());
        // the rules and the gate are part of the journal: opening it without a gate is refused
        assertThatThrownBy(() -> DurableEngine.open(DurableEngineConfig.builder(image).engine(ENGINE).build()))
                .isInstanceOf(JournalException.class).hasMessageContaining("a risk gate, not none");
        Journal.Recovered ro = Journal.recover(image);
        assertThat(ro.engine().stateHash()).isEqualTo(ref.stateHash());
    }

    @Test
    void aSnapshotWhoseChecksumMatchesButWhoseRiskStateLengthIsImpossibleIsSkipped() throws IOException {
        HandClock clock = new HandClock();
        clock.now = 5_000_000_000L;
        Path dir = tmp.resolve("bad-length");
        Driver driver = new Driver(5);
        long hash;
        long riskHash;
        Path snap;
        try (DurableEngine e = DurableEngine.open(config(dir, clock, new EventLog()).snapshotEvery(0).build())) {
            e.setAccountLimits(1, AccountLimits.builder().maxPosition(1_000).build());
            for (int i = 0; i < 3_000; i++) {
                driver.step(i, e, clock, 1_000_000);
            }
            assertThat(e.book("A").orElseThrow().orderCount()).isPositive();
            snap = e.snapshot().file();
            hash = e.stateHash();
            riskHash = e.risk().orElseThrow().stateHash();
        }
        // the risk state's length, found by walking the snapshot's layout, made impossible; the checksum made good
        byte[] bytes = Files.readAllBytes(snap);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        in.skipBytes(8 + 6 * 8);
        in.readUTF();
        int books = in.readInt();
        assertThat(books).isPositive();
        for (int b = 0; b < books; b++) {
            in.readUTF();
            in.skipBytes(in.readInt() * (8 + 8 + 1 + 3 * 8));
        }
        assertThat(in.readByte()).as("gated").isEqualTo((byte) 1);
        in.skipBytes(8 + 8);
        int at = bytes.length - in.available();
        for (int length : new int[] {Integer.MAX_VALUE, -1}) {
            java.nio.ByteBuffer.wrap(bytes).putInt(at, length);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
            Files.write(snap, bytes);
            try (DurableEngine e = DurableEngine.open(config(dir, new HandClock(), new EventLog()).snapshotEvery(0).build())) {
                assertThat(e.recovery().snapshot()).as("the damaged snapshot is not used").isNull();
                assertThat(e.recovery().notes()).anySatisfy(n -> assertThat(n).contains(snap.getFileName().toString())
                        .contains("risk state of " + length + " bytes"));
                assertThat(e.stateHash()).isEqualTo(hash);
                assertThat(e.risk().orElseThrow().stateHash()).isEqualTo(riskHash);
            }
        }
    }

    @Test
    void aLimitForOneSymbolTooManyIsRefusedBeforeTheJournal() {
        HandClock clock = new HandClock();
        DurableEngineConfig.Builder b = config(tmp.resolve("few"), clock, new EventLog())
                .engine(ENGINE.toBuilder().maxSymbols(1).build());
        try (DurableEngine e = DurableEngine.open(b.build())) {
            e.setAccountLimits(9, AccountLimits.builder().build());
            e.setInstrumentLimits(9, "A", InstrumentLimits.builder().build());
            long before = e.lastSequence();
            assertThatThrownBy(() -> e.setInstrumentLimits(9, "B", InstrumentLimits.builder().build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already names 1 symbols")
                    .hasMessageContaining("no room for B");
            assertThat(e.lastSequence()).isEqualTo(before);
            assertThat(e.submit("B", 1, 9, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, false))
                    .isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
            assertThat(e.risk().orElseThrow().openOrderCount(9)).isZero();
        }
    }

    @Test
    void riskChangesNeedAGateAndAnAccount() {
        try (DurableEngine plain = DurableEngine.open(DurableEngineConfig.builder(tmp.resolve("plain")).build())) {
            assertThat(plain.risk()).isEmpty();
            assertThatThrownBy(() -> plain.setGlobalKillSwitch(true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has no risk gate");
        }
        HandClock clock = new HandClock();
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("gated"), clock, new EventLog()).build())) {
            assertThatThrownBy(() -> e.setKillSwitch(9, true)).hasMessageContaining("account 9 has no limits");
            long before = e.lastSequence();
            e.setAccountLimits(9, AccountLimits.builder().maxOrderQuantity(5).build());
            assertThat(e.lastSequence()).as("a limit change is a journaled command").isEqualTo(before + 1);
            assertThat(e.submit("A", 1, 9, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 6, false))
                    .isEqualTo(ResultCode.RISK_REJECTED);
            assertThat(e.lastRiskReason()).isEqualTo(io.cift.core.risk.RiskReason.MAX_ORDER_QUANTITY);
            assertThat(e.submit("A", 2, 9, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false)).isEqualTo(ResultCode.ACCEPTED);
            assertThat(e.killAccount(9, true)).isEqualTo(1);
            assertThat(e.book("A").orElseThrow().orderCount()).isZero();
        }
        try (DurableEngine e = DurableEngine.open(config(tmp.resolve("gated"), clock, new EventLog()).build())) {
            assertThat(e.submit("A", 3, 9, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, false))
                    .as("the kill switch was journaled").isEqualTo(ResultCode.RISK_REJECTED);
            assertThat(e.lastRiskReason()).isEqualTo(io.cift.core.risk.RiskReason.KILL_SWITCH_ACCOUNT);
        }
    }
}
