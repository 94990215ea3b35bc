package io.cift.core.journal.internal;

/** The numbering state of a durable engine that lives beside its books and goes into every snapshot. Single writer. */
public final class EngineCounters {
    /** Last journaled command. */
    public long commandSeq;
    /** Last event's number. */
    public long eventSeq;
    /** Last trade's number. */
    public long tradeSeq;
    /** Traded quantity, saturating. */
    public long volume;
    /** Rejected commands. */
    public long rejects;

    /**
     * Adds to the volume without wrapping.
     *
     * @param q a traded quantity
     */
    public void addVolume(long q) {
        long v = volume + q;
        volume = v < 0 ? Long.MAX_VALUE : v;
    }
}
