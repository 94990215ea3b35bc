package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.journal.JournalException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * What a journal directory keeps about its engine in {@code engine.properties}: the engine id and the
 * matching rules replay depends on (self-trade prevention by name, the fixed symbol list). A journal is
 * never replayed under other rules.
 *
 * @param engineId the engine id
 * @param selfTradePrevention the self-trade prevention mode
 * @param symbols the fixed symbols, empty when books are created on demand
 * @param riskGate whether a risk gate stands in front of the engine
 */
public record JournalMeta(String engineId, SelfTradePrevention selfTradePrevention, List<String> symbols, boolean riskGate) {
    /** The file's name. */
    public static final String FILE = "engine.properties";

    /**
     * The stored metadata, checked against the configuration, or the configuration's stored now.
     *
     * @param dir the journal directory
     * @param wantedId the id the configuration asks for, or null
     * @param config the engine configuration
     * @param riskGate whether the engine has a risk gate
     * @return the metadata in force
     * @throws IOException when the file cannot be read or written
     * @throws JournalException when the stored metadata differs from the configuration
     */
    static JournalMeta resolve(Path dir, String wantedId, MatchingEngineConfig config, boolean riskGate) throws IOException {
        JournalMeta stored = read(dir);
        List<String> symbols = List.copyOf(config.symbols());
        if (stored != null) {
            List<String> diffs = new ArrayList<>();
            if (wantedId != null && !wantedId.equals(stored.engineId())) {
                diffs.add("engine id '" + stored.engineId() + "', not '" + wantedId + "'");
            }
            if (stored.selfTradePrevention() != config.selfTradePrevention()) {
                diffs.add("self-trade prevention " + stored.selfTradePrevention() + ", not " + config.selfTradePrevention());
            }
            if (!stored.symbols().equals(symbols)) {
                diffs.add("symbols " + stored.symbols() + ", not " + symbols);
            }
            if (stored.riskGate() != riskGate) {
                diffs.add(stored.riskGate() ? "a risk gate, not none" : "no risk gate, not one");
            }
            if (!diffs.isEmpty()) {
                throw new JournalException("journal " + dir + " was written with " + String.join("; ", diffs)
                        + ": open it with the configuration it was written with");
            }
            return stored;
        }
        JournalMeta meta = new JournalMeta(wantedId != null ? wantedId : newEngineId(),
                config.selfTradePrevention(), symbols, riskGate);
        StringBuilder text = new StringBuilder("# CIFT durable engine: do not edit\n");
        line(text, "engine.id", meta.engineId());
        line(text, "self-trade-prevention", meta.selfTradePrevention().name());
        line(text, "symbols.count", Integer.toString(symbols.size()));
        line(text, "risk-gate", Boolean.toString(riskGate));
        for (int i = 0; i < symbols.size(); i++) {
            line(text, "symbol." + i, symbols.get(i));
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(text.toString());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);   // the contents before the name: a crash must not leave the name on an empty file
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        JournalWriter.forceDirectory(dir);
        return meta;
    }

    /** The operating system's random device, when it has one. */
    private static final String RANDOM_DEVICE = "/dev/urandom";

    /**
     * A new engine id: a random (version 4) UUID. Its 122 random bits come straight from the operating system's
     * random device where there is one, which is what {@link UUID#randomUUID} reads too on such systems, without
     * starting the security providers behind {@link java.security.SecureRandom} (20 to 30 ms of a fresh JVM's
     * first journal); elsewhere it is {@link UUID#randomUUID}. The device is read with {@link java.io.FileInputStream},
     * whose classes a JVM has loaded already: through {@code Files} it took 5 to 10 ms more.
     *
     * @return the id
     */
    static String newEngineId() {
        byte[] b;
        try (java.io.FileInputStream in = new java.io.FileInputStream(RANDOM_DEVICE)) {
            b = in.readNBytes(16);
        } catch (IOException e) {
            b = null;   // no such device here
        }
        if (b == null || b.length != 16) {
            return UUID.randomUUID().toString();
        }
        return uuid4(b).toString();
    }

    /** The version 4 UUID made of 16 random bytes (the version and variant bits set as RFC 9562 asks). */
    static UUID uuid4(byte[] random) {
        random[6] = (byte) (random[6] & 0x0f | 0x40);
        random[8] = (byte) (random[8] & 0x3f | 0x80);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(random);
        return new UUID(bb.getLong(), bb.getLong());
    }

    /**
     * Appends {@code key=value} escaped as {@link Properties#load(Reader)} reads it. Written by hand because
     * {@link Properties#store} also writes the date, which loads the time-zone database: about 20 ms of a
     * fresh JVM's first journal.
     */
    static void line(StringBuilder out, String key, String value) {
        escape(out, key, true);
        out.append('=');
        escape(out, value, false);
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '=', ':', '#', '!' -> out.append('\\').append(c);
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 || key ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * The stored metadata.
     *
     * @param dir the journal directory
     * @return it, or null when none is stored
     * @throws IOException when the file cannot be read
     * @throws JournalException when it is damaged
     */
    public static JournalMeta read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            int n = Integer.parseInt(p.getProperty("symbols.count", "0"));
            List<String> symbols = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                symbols.add(java.util.Objects.requireNonNull(p.getProperty("symbol." + i), "symbol." + i));
            }
            return new JournalMeta(java.util.Objects.requireNonNull(p.getProperty("engine.id"), "engine.id"),
                    SelfTradePrevention.valueOf(p.getProperty("self-trade-prevention")), List.copyOf(symbols),
                    Boolean.parseBoolean(p.getProperty("risk-gate", "false")));
        } catch (RuntimeException e) {
            throw new JournalException(f + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * An engine configuration with these rules.
     *
     * @return the configuration (default capacity, no listener)
     */
    public MatchingEngineConfig engineConfig() {
        return MatchingEngineConfig.builder().selfTradePrevention(selfTradePrevention).symbols(symbols).build();
    }
}
