package io.cift.messaging.internal;

import io.cift.core.CiftException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.time.Duration;

/** What CIFT's NATS clients share: how they connect, subject tokens, closing. */
final class NatsConnections {

    private NatsConnections() {
    }

    static String requirePrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("subject prefix must be dot-separated tokens of letters, digits, '_' and '-',"
                    + " got '" + prefix + "'");
        }
        return prefix;
    }

    static String token(String symbol) {
        StringBuilder s = new StringBuilder(symbol.length());
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            s.append(c == '.' || c == '*' || c == '>' || Character.isWhitespace(c) ? '_' : c);
        }
        return s.toString();
    }

    /**
     * The connection options every CIFT client uses: the servers as given (credentials included; only
     * messages are redacted), a 2 s connection timeout, and reconnecting for ever every 100 ms.
     */
    static Options.Builder options(java.util.List<String> servers) {
        return new Options.Builder().servers(servers.toArray(String[]::new)).connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(100));
    }

    /**
     * Connects to the servers of a URL ({@code nats://host:port}, several comma-separated), checked as
     * {@link io.cift.messaging.JetStreamConfig.Builder#url} checks it.
     */
    static Connection connect(String url) {
        java.util.List<String> servers = io.cift.messaging.JetStreamConfig.builder().url(url).build().servers();
        try {
            return Nats.connect(options(servers).build());
        } catch (java.io.IOException e) {
            throw new CiftException("NATS at " + io.cift.core.Redact.text(url) + " is unavailable: " + e.getMessage(), e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CiftException("interrupted while connecting to " + io.cift.core.Redact.text(url), e);
        }
    }

    /**
     * The configuration of an existing stream, or null after creating it as wanted (logged at INFO on the
     * caller's logger). When another client creates the stream between this one's lookup and its create (two
     * publishers starting together), the server may refuse the create (as "subjects overlap with an existing
     * stream", even for the same configuration): then the stream that now exists is returned, for the caller
     * to compare as any existing one.
     *
     * @param what how the log names it ("stream", "journal stream")
     */
    static io.nats.client.api.StreamConfiguration existingOrCreate(io.nats.client.JetStreamManagement jsm,
            io.nats.client.api.StreamConfiguration want, String what, String url, org.slf4j.Logger log)
            throws java.io.IOException, io.nats.client.JetStreamApiException {
        try {
            return jsm.getStreamInfo(want.getName()).getConfiguration();
        } catch (io.nats.client.JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
        }
        try {
            jsm.addStream(want);
        } catch (io.nats.client.JetStreamApiException refused) {
            try {
                return jsm.getStreamInfo(want.getName()).getConfiguration();   // created meanwhile by another client
            } catch (io.nats.client.JetStreamApiException missing) {
                if (missing.getErrorCode() == 404) {
                    throw refused;   // still none of that name: the refusal stands (another stream's subjects, say)
                }
                throw missing;
            }
        }
        log.info("created {} {} (subjects {}, {} replica(s)) at {}", what, want.getName(), want.getSubjects(),
                want.getReplicas(), io.cift.core.Redact.text(url));
        return null;
    }

    static void close(Connection nc) {
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
