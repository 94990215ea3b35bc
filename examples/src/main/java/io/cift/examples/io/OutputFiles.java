package io.cift.examples.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a command writes, so that an error names the path the user gave. */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Refuses an output file whose directory does not exist, before anything is written.
     *
     * @param file the path as the user gave it
     * @param option the option that named it, such as {@code --trades-out}
     * @throws IllegalArgumentException naming the option, the path and the missing directory
     */
    public static void requireDirectory(Path file, String option) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + dir + " does not exist");
        }
    }

    /**
     * A CSV field as RFC 4180 writes it: quoted, with inner quotes doubled, when it holds a comma, a
     * quote or a line break; as it is otherwise.
     *
     * @param field the field
     * @return the text to write
     */
    public static String csvField(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }
}
