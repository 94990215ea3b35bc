package io.cift.core;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that is about to be shown: the user information of URLs
 * ({@code nats://user:secret@host} becomes {@code nats://***@host}) and the values of password-like
 * parameters ({@code ?user=u&password=secret} becomes {@code ?user=u&password=***}), in plain and JDBC URLs
 * alike, and {@code password=...}-like pairs in plain text, wherever they stand. Every message and output line that can hold a URL goes through
 * it. Stateless and thread-safe.
 */
public final class Redact {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#\\s'\"]*@");
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)((?:^|[?&;,\\s])(?:[a-z0-9]+[_.-])*(?:password|passwd|pwd|pass|secret|token|access_token|apikey|api_key|auth)\\s*=)[^&;#\\s'\",]*");

    private Redact() {
    }

    /**
     * Text with every credential replaced by {@code ***}.
     *
     * @param text any text (a URL, an error message), or null
     * @return the text without credentials (null for null)
     */
    public static String text(String text) {
        if (text == null || text.indexOf("://") < 0 && text.indexOf('=') < 0) {
            return text;
        }
        String t = USER_INFO.matcher(text).replaceAll("***@");
        return SECRET_PARAMS.matcher(t).replaceAll("$1***");
    }
}
