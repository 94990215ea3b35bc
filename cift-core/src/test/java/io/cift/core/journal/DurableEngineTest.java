package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableEngineTest {

    private static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder()
            .selfTradePrevention(SelfTradePrevention.CANCEL_RESTING).initialOrderCapacity(16).build();

    @TempDir
    Path tmp;

    private static DurableEngineConfig.Builder config(Path dir) {
        return DurableEngineConfig.builder(dir).engine(ENGINE).snapshotEvery(0);
    }

    /** The reference: a plain engine fed the first n commands, with its events. */
    private static MatchingEngine reference(List<Commands.Command> cmds, int n, EventLog log) {
        MatchingEngine ref = MatchingEngine.create(ENGINE.toBuilder().listener(log == null ? new EventLog() : log).build());
        for (int i = 0; i < n; i++) {
            cmds.get(i).applyTo(ref);
        }
        return ref;
    }

    private static void apply(MatchingEngine e, List<Commands.Command> cmds, int from, int to) {
        for (int i = from; i < to; i++) {
            ResultCode rc = cmds.get(i).applyTo(e);
            assertThat(rc).as("command %d", i).isNotIn(ResultCode.JOURNAL_UNAVAILABLE, ResultCode.CONSUMERS_BEHIND,
                    ResultCode.INVALID_SYMBOL);
        }
    }

    /** Copies a journal directory as it is on disk now: what a crash at this moment would leave. */
    private static Path crashImage(Path dir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static Path lastSegment(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Where the written part of a (preallocated, zero-filled) segment ends. */
    private static long dataEnd(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int i = b.length;
        while (i > 0 && b[i - 1] == 0) {
            i--;
        }
        return i;
    }

    /** A torn last write: its last bytes never reached the file (they read as the preallocated zeros). */
    private static void tear(Path file, int bytes) throws IOException {
        long end = dataEnd(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(end - bytes);
            f.write(new byte[bytes]);
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void reopeningRecoversEveryCommandAndTheCounters() {
        List<Commands.Command> cmds = Commands.random(1, 20_000);
        Path dir = tmp.resolve("j");
        long hash;
        long trades;
        long events;
        long rejects;
        String id;
        try (DurableEngine e = DurableEngine.open(config(dir).engineId("desk-1").build())) {
            assertThat(e.recovery().lastSequence()).isZero();
            apply(e, cmds, 0, cmds.size());
            assertThat(e.lastSequence()).isEqualTo(20_000);
            long before = e.stateHash();
            for (long orderId = 1; orderId < 200; orderId++) {
                e.prefetch("AAPL", orderId);   // a hint: nothing journaled, nothing changed
            }
            assertThat(e.lastSequence()).isEqualTo(20_000);
            hash = e.stateHash();
            assertThat(hash).isEqualTo(before);
            trades = e.trades();
            events = e.events();
            rejects = e.rejects();
            id = e.engineId();
        }
        assertThat(id).isEqualTo("desk-1");
        MatchingEngine ref = reference(cmds, cmds.size(), null);
        assertThat(hash).isEqualTo(ref.stateHash());
        assertThat(trades).isPositive();
        assertThat(rejects).isPositive();
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            e.validate();
            assertThat(e.engineId()).isEqualTo("desk-1");
            assertThat(e.stateHash()).isEqualTo(hash);
            assertThat(e.lastSequence()).isEqualTo(20_000);
            assertThat(e.durableSequence()).isEqualTo(20_000);
            assertThat(e.trades()).isEqualTo(trades);
            assertThat(e.events()).isEqualTo(events);
            assertThat(e.rejects()).isEqualTo(rejects);
            assertThat(e.recovery().commandsReplayed()).isEqualTo(20_000);
            assertThat(e.recovery().snapshot()).isNull();
            assertThat(e.recovery().tailBytesCut()).isZero();
        }
        JournalInfo info = Journal.info(dir);
        assertThat(info.commands()).isEqualTo(20_000);
        assertThat(info.engineId()).isEqualTo("desk-1");
        assertThat(info.segments()).isEqualTo(1);
        assertThat(info.bytes()).isPositive();
        assertThat(info.unreadableTailBytes()).isZero();
    }

    @Test
    void journaledCommandsReadBackAsSent() {
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            e.submit("BRK.B", 7, 42, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_234, 10, true);
            e.amend("BRK.B", 7, 1_235, 9);
            e.cancel("BRK.B", 7);
            e.submit("ÄÖÜ", 8, 43, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 0, 3, false);
        }
        List<JournalCommand> read = new ArrayList<>();
        assertThat(Journal.read(dir, 1, read::add)).isEqualTo(4);
        assertThat(read).extracting(JournalCommand::toString).containsExactly(
                "JournalCommand[sequence=1, command=NEW, symbol=BRK.B, orderId=7, ownerId=42, side=SELL, orderType=LIMIT, timeInForce=GTC,"
                        + " price=1234, quantity=10, postOnly=true, cancelReason=null]",
                "JournalCommand[sequence=2, command=AMEND, symbol=BRK.B, orderId=7, ownerId=0, side=null, orderType=null, timeInForce=null,"
                        + " price=1235, quantity=9, postOnly=false, cancelReason=null]",
                "JournalCommand[sequence=3, command=CANCEL, symbol=BRK.B, orderId=7, ownerId=0, side=null, orderType=null, timeInForce=null,"
                        + " price=0, quantity=0, postOnly=false, cancelReason=USER]",
                "JournalCommand[sequence=4, command=NEW, symbol=ÄÖÜ, orderId=8, ownerId=43, side=BUY, orderType=MARKET, timeInForce=IOC,"
                        + " price=0, quantity=3, postOnly=false, cancelReason=null]");
        List<JournalCommand> tail = new ArrayList<>();
        Journal.read(dir, 3, tail::add);
        assertThat(tail).extracting(JournalCommand::sequence).containsExactly(3L, 4L);
    }

    /**
     * A crash image taken mid-run (with snapshots and several segments) recovers, and the recovered engine,
     * fed the rest of the commands, produces exactly the events of an uninterrupted engine, numbered on.
     */
    @Test
    void recoveredEngineContinuesExactlyLikeAnUninterruptedOne() throws IOException {
        List<Commands.Command> cmds = Commands.random(2, 30_000);
        EventLog refLog = new EventLog();
        MatchingEngine ref = reference(cmds, cmds.size(), refLog);
        EventLog first = new EventLog();
        Path dir = tmp.resolve("live");
        Path image;
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(4_000).segmentBytes(64 << 10)
                .consumer("log", first).build())) {
            apply(e, cmds, 0, 17_321);
            assertThat(e.awaitDurable(17_321, Duration.ofSeconds(10))).isTrue();
            e.snapshot();   // the automatic ones at 4,000 ... 16,000 are written by now too
            image = crashImage(dir, tmp.resolve("image"));
        }
        EventLog second = new EventLog();
        try (DurableEngine e = DurableEngine.open(config(image).consumer("log", second).build())) {
            assertThat(e.recovery().snapshot().sequence()).isEqualTo(17_321);
            assertThat(e.recovery().commandsReplayed()).isZero();
            apply(e, cmds, 17_321, cmds.size());
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
        }
        List<String> all = new ArrayList<>(first.snapshot());
        all.addAll(second.snapshot());
        assertThat(all).isEqualTo(refLog.snapshot());
        List<Long> seqs = new ArrayList<>(first.eventSeqs);
        seqs.addAll(second.eventSeqs);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("event %d", i).isEqualTo(i + 1L);
        }
        assertThat(first.commandSeqs.get(first.commandSeqs.size() - 1)).isEqualTo(17_321);
        assertThat(second.commandSeqs.get(0)).isEqualTo(17_322);
        assertThat(Files.list(image).filter(p -> p.toString().endsWith(".seg")).count()).isGreaterThan(3);
    }

    @Test
    void aDeepBookRecoversFromItsSnapshotAndContinuesExactlyLikeAnUninterruptedOne() throws IOException {
        // past the size from which a book places orders in rows named by their ids: restored orders get other
        // rows than the ones they had, which nothing may show
        List<Commands.Command> cmds = Commands.deep(5, 24_000, 24_000);
        EventLog refLog = new EventLog();
        MatchingEngine ref = reference(cmds, cmds.size(), refLog);
        EventLog first = new EventLog();
        Path dir = tmp.resolve("deep");
        Path image;
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(0).consumer("log", first).build())) {
            apply(e, cmds, 0, 30_000);
            assertThat(e.book("DEEP").orElseThrow().orderCount()).isGreaterThan(ArrayOrderBook.PREFETCH_MIN_ORDERS);
            assertThat(e.awaitDurable(30_000, Duration.ofSeconds(10))).isTrue();
            e.snapshot();
            apply(e, cmds, 30_000, 36_000);   // a tail to replay over the restored book
            assertThat(e.awaitDurable(36_000, Duration.ofSeconds(10))).isTrue();
            image = crashImage(dir, tmp.resolve("deep-image"));
        }
        EventLog second = new EventLog();
        try (DurableEngine e = DurableEngine.open(config(image).consumer("log", second).build())) {
            assertThat(e.recovery().snapshot().sequence()).isEqualTo(30_000);
            assertThat(e.recovery().commandsReplayed()).isEqualTo(6_000);
            assertThat(e.stateHash()).isEqualTo(reference(cmds, 36_000, null).stateHash());
            apply(e, cmds, 36_000, cmds.size());
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
            e.validate();
        }
        List<String> all = new ArrayList<>(first.snapshot());
        all.addAll(second.snapshot());
        assertThat(all).as("the events before the crash, then after it").isEqualTo(refLog.snapshot());
    }

    @Test
    void recoveryReplaysTheTailAfterTheNewestSnapshotAndHandsItsEventsToTheRecoveryHandler() {
        List<Commands.Command> cmds = Commands.random(3, 9_500);
        EventLog refLog = new EventLog();
        MatchingEngine ref = reference(cmds, cmds.size(), refLog);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(2_000).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        EventLog replayed = new EventLog();
        try (DurableEngine e = DurableEngine.open(config(dir).recoveryHandler(replayed).build())) {
            RecoveryReport r = e.recovery();
            assertThat(r.snapshot().sequence()).isEqualTo(8_000);
            assertThat(r.commandsReplayed()).isEqualTo(1_500);
            assertThat(r.stateHash()).isEqualTo(ref.stateHash());
            long eventsAtSnapshot = r.snapshot().events();
            List<String> expected = refLog.snapshot().subList((int) eventsAtSnapshot, refLog.lines.size());
            assertThat(replayed.snapshot()).isEqualTo(expected);
            assertThat(replayed.eventSeqs.get(0)).isEqualTo(eventsAtSnapshot + 1);
        }
        // a filter that wants an older snapshot gets it, and the events after it
        EventLog older = new EventLog();
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotFilter(s -> s.sequence() <= 7_000)
                .recoveryHandler(older).build())) {
            assertThat(e.recovery().snapshot().sequence()).isEqualTo(6_000);
            assertThat(e.recovery().commandsReplayed()).isEqualTo(3_500);
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
            assertThat(older.eventSeqs.get(0)).isEqualTo(e.recovery().snapshot().events() + 1);
        }
        assertThat(Journal.info(dir).snapshots()).isEqualTo(3);   // 4,000 6,000 8,000 kept
    }

    @Test
    void snapshotsTakenFasterThanTheyAreWrittenEachHoldTheirOwnCommands() throws IOException {
        // a snapshot every 400 commands at full speed: several are still being written when the next falls due, so
        // the two snapshot buffers take turns and the matching thread waits for the older one; a buffer reused too
        // early would put a later state under an earlier snapshot's name
        List<Commands.Command> cmds = Commands.random(11, 6_000);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(400).snapshotsKept(100).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        assertThat(Journal.info(dir).snapshots()).isEqualTo(15);
        long expected = reference(cmds, cmds.size(), null).stateHash();
        for (long k = 400; k <= 6_000; k += 400) {
            long at = k;
            Path copy = crashImage(dir, tmp.resolve("from-" + k));
            try (DurableEngine e = DurableEngine.open(config(copy).snapshotFilter(s -> s.sequence() == at).build())) {
                RecoveryReport r = e.recovery();
                assertThat(r.snapshot().sequence()).isEqualTo(at);
                assertThat(r.commandsReplayed()).as("from the snapshot at %d", at).isEqualTo(6_000 - at);
                assertThat(e.stateHash()).as("from the snapshot at %d", at).isEqualTo(expected);
            }
        }
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOne() throws IOException {
        List<Commands.Command> cmds = Commands.random(4, 5_500);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(1_000).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        Path newest = dir.resolve(String.format("snapshot-%020d.snap", 5_000));
        flipByte(newest, Files.size(newest) / 2);
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(e.recovery().snapshot().sequence()).isEqualTo(4_000);
            assertThat(e.recovery().notes()).anySatisfy(n -> assertThat(n).contains("snapshot-00000000000000005000.snap: damaged"));
            assertThat(e.stateHash()).isEqualTo(reference(cmds, cmds.size(), null).stateHash());
        }
    }

    @Test
    void aTornLastRecordIsCutAndTheCommandCanBeSentAgain() throws IOException {
        List<Commands.Command> cmds = Commands.random(5, 3_000);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        Path seg = lastSegment(dir);
        tear(seg, 10);
        assertThat(Journal.info(dir).commands()).isEqualTo(2_999);
        assertThat(Journal.info(dir).unreadableTailBytes()).isPositive();
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(
                io.cift.core.journal.internal.JournaledEngine.class);
             DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(log.messages(ch.qos.logback.classic.Level.INFO)).as("what recovery did, at INFO")
                    .singleElement().asString().contains("recovered to command 2999").contains("2999 commands replayed");
            assertThat(log.messages(ch.qos.logback.classic.Level.WARN)).as("the cut tail, at WARN")
                    .singleElement().asString().contains("bytes off the end of journal").contains("checksum does not match");
            assertThat(e.lastSequence()).isEqualTo(2_999);
            assertThat(e.recovery().tailBytesCut()).isPositive();
            assertThat(e.recovery().tailProblem()).contains("checksum does not match");
            assertThat(e.stateHash()).isEqualTo(reference(cmds, 2_999, null).stateHash());
            apply(e, cmds, 2_999, 3_000);
            assertThat(e.stateHash()).isEqualTo(reference(cmds, 3_000, null).stateHash());
        }
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(e.lastSequence()).isEqualTo(3_000);
            assertThat(e.recovery().tailBytesCut()).isZero();
        }
    }

    @Test
    void aFlippedByteInTheLastRecordIsCut() throws IOException {
        List<Commands.Command> cmds = Commands.random(6, 2_000);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        Path seg = lastSegment(dir);
        flipByte(seg, dataEnd(seg) - 3);   // inside the last record
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(e.lastSequence()).isEqualTo(1_999);
            assertThat(e.recovery().tailProblem()).contains("checksum");
            assertThat(e.stateHash()).isEqualTo(reference(cmds, 1_999, null).stateHash());
        }
    }

    @Test
    void damageWithValidRecordsAfterItFailsUnlessASnapshotCoversIt() throws IOException {
        List<Commands.Command> cmds = Commands.random(7, 4_000);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        Path seg = lastSegment(dir);
        Path covered = crashImage(dir, tmp.resolve("covered"));
        long middle = dataEnd(seg) / 2;
        flipByte(seg, middle);
        assertThatThrownBy(() -> DurableEngine.open(config(dir).build()))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining(seg.toString()).hasMessageContaining("unreadable").hasMessageContaining("valid records follow");
        assertThatThrownBy(() -> Journal.read(dir, 1, c -> { })).isInstanceOf(JournalException.class);
        // nothing was cut: the damage is still there for an operator to look at
        assertThat(Files.size(seg)).isEqualTo(Files.size(covered.resolve(seg.getFileName())));

        // the same damage behind a snapshot taken after it is skipped
        try (DurableEngine e = DurableEngine.open(config(covered).build())) {
            e.snapshot();
        }
        flipByte(covered.resolve(seg.getFileName()), middle);
        try (DurableEngine e = DurableEngine.open(config(covered).build())) {
            assertThat(e.lastSequence()).isEqualTo(4_000);
            assertThat(e.recovery().notes()).anySatisfy(n -> assertThat(n).contains("covered by the snapshot"));
            assertThat(e.stateHash()).isEqualTo(reference(cmds, 4_000, null).stateHash());
        }
    }

    @Test
    void aSecondEngineCannotOpenAHeldJournalNorUnderAnotherId() {
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).engineId("a").build())) {
            assertThat(e.engineId()).isEqualTo("a");
            assertThatThrownBy(() -> DurableEngine.open(config(dir).build()))
                    .isInstanceOf(JournalException.class).hasMessageContaining("held by another engine");
        }
        assertThatThrownBy(() -> DurableEngine.open(config(dir).engineId("b").build()))
                .isInstanceOf(JournalException.class).hasMessageContaining("engine id 'a', not 'b'");
        assertThatThrownBy(() -> DurableEngine.open(config(dir).engine(MatchingEngineConfig.builder().symbols("A").build()).build()))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("self-trade prevention CANCEL_RESTING, not NONE").hasMessageContaining("symbols [], not [A]");
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(e.engineId()).isEqualTo("a");
        }
    }

    @Test
    void readOnlyRecoveryUsesTheStoredRulesAndChangesNoFile() throws IOException {
        List<Commands.Command> cmds = Commands.random(9, 6_000);
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).snapshotEvery(2_500).build())) {
            apply(e, cmds, 0, cmds.size());
        }
        Path seg = lastSegment(dir);
        tear(seg, 3);
        byte[] before = Files.readAllBytes(seg);
        Journal.Recovered r = Journal.recover(dir);
        assertThat(r.report().snapshot().sequence()).isEqualTo(5_000);
        assertThat(r.report().lastSequence()).isEqualTo(5_999);
        assertThat(r.engine().stateHash()).isEqualTo(reference(cmds, 5_999, null).stateHash());   // CANCEL_RESTING, as stored
        assertThat(Files.readAllBytes(seg)).isEqualTo(before);
    }

    @Test
    void commandsTheJournalCannotTakeAreRefusedUntouched() {
        Path dir = tmp.resolve("j");
        DurableEngine e = DurableEngine.open(config(dir).build());
        assertThat(e.submit(null, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false)).isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(e.submit("x".repeat(256), 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false))
                .isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(e.cancel(" ", 1)).isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(e.lastSequence()).isZero();
        assertThat(e.submit("A", 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false)).isEqualTo(ResultCode.ACCEPTED);
        assertThat(e.amend("", 1, 10, 1)).as("checked after a known symbol too").isEqualTo(ResultCode.INVALID_SYMBOL);
        assertThat(e.lastSequence()).isEqualTo(1);
        e.close();
        assertThat(e.submit("A", 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false))
                .isEqualTo(ResultCode.JOURNAL_UNAVAILABLE);
        assertThat(e.book("A").orElseThrow().orderCount()).isEqualTo(1);
        assertThat(Journal.info(dir).commands()).isEqualTo(1);
    }

    @Test
    void symbolsBeyondTheLimitAreRefusedBeforeTheJournal() {
        Path dir = tmp.resolve("j");
        DurableEngineConfig.Builder b = DurableEngineConfig.builder(dir).engine(ENGINE.toBuilder().maxSymbols(2).build())
                .snapshotEvery(0);
        try (DurableEngine e = DurableEngine.open(b.build())) {
            assertThat(e.submit("A", 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false)).isEqualTo(ResultCode.ACCEPTED);
            assertThat(e.cancel("B", 9)).as("a cancel names a symbol too").isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
            assertThat(e.submit("C", 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false))
                    .isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
            assertThat(e.amend("D", 1, 10, 1)).isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
            assertThat(e.lastSequence()).as("refused commands are not journaled").isEqualTo(2);
            assertThat(e.submit("B", 3, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 11, 1, false)).isEqualTo(ResultCode.ACCEPTED);
            assertThat(e.symbols()).containsExactlyInAnyOrder("A", "B");
        }
        // reopened under a lower limit, every book the journal names comes back, and no new symbol gets in
        try (DurableEngine e = DurableEngine.open(b.engine(ENGINE.toBuilder().maxSymbols(1).build()).build())) {
            assertThat(e.book("B").orElseThrow().orderCount()).isEqualTo(1);
            assertThat(e.book("A").orElseThrow().orderCount()).isEqualTo(1);
            assertThat(e.submit("E", 4, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false))
                    .isEqualTo(ResultCode.TOO_MANY_SYMBOLS);
            assertThat(e.submit("A", 5, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 1, false)).isEqualTo(ResultCode.ACCEPTED);
        }
        Journal.Recovered r = Journal.recover(dir);
        assertThat(r.engine().book("A").orElseThrow().orderCount()).isEqualTo(2);
        assertThat(r.engine().book("B").orElseThrow().orderCount()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)   // a guard against the quadratic table (100 s here), not a benchmark (1 s)
    void manySymbolsAreNamedInLinearTime() {
        // the symbol table once copied itself for every new symbol: n symbols cost n^2 / 2 copies
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(config(dir).engine(ENGINE.toBuilder().maxSymbols(Integer.MAX_VALUE).build())
                .build())) {
            for (int i = 0; i < 300_000; i++) {
                assertThat(e.cancel("S" + i, i)).isEqualTo(ResultCode.UNKNOWN_ORDER_ID);
            }
            assertThat(e.lastSequence()).isEqualTo(300_000);
        }
    }

    @Test
    void fsyncPoliciesAllRecover() {
        for (FsyncPolicy p : FsyncPolicy.values()) {
            List<Commands.Command> cmds = Commands.random(8, 5_000);
            Path dir = tmp.resolve("j-" + p);
            try (DurableEngine e = DurableEngine.open(config(dir).fsync(p).fsyncInterval(Duration.ofMillis(1)).build())) {
                apply(e, cmds, 0, cmds.size());
                assertThat(e.awaitDurable(5_000, Duration.ofSeconds(10))).as("%s", p).isTrue();
            }
            try (DurableEngine e = DurableEngine.open(config(dir).build())) {
                assertThat(e.stateHash()).as("%s", p).isEqualTo(reference(cmds, cmds.size(), null).stateHash());
            }
        }
    }

    /**
     * A writer that gathers commands after each batch still writes a lone command, and the commands that arrive
     * while it gathers, without waiting for more: each command becomes durable on its own, and all recover.
     */
    @Test
    void aGatheringWriterWritesWhatArrivedWithoutWaitingForMore() {
        Path dir = tmp.resolve("gather");
        List<Commands.Command> cmds = Commands.random(8, 2_000);
        try (DurableEngine e = DurableEngine.open(config(dir).fsync(FsyncPolicy.NONE)
                .writerGather(DurableEngineConfig.MAX_WRITER_GATHER).build())) {
            for (int i = 0; i < cmds.size(); i++) {
                apply(e, cmds, i, i + 1);
                if (i % 500 == 0) {
                    assertThat(e.awaitDurable(i + 1, Duration.ofSeconds(5))).as("command %d alone", i + 1).isTrue();
                }
            }
            assertThat(e.awaitDurable(cmds.size(), Duration.ofSeconds(5))).isTrue();
        }
        try (DurableEngine e = DurableEngine.open(config(dir).build())) {
            assertThat(e.lastSequence()).isEqualTo(cmds.size());
            assertThat(e.stateHash()).isEqualTo(reference(cmds, cmds.size(), null).stateHash());
        }
    }
}
