package io.cift.messaging;

import io.cift.core.CiftException;

/**
 * An event could not be published (the in-flight bound was full under {@link Backpressure#FAIL}, or a wait
 * timed out): {@linkplain #isTransient() transient}, since the same publish may succeed once the server
 * catches up.
 */
public class PublishException extends CiftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public PublishException(String message) {
        super(message, null, true);
    }
}
