package io.cift.analytics;

import io.cift.core.CiftException;

/**
 * A backend could not be reached or gave up (connection refused or lost, timeout, resources exhausted).
 * Always {@linkplain #isTransient() transient}: the same call may succeed later or on another backend, and a
 * fail-over strategy acts on it.
 * Syntax and data errors are never reported this way.
 */
public class BackendUnavailableException extends CiftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which backend and what failed
     * @param cause the underlying failure
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
