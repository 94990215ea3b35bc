package io.cift.examples.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Counting and cutting the lines of a trades file written by {@link TradeCsvWriter}. */
final class TradeFile {

    private TradeFile() {
    }

    /**
     * How many complete trade lines the file holds after its header (0 when the file is missing or holds
     * no complete header line).
     *
     * @param file the trades file
     * @return the count
     * @throws IOException when it cannot be read
     * @throws MalformedInputException when its first line is not the trades header
     */
    static long completeTrades(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        byte[] header = (TradeCsvWriter.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            long pos = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++, pos++) {
                    if (pos < header.length && buf[i] != header[(int) pos]) {
                        throw new MalformedInputException(1, file + " is not a trades file: its header is not '"
                                + TradeCsvWriter.HEADER + "'");
                    }
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    /**
     * Cuts the file to its header and its first {@code trades} lines (writing the header when the file
     * holds no complete header line), and forces it.
     *
     * @param file the trades file
     * @param trades how many trade lines to keep; the file must hold at least that many
     * @throws IOException when it cannot be read or written
     */
    static void cutTo(Path file, long trades) throws IOException {
        long keepLines = trades + 1;
        long offset = 0;
        long lines = 0;
        if (Files.exists(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                byte[] buf = new byte[1 << 16];
                int n;
                outer:
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        offset++;
                        if (buf[i] == '\n' && ++lines == keepLines) {
                            break outer;
                        }
                    }
                }
            }
        }
        if (lines < keepLines) {
            if (trades > 0) {
                throw new IllegalStateException(file + " holds " + Math.max(0, lines - 1) + " trades, not " + trades);
            }
            Files.write(file, (TradeCsvWriter.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
            ch.force(true);
        }
    }
}
