package io.cift.core.journal;

import java.util.List;

/**
 * What recovery did when a durable engine (or a read-only recovery) opened its journal.
 *
 * @param snapshot the snapshot it started from, or null when it replayed from the first command
 * @param notes snapshots it did not use (damaged, or not wanted by the filter) and journal damage that a
 *              snapshot let it skip, each with the reason
 * @param commandsReplayed journaled commands it applied after the snapshot
 * @param lastSequence the last command in the journal: the engine's state includes exactly commands 1 to this
 * @param tailBytesCut bytes of a torn or damaged last record it cut off the journal's end (0 when none,
 *                     and 0 for a read-only recovery, which only ignores them)
 * @param tailProblem what was wrong with the cut tail, or null
 * @param stateHash the recovered engine's {@code stateHash()}
 * @param elapsedNanos how long recovery took
 */
public record RecoveryReport(SnapshotInfo snapshot, List<String> notes, long commandsReplayed,
                             long lastSequence, long tailBytesCut, String tailProblem, long stateHash, long elapsedNanos) {
}
