package io.cift.core.journal;

import io.cift.core.CiftException;

/**
 * A journal or snapshot cannot be used as it is: damaged records that no snapshot covers, a directory
 * another engine holds, a configuration that does not match the stored one, or a failed disk. The
 * message names the file, the offset or the sequence number.
 */
public class JournalException extends CiftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public JournalException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
