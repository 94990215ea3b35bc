package io.cift.core.feed;

/** A strict {@link BookBuilder} met a gap (or a message its book contradicts) in the feed. */
public final class FeedGapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was missing or wrong
     */
    public FeedGapException(String message) {
        super(message);
    }
}
