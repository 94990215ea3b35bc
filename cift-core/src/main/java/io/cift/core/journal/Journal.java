package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.journal.internal.JournalMeta;
import io.cift.core.journal.internal.ReadOnlyJournal;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Read-only access to a journal directory that a {@link DurableEngine} wrote: its commands, a summary,
 * and the engine state it holds. Nothing here changes a file, so it may run beside the engine that owns
 * the directory (it then sees the commands written so far, and ignores a record still being written).
 */
public final class Journal {

    private Journal() {
    }

    /**
     * Reads journaled order commands in order (a gated engine's risk limit and kill switch changes are
     * journaled too, with their own sequence numbers, but not listed here).
     *
     * @param dir the journal directory
     * @param fromSequence the first command wanted (1: from the start)
     * @param consumer receives each command
     * @return the last command read (0 when none)
     * @throws JournalException when the directory cannot be read, a segment it needs is missing, or a
     *                          damaged record has valid records after it
     */
    public static long read(Path dir, long fromSequence, Consumer<JournalCommand> consumer) {
        return ReadOnlyJournal.read(dir, fromSequence, consumer);
    }

    /**
     * Summarizes a journal directory.
     *
     * @param dir the journal directory
     * @return the summary
     * @throws JournalException when it cannot be read
     */
    public static JournalInfo info(Path dir) {
        return ReadOnlyJournal.info(dir);
    }

    /**
     * Lists the valid snapshots of a journal directory (checksum and name good), newest first.
     *
     * @param dir the journal directory
     * @return what each holds
     * @throws JournalException when the directory cannot be read
     */
    public static java.util.List<SnapshotInfo> snapshots(Path dir) {
        return ReadOnlyJournal.snapshots(dir);
    }

    /**
     * Recovers the engine state a journal holds into a plain (not journaling) engine, as
     * {@link DurableEngine#open} would, under the matching rules stored with the journal, without
     * changing any file.
     *
     * @param dir the journal directory
     * @return the engine and what recovery did
     * @throws JournalException when it cannot be recovered
     */
    public static Recovered recover(Path dir) {
        return ReadOnlyJournal.recover(dir);
    }

    /**
     * A recovered engine.
     *
     * @param engine the engine, holding the state of every readable journaled command
     * @param report what recovery did
     */
    public record Recovered(MatchingEngine engine, RecoveryReport report) {
    }

    /**
     * The engine id stored in a journal directory.
     *
     * @param dir the journal directory
     * @return the id, or null when none is stored
     * @throws JournalException when it cannot be read
     */
    public static String engineId(Path dir) {
        try {
            JournalMeta meta = JournalMeta.read(dir);
            return meta == null ? null : meta.engineId();
        } catch (java.io.IOException e) {
            throw new JournalException("cannot read the engine id of " + dir + ": " + e, e);
        }
    }
}
