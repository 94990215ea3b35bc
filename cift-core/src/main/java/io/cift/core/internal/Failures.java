package io.cift.core.internal;

import io.cift.core.CiftException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The one classifier of failures every CIFT backend and client uses: is this failure transient
 * (unreachable, overloaded, timed out: retrying later or failing over may help) or a refusal (bad SQL,
 * bad data, a configuration the server rejects: retrying cannot help)? Codes decide where a code exists:
 * a {@link CiftException}'s own flag, JDBC's transient and recoverable exception types, SQLState classes
 * 08 (connection), 53 (insufficient resources), 57P (operator intervention) and HYT00 (timeout), I/O and
 * timeouts. Only a failure that carries no code at all (the legacy ClickHouse driver wraps connection
 * failures in bare exceptions) is judged by a few well-known connection messages.
 */
public final class Failures {

    /** Connection messages, for failures that carry no code. */
    private static final List<String> CONNECTION_MESSAGES = List.of("Connection refused", "Connection is not available",
            "connect timed out", "Read timed out", "Connection is closed", "connection has been closed");

    private Failures() {
    }

    /**
     * Whether a failure (or any cause of it) is transient.
     *
     * @param e the failure
     * @return true when the same request may succeed later
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CiftException c) {
                if (c.isTransient()) {
                    return true;
                }
                continue;                 // its cause may still say more
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String st = s.getSQLState();
                if (st != null && (st.startsWith("08") || st.startsWith("53") || st.startsWith("57P") || st.equals("HYT00"))) {
                    return true;
                }
                if (st != null || t instanceof SQLNonTransientException) {
                    continue;             // a code that says "refused": look no further at this one's message
                }
            }
            if (codeless(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean codeless(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return false;
        }
        for (String s : CONNECTION_MESSAGES) {
            if (m.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
