package io.cift.core.journal.internal;

import io.cift.core.book.CommandType;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment not yet allocated whole is filled a megabyte ahead when the writer opens it and to its size in the
 * background: the writer's records and the background fill never overwrite each other, whichever is ahead.
 */
class JournalWriterFillTest {

    private static final long SEGMENT = 8L << 20;
    /** About 28 bytes a record: over two megabytes, past what is filled when the writer opens. */
    private static final int COMMANDS = 80_000;

    @TempDir
    Path dir;

    private final ExecutorService preparer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPreparer() throws InterruptedException {
        preparer.shutdownNow();
        assertThat(preparer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private Path segment() {
        return dir.resolve(Segments.name(1));
    }

    private JournalWriter openWriter() throws IOException {
        JournalWriter.createSegment(dir, 1, true, Segments.HEADER_LENGTH).close();
        SymbolTable symbols = new SymbolTable();
        symbols.journalId("SYM");
        return new JournalWriter(dir, 1 << 20, FsyncPolicy.BATCH, 0, 0, SEGMENT, segment(), Segments.HEADER_LENGTH, 0,
                preparer, symbols, null);
    }

    /** Hands the writer {@link #COMMANDS} new orders and waits until they are durable. */
    private static void journal(JournalWriter writer) throws InterruptedException {
        CommandRing ring = writer.ring();
        int op = RecordCodec.op(CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, null);
        for (long seq = 1; seq <= COMMANDS; seq++) {
            long slot;
            while ((slot = ring.claim(1)) < 0) {
                Thread.onSpinWait();
            }
            ring.command(slot, op, 0, seq, 7, 10_000 + seq % 100, 1 + seq % 50, false, 0);
            ring.publish(slot);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (writer.durableSequence() < COMMANDS) {
            assertThat(System.nanoTime() - deadline).as("not durable within 30 s").isNegative();
            assertThat(writer.failure()).isNull();
            Thread.sleep(1);
        }
    }

    private static void stop(JournalWriter writer, Thread thread) throws InterruptedException {
        writer.close();
        thread.join(30_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(writer.failure()).isNull();
    }

    private Segments.ScanResult scan() throws IOException {
        Segments.ScanResult r = Segments.scan(new Segments.Segment(segment(), 1), null);
        assertThat(r.problem).isNull();
        assertThat(r.damages).isEmpty();
        assertThat(r.lastSeq).isEqualTo(COMMANDS);
        return r;
    }

    @Test
    void aWriterThatOutrunsTheFillTakesTheSegmentOverAndTheFillWritesNothingMore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        preparer.submit(() -> {
            release.await();   // the fill waits behind this
            return null;
        });
        JournalWriter writer = openWriter();
        assertThat(Files.size(segment())).as("filled a megabyte ahead at open")
                .isEqualTo(Segments.HEADER_LENGTH + JournalWriter.FILLED_AHEAD_AT_OPEN);
        Thread thread = new Thread(writer);
        thread.start();
        journal(writer);
        long written = Files.size(segment());
        assertThat(written).as("the records went past what was filled").isGreaterThan(
                Segments.HEADER_LENGTH + JournalWriter.FILLED_AHEAD_AT_OPEN).isLessThan(SEGMENT);

        release.countDown();
        preparer.submit(() -> null).get(30, TimeUnit.SECONDS);   // the fill has run (and found itself stopped)
        stop(writer, thread);
        Segments.ScanResult r = scan();
        assertThat(r.fileLength).as("the fill wrote nothing once the writer had passed it").isEqualTo(written)
                .isEqualTo(r.validEnd);
    }

    @Test
    void theFillReachesTheSegmentsSizeAndTheRecordsLandInsideIt() throws Exception {
        JournalWriter writer = openWriter();
        Thread thread = new Thread(writer);
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.size(segment()) < SEGMENT) {
            assertThat(System.nanoTime() - deadline).as("not filled within 30 s").isNegative();
            Thread.sleep(2);
        }
        journal(writer);
        stop(writer, thread);
        Segments.ScanResult r = scan();
        assertThat(r.fileLength).isEqualTo(SEGMENT);
        assertThat(r.validEnd).isGreaterThan(Segments.HEADER_LENGTH + JournalWriter.FILLED_AHEAD_AT_OPEN);
    }

    @Test
    void theFillAndTheRecordsRunTogetherWithoutOverwritingEachOther() throws Exception {
        for (int round = 0; round < 5; round++) {
            Files.deleteIfExists(segment());
            JournalWriter writer = openWriter();
            Thread thread = new Thread(writer);
            thread.start();
            journal(writer);
            preparer.submit(() -> null).get(30, TimeUnit.SECONDS);
            stop(writer, thread);
            Segments.ScanResult r = scan();
            // the fill either finished first or stopped where the writer passed it
            assertThat(r.fileLength).as("round %d", round).isIn(SEGMENT, r.validEnd);
        }
    }
}
