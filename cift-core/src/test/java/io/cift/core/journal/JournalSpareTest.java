package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spare segment: filled ahead of need, given up (not waited for) when the engine closes, and kept for
 * the next engine once it is complete.
 */
class JournalSpareTest {

    private static final String FILLING = "journal-spare.tmp";
    private static final String READY = "journal-spare.ready";
    private static final long SEGMENT = 256 << 10;

    @TempDir
    Path tmp;

    private static DurableEngineConfig.Builder config(Path dir, long segmentBytes) {
        return DurableEngineConfig.builder(dir).engine(MatchingEngineConfig.builder().initialOrderCapacity(16).build())
                .snapshotEvery(0).segmentBytes(segmentBytes);
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    private static void awaitReady(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(dir.resolve(READY))) {
            assertThat(System.nanoTime() - deadline).as("the spare was not ready within 30 s").isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    void closingGivesUpASpareStillBeingFilledAndLeavesNoHalfFilledFile() throws IOException {
        Path dir = tmp.resolve("j");
        List<Commands.Command> cmds = Commands.random(5, 2_000);
        // 64 MiB: filling the spare pauses 2 ms after each megabyte, so it takes well over 128 ms, far longer
        // than these commands
        try (DurableEngine e = DurableEngine.open(config(dir, 64L << 20).build())) {
            cmds.forEach(c -> c.applyTo(e));
        }
        assertThat(dir.resolve(FILLING)).doesNotExist();
        assertThat(dir.resolve(READY)).doesNotExist();
        MatchingEngine ref = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(16).build());
        cmds.forEach(c -> c.applyTo(ref));
        try (DurableEngine e = DurableEngine.open(config(dir, 64L << 20).build())) {
            assertThat(e.lastSequence()).isEqualTo(cmds.size());
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
        }
    }

    @Test
    void aReadySpareOutlivesItsEngineAndBecomesTheNextEnginesNextSegment() throws Exception {
        Path dir = tmp.resolve("j");
        List<Commands.Command> cmds = Commands.random(6, 40_000);
        Object spareKey;
        try (DurableEngine e = DurableEngine.open(config(dir, SEGMENT).build())) {
            cmds.subList(0, 1_000).forEach(c -> c.applyTo(e));
            awaitReady(dir);
            spareKey = fileKey(dir.resolve(READY));
        }
        assertThat(dir.resolve(READY)).exists().hasSize(SEGMENT);
        assertThat(segments(dir)).hasSize(1);
        try (DurableEngine e = DurableEngine.open(config(dir, SEGMENT).build())) {
            assertThat(e.lastSequence()).isEqualTo(1_000);
            assertThat(dir.resolve(READY)).as("kept as the writer's spare, not filled again").exists();
            assertThat(fileKey(dir.resolve(READY))).isEqualTo(spareKey);
            cmds.subList(1_000, cmds.size()).forEach(c -> c.applyTo(e));
            assertThat(e.awaitDurable(cmds.size(), Duration.ofSeconds(10))).isTrue();
        }
        List<Path> segs = segments(dir);
        assertThat(segs).hasSizeGreaterThan(1);
        assertThat(fileKey(segs.get(1))).as("the second segment is the spare the first engine filled").isEqualTo(spareKey);
        MatchingEngine ref = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(16).build());
        cmds.forEach(c -> c.applyTo(ref));
        try (DurableEngine e = DurableEngine.open(config(dir, SEGMENT).build())) {
            assertThat(e.lastSequence()).isEqualTo(cmds.size());
            assertThat(e.recovery().commandsReplayed()).isEqualTo(cmds.size());
            assertThat(e.stateHash()).isEqualTo(ref.stateHash());
        }
    }

    @Test
    void aNewJournalStartsInAReadySpareOfTheRightSizeOnly() throws IOException {
        Path dir = tmp.resolve("j");
        Files.createDirectories(dir);
        Files.write(dir.resolve(READY), new byte[(int) SEGMENT]);
        Object key = fileKey(dir.resolve(READY));
        List<Commands.Command> cmds = Commands.random(7, 500);
        try (DurableEngine e = DurableEngine.open(config(dir, SEGMENT).build())) {
            cmds.forEach(c -> c.applyTo(e));
        }
        assertThat(segments(dir)).hasSize(1);
        assertThat(fileKey(segments(dir).get(0))).isEqualTo(key);

        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.write(other.resolve(READY), new byte[1000]);   // not a segment's size: not used
        Object otherKey = fileKey(other.resolve(READY));
        try (DurableEngine e = DurableEngine.open(config(other, SEGMENT).build())) {
            cmds.forEach(c -> c.applyTo(e));
        }
        assertThat(fileKey(segments(other).get(0))).isNotEqualTo(otherKey);
        assertThat(segments(other).get(0)).hasSize(SEGMENT);
        for (Path d : List.of(dir, other)) {
            try (DurableEngine e = DurableEngine.open(config(d, SEGMENT).build())) {
                assertThat(e.lastSequence()).isEqualTo(cmds.size());
            }
        }
    }
}
