package io.cift.cache.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Cache keys: user and query URL-encoded, so no user id can forge another's key. The user stands in a
 * hash tag ({@code {...}}, which URL encoding never produces inside), so a user's version and values share
 * a Redis Cluster slot and one {@code MGET} reads both.
 */
final class Keys {
    private Keys() {
    }

    static String version(String user) {
        return "cift:v:{" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "}";
    }

    static String value(String user, String query) {
        return "cift:a:{" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "}:"
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }
}
