package io.cift.analytics.ticks;

import io.cift.core.CiftException;

/**
 * A tick store could not store or read: the message says what and where, and for a write how many
 * ticks were not confirmed. {@link #isTransient()} tells whether retrying later can help (the server
 * was unreachable) or not (the server refused the data).
 */
public class TickStoreException extends CiftException {
    private static final long serialVersionUID = 1L;

    private final long unconfirmed;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param unconfirmed ticks written but not confirmed stored (0 for a read)
     * @param transientFailure whether a retry later may succeed
     * @param cause the underlying failure, or null
     */
    public TickStoreException(String message, long unconfirmed, boolean transientFailure, Throwable cause) {
        super(message, cause, transientFailure);
        this.unconfirmed = unconfirmed;
    }

    /**
     * Ticks written but not confirmed stored when this was thrown.
     *
     * @return the count, 0 for a failed read
     */
    public long unconfirmed() {
        return unconfirmed;
    }
}
