package io.cift.core.journal;

import java.nio.file.Path;

/**
 * What a snapshot of a durable engine holds, besides the books.
 *
 * @param sequence the journal sequence number of the last command it includes
 * @param events events the engine had produced by then
 * @param trades trades by then
 * @param volume traded quantity by then (saturating at {@link Long#MAX_VALUE})
 * @param rejects rejected commands by then
 * @param stateHash the engine's {@code stateHash()} at that point
 * @param file the snapshot file
 */
public record SnapshotInfo(long sequence, long events, long trades, long volume, long rejects, long stateHash, Path file) {
}
