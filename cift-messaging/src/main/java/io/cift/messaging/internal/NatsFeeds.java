package io.cift.messaging.internal;

import io.cift.core.CiftException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.time.Duration;

/** What the NATS feed publisher and subscription share: connecting, subject tokens, closing. */
final class NatsFeeds {

    private NatsFeeds() {
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

    static Connection connect(String url) {
        if (url == null || !url.startsWith("nats://")) {
            throw new IllegalArgumentException("url must start with nats://, got '" + io.cift.core.Redact.text(String.valueOf(url)) + "'");
        }
        try {
            Options o = new Options.Builder().servers(url.split(",")).connectionTimeout(Duration.ofSeconds(2))
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).build();
            return Nats.connect(o);
        } catch (java.io.IOException e) {
            throw new CiftException("NATS at " + io.cift.core.Redact.text(url) + " is unavailable: " + e.getMessage(), e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CiftException("interrupted while connecting to " + io.cift.core.Redact.text(url), e);
        }
    }

    static void close(Connection nc) {
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
