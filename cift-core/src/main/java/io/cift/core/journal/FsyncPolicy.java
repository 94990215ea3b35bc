package io.cift.core.journal;

/**
 * When the journal forces its writes to the disk. A command counts as durable (and its events are
 * released to consumers) once it is in the journal as this policy defines it.
 */
public enum FsyncPolicy {
    /**
     * Group commit, the default: the writer takes every command queued since its last write, writes them
     * at once and forces them to the disk ({@code fdatasync}) before it calls them durable. Survives a
     * process crash and a power failure.
     */
    BATCH,
    /**
     * Commands are durable once written to the operating system, which survives a process crash; the
     * file is forced every {@link DurableEngineConfig#fsyncInterval()}, so a power failure loses at most
     * that interval.
     */
    INTERVAL,
    /**
     * Commands are durable once written to the operating system; the file is never forced (a power
     * failure can lose whatever the operating system had not written back).
     */
    NONE
}
