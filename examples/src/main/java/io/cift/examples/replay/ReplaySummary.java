package io.cift.examples.replay;

/**
 * What a replay did.
 *
 * @param commands lines replayed (header and blank lines not counted)
 * @param trades trades printed
 * @param rejects commands the engine rejected
 * @param volume total traded quantity
 * @param elapsedNanos wall time of this run, reading and writing included
 * @param resumedFrom commands an earlier, interrupted run had already journaled (0 without a journal);
 *                    {@code commands}, {@code trades}, {@code rejects} and {@code volume} include them
 */
public record ReplaySummary(long commands, long trades, long rejects, long volume, long elapsedNanos, long resumedFrom) {

    /**
     * A summary of a run that resumed nothing.
     *
     * @param commands lines replayed
     * @param trades trades printed
     * @param rejects commands rejected
     * @param volume traded quantity
     * @param elapsedNanos wall time
     */
    public ReplaySummary(long commands, long trades, long rejects, long volume, long elapsedNanos) {
        this(commands, trades, rejects, volume, elapsedNanos, 0);
    }

    /**
     * Commands per second of this run (those it replayed, over its wall time).
     *
     * @return the rate, 0 when nothing was timed
     */
    public double commandsPerSecond() {
        return elapsedNanos == 0 ? 0 : (commands - resumedFrom) * 1e9 / elapsedNanos;
    }
}
