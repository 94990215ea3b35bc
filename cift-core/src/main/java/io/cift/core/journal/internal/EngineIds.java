package io.cift.core.journal.internal;

import io.cift.core.journal.JournalException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** The engine id a journal directory keeps in its {@code engine-id} file. */
public final class EngineIds {
    /** The file's name. */
    public static final String FILE = "engine-id";

    private EngineIds() {
    }

    /**
     * The stored id, or the asked-for (else a random) id stored now.
     *
     * @param dir the journal directory
     * @param wanted the id the configuration asks for, or null
     * @return the engine id
     * @throws IOException when the file cannot be read or written
     */
    static String resolve(Path dir, String wanted) throws IOException {
        String stored = read(dir);
        if (stored != null) {
            if (wanted != null && !wanted.equals(stored)) {
                throw new JournalException("journal " + dir + " belongs to engine '" + stored + "', not '" + wanted + "'");
            }
            return stored;
        }
        String id = wanted != null ? wanted : UUID.randomUUID().toString();
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        JournalWriter.forceDirectory(dir);
        return id;
    }

    /**
     * The stored id.
     *
     * @param dir the journal directory
     * @return the id, or null when none is stored
     * @throws IOException when the file cannot be read
     */
    public static String read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : null;
    }
}
