package io.cift.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings under the one {@code cift.*} key namespace, with one precedence rule: a value set explicitly
 * ({@link #with}) wins over the properties file, which wins over the environment, which wins over the
 * builder's default. The environment variable of a key is the key in upper case with {@code .} and
 * {@code -} turned into {@code _} ({@code cift.postgres.url} is {@code CIFT_POSTGRES_URL}). Every
 * configurable part reads its keys through its {@code fromSettings} (see the configuration page for the
 * full list). A value that does not parse fails naming the key, the value and where it came from; a
 * secret's value is never printed. Immutable and thread-safe.
 */
public final class CiftSettings {

    private final Map<String, String> explicit;
    private final Properties file;
    private final String fileName;
    private final Map<String, String> env;

    private CiftSettings(Map<String, String> explicit, Properties file, String fileName, Map<String, String> env) {
        this.explicit = explicit;
        this.file = file;
        this.fileName = fileName;
        this.env = env;
    }

    /**
     * The settings of a properties file (none when {@code file} is null) over the process environment.
     *
     * @param file the properties file, or null
     * @return the settings
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static CiftSettings load(Path file) {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the settings file " + file + ": " + e.getMessage(), e);
            }
        }
        return new CiftSettings(Map.of(), p, file == null ? null : file.toString(), System.getenv());
    }

    /**
     * Settings from given properties over a given environment (for tests, or a host with its own sources).
     *
     * @param properties the properties (the "file" level)
     * @param environment the environment variables
     * @return the settings
     */
    public static CiftSettings of(Properties properties, Map<String, String> environment) {
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(properties, "properties"));
        return new CiftSettings(Map.of(), copy, "properties", Map.copyOf(environment));
    }

    /** @return no file and no environment: every part keeps its defaults unless set with {@link #with} */
    public static CiftSettings empty() {
        return new CiftSettings(Map.of(), new Properties(), null, Map.of());
    }

    /**
     * These settings with one key set explicitly (the highest precedence).
     *
     * @param key a {@code cift.*} key
     * @param value its value
     * @return new settings
     */
    public CiftSettings with(String key, String value) {
        requireKey(key);
        Map<String, String> m = new TreeMap<>(explicit);
        m.put(key, Objects.requireNonNull(value, "value"));
        return new CiftSettings(Map.copyOf(m), file, fileName, env);
    }

    /**
     * The environment variable that holds a key.
     *
     * @param key a {@code cift.*} key
     * @return its variable name
     */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void requireKey(String key) {
        if (key == null || !key.startsWith("cift.")) {
            throw new IllegalArgumentException("settings keys start with 'cift.', got '" + key + "'");
        }
    }

    /**
     * A key's value by the precedence rule.
     *
     * @param key a {@code cift.*} key
     * @return the value, or empty when no source sets it (or sets it blank)
     */
    public Optional<String> get(String key) {
        requireKey(key);
        String v = explicit.get(key);
        if (v == null) {
            v = file.getProperty(key);
        }
        if (v == null) {
            v = env.get(envName(key));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** Where a key's value comes from, for messages. */
    private String source(String key) {
        if (explicit.containsKey(key)) {
            return "set explicitly";
        }
        if (file.getProperty(key) != null) {
            return "from " + (fileName == null ? "the properties" : fileName);
        }
        return "from the environment variable " + envName(key);
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        boolean secret = key.contains("password") || key.contains("secret") || key.contains("token");
        return new IllegalArgumentException(key + " (" + source(key) + ") must be " + expected + ", got "
                + (secret ? "a value that is not" : "'" + value + "'"));
    }

    /**
     * A whole number.
     *
     * @param key the key
     * @return its value, or empty when not set
     * @throws IllegalArgumentException naming the key, its source and value when it is not a whole number
     */
    public OptionalLong getLong(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().replace("_", "")));
        } catch (NumberFormatException e) {
            throw bad(key, v.get(), "a whole number");
        }
    }

    /**
     * A whole number that fits an int.
     *
     * @param key the key
     * @return its value, or empty when not set
     * @throws IllegalArgumentException when it is not a whole number of int range
     */
    public OptionalInt getInt(String key) {
        OptionalLong v = getLong(key);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
            throw bad(key, String.valueOf(v.getAsLong()), "a whole number below 2^31");
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    /**
     * A duration in milliseconds (keys ending in {@code .ms}).
     *
     * @param key the key
     * @return its value, or empty when not set
     * @throws IllegalArgumentException when it is not a whole number of milliseconds
     */
    public Optional<Duration> getMillis(String key) {
        OptionalLong v = getLong(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(v.getAsLong()));
    }

    /**
     * A boolean: {@code true} or {@code false}, in any case.
     *
     * @param key the key
     * @return its value, or empty when not set
     * @throws IllegalArgumentException for anything else
     */
    public Optional<Boolean> getBoolean(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw bad(key, v.get(), "true or false");
        }
        return Optional.of(Boolean.parseBoolean(s));
    }

    /**
     * One of an enum's constants, by name in any case.
     *
     * @param key the key
     * @param type the enum
     * @param <E> the enum type
     * @return its value, or empty when not set
     * @throws IllegalArgumentException naming the accepted names otherwise
     */
    public <E extends Enum<E>> Optional<E> getEnum(String key, Class<E> type) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.get().replace('-', '_'))) {
                return Optional.of(e);
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw bad(key, v.get(), "one of " + names);
    }
}
