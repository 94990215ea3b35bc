package io.cift.core.feed.internal;

import io.cift.core.feed.FeedGapException;

/**
 * The sequence-number rule both feed consumers apply: a number below the next expected one is a
 * duplicate (ignored and counted), one above it means messages were lost (a gap, counted, handed to the
 * consumer's gap handler, and thrown as {@link FeedGapException} in strict mode). Not thread-safe.
 */
public final class SequenceCheck {

    /** Told of a gap: the consumer stops trusting its book. */
    @FunctionalInterface
    public interface GapHandler {
        /**
         * Messages were lost or contradicted.
         *
         * @param first the first sequence number concerned
         * @param last the last one
         * @param reason what was found
         */
        void onGap(long first, long last, String reason);
    }

    private final boolean strict;
    private final String what;
    private final GapHandler handler;
    private long next = 1;
    private long gaps;
    private long duplicates;

    /**
     * Creates the check.
     *
     * @param strict whether a gap throws after the handler has run
     * @param what the messages' name in reasons ("messages", "level messages")
     * @param handler told of each gap, before a strict check throws
     */
    public SequenceCheck(boolean strict, String what, GapHandler handler) {
        this.strict = strict;
        this.what = what;
        this.handler = handler;
    }

    /**
     * Checks a message's sequence number and expects the one after it next.
     *
     * @param seq the number
     * @return false for a duplicate, which the consumer ignores
     * @throws FeedGapException in strict mode, at a gap
     */
    public boolean admit(long seq) {
        if (seq < next) {
            duplicates++;
            return false;
        }
        if (seq > next) {
            long last = seq - 1;
            gap(next, last, what + " " + (next == last ? String.valueOf(next) : next + " to " + last)
                    + " missing (next message is " + seq + ")");
        }
        next = seq + 1;
        return true;
    }

    /**
     * Reports a gap the consumer found itself (a message its book contradicts, a broken snapshot).
     *
     * @param first the first sequence number concerned
     * @param last the last one
     * @param reason what was found
     * @throws FeedGapException in strict mode
     */
    public void gap(long first, long last, String reason) {
        gaps++;
        handler.onGap(first, last, reason);
        if (strict) {
            throw new FeedGapException(reason);
        }
    }

    /**
     * Checks a consumer's {@code maxSymbols} setting, which both consumers accept only before their first message.
     *
     * @param max the bound asked for
     * @param inSnapshot whether the consumer is reading a snapshot (it has had a message, whatever its number)
     * @return {@code max}
     * @throws IllegalArgumentException when {@code max} is below 1
     * @throws IllegalStateException once a message has been applied
     */
    public int checkMaxSymbols(int max, boolean inSnapshot) {
        if (max < 1) {
            throw new IllegalArgumentException("maxSymbols must be at least 1, got " + max);
        }
        if (next != 1 || inSnapshot) {
            throw new IllegalStateException("maxSymbols must be set before the first message");
        }
        return max;
    }

    /** @return the sequence number expected next */
    public long next() {
        return next;
    }

    /** @return gaps found */
    public long gaps() {
        return gaps;
    }

    /** @return duplicates ignored */
    public long duplicates() {
        return duplicates;
    }
}
