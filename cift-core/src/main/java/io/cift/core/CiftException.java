package io.cift.core;

/**
 * The root of CIFT's unchecked exceptions. {@link #isTransient()} says whether the same request may
 * succeed later (a server unreachable, overloaded or timing out: retry or fail over) or not (bad data, a
 * refused statement or configuration: fix the cause); every backend and client classifies its failures
 * the same way. Subclasses exist only where a caller acts differently.
 */
public class CiftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the same request may succeed later. */
    private final boolean transientFailure;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public CiftException(String message) {
        this(message, null, false);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CiftException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * Creates the exception, saying whether it is transient.
     *
     * @param message what went wrong
     * @param cause the underlying failure, or null
     * @param transientFailure whether the same request may succeed later
     */
    public CiftException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Whether the same request may succeed later.
     *
     * @return true for a server that was unreachable, overloaded or too slow; false when it refused the
     *         request or the input was wrong
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
