package io.cift.core.journal;

/**
 * A summary of a journal directory, read without changing it.
 *
 * @param engineId the stored engine id, or null when none is stored
 * @param commands the last readable command's sequence number: the number of commands journaled
 * @param segments segment files
 * @param snapshots snapshot files that are valid (checksum and name)
 * @param newestSnapshot the newest valid snapshot's sequence number, 0 when there is none
 * @param bytes bytes of all segment and snapshot files
 * @param unreadableTailBytes bytes at the journal's end that cannot be read (a torn last write), which
 *                            the next opening of the engine cuts off
 */
public record JournalInfo(String engineId, long commands, int segments, int snapshots, long newestSnapshot, long bytes,
                          long unreadableTailBytes) {
}
