package io.cift.core.journal.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentsTest {

    @Test
    void fileNamesCarryTheSequenceInTwentyDigits() {
        assertThat(Segments.name(1)).isEqualTo("journal-00000000000000000001.seg");
        assertThat(Segments.name(1_000_001)).isEqualTo("journal-00000000000001000001.seg");
        assertThat(Segments.name(Long.MAX_VALUE)).isEqualTo("journal-09223372036854775807.seg");
        assertThat(Snapshots.fileName(0)).isEqualTo("snapshot-00000000000000000000.snap");
        assertThat(Snapshots.fileName(2_000_000)).isEqualTo("snapshot-00000000000002000000.snap");
    }

    @Test
    void namesSortAsTheirSequences() {
        long[] seqs = {1, 9, 10, 99, 100, 65_536, 1_000_000_007L, Long.MAX_VALUE};
        for (int i = 1; i < seqs.length; i++) {
            assertThat(Segments.name(seqs[i - 1])).isLessThan(Segments.name(seqs[i]));
        }
    }

    @Test
    void aNegativeSequenceIsRefused() {
        assertThatThrownBy(() -> Segments.name(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence -1");
    }
}
