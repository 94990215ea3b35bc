package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.journal.JournalException;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live journal's tail: every record in order across segments, and a damaged record refused, never passed on. */
class JournalTailTest {

    @TempDir
    Path tmp;

    /** Journals {@code n} new orders in segments of 4 KiB (a few dozen records each). */
    private Path journal(int n) {
        Path dir = tmp.resolve("j");
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(dir).fsync(FsyncPolicy.NONE).snapshotEvery(0)
                .segmentBytes(4096).engine(MatchingEngineConfig.defaults()).build())) {
            for (int i = 1; i <= n; i++) {
                e.submit("S", i, 1, i % 2 == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                        i % 2 == 0 ? 100 : 200, 1 + i % 5, false);
            }
        }
        return dir;
    }

    @Test
    void everyRecordInOrderAcrossSegments() throws Exception {
        Path dir = journal(2_000);
        assertThat(Segments.list(dir)).hasSizeGreaterThan(10);
        List<Long> seqs = new ArrayList<>();
        try (JournalTail t = new JournalTail(dir, dir.resolve(Segments.name(1)), Segments.HEADER_LENGTH, 1)) {
            assertThat(t.read(700, (b, at, seq) -> seqs.add(seq))).isEqualTo(700);
            assertThat(t.read(2_000, (b, at, seq) -> seqs.add(seq))).isEqualTo(1_300);
            assertThat(t.next()).isEqualTo(2_001);
        }
        assertThat(seqs).hasSize(2_000);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aRecordWhoseBytesChangedIsRefused() throws Exception {
        Path dir = journal(100);
        Path first = dir.resolve(Segments.name(1));
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            long at = Segments.HEADER_LENGTH + 5 * 30 + 20;   // inside one of the first records
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        List<Long> seqs = new ArrayList<>();
        try (JournalTail t = new JournalTail(dir, first, Segments.HEADER_LENGTH, 1)) {
            assertThatThrownBy(() -> t.read(100, (b, at, seq) -> seqs.add(seq))).isInstanceOf(JournalException.class)
                    .hasMessageContaining(first.getFileName().toString());
        }
        assertThat(seqs).hasSizeLessThan(10);
    }
}
