package io.cift.examples.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text files of the command line read line by line with a bound on a line's length, so that a file without line
 * ends (or with one absurd line) is refused naming the line instead of filling the heap, and with the text quoted
 * in messages cut short. No record of these files comes near the bound. Stateless; each reader it opens is for one
 * thread.
 */
public final class BoundedLines {

    /** The longest line read: far beyond any record of these files (a symbol is at most 255 bytes). */
    public static final int MAX_LINE_CHARS = 1 << 20;
    /** How much of a value or line a message quotes. */
    static final int EXCERPT_CHARS = 80;

    private BoundedLines() {
    }

    /**
     * Opens a UTF-8 text file (malformed UTF-8 is an error, as with {@link Files#newBufferedReader}) whose lines are at
     * most {@link #MAX_LINE_CHARS} characters.
     *
     * @param path the file
     * @param name the file's name in messages
     * @return a reader for {@code readLine} (lines end at {@code \n}, {@code \r} or {@code \r\n}, as with any
     *     {@link BufferedReader}), which throws {@link IllegalArgumentException} naming the file and line when a line
     *     runs past the bound; its other reading methods are not supported
     * @throws IOException when the file cannot be opened
     */
    public static BufferedReader open(Path path, String name) throws IOException {
        return new LineReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()), name,
                MAX_LINE_CHARS);
    }

    /**
     * Text to quote in a message: itself when short, else its first {@value #EXCERPT_CHARS} characters and its length.
     *
     * @param text the text, or null
     * @return the text or its beginning
     */
    static String excerpt(String text) {
        if (text == null || text.length() <= EXCERPT_CHARS) {
            return text;
        }
        return text.substring(0, EXCERPT_CHARS) + String.format(Locale.ROOT, "... (%,d characters)", text.length());
    }

    /**
     * Text as a message quotes it: in single quotes, {@linkplain #excerpt cut short} when long.
     *
     * @param text the text
     * @return the quoted text
     */
    public static String quoted(String text) {
        return "'" + excerpt(text) + "'";
    }

    /**
     * {@code readLine} over a buffer of its own: the scan for the line's end is the one that splits the lines, so the
     * bound costs nothing per character.
     */
    static final class LineReader extends BufferedReader {
        private final Reader in;
        private final String name;
        private final int max;
        private final char[] buf = new char[8192];
        private int pos;
        private int limit;
        /** Lines returned so far. */
        private long lines;
        /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that line end. */
        private boolean skipLf;

        LineReader(Reader in, String name, int max) {
            super(in, 1);   // BufferedReader's own buffer is not used
            this.in = in;
            this.name = name;
            this.max = max;
        }

        @Override
        public String readLine() throws IOException {
            StringBuilder partial = null;
            while (true) {
                if (pos == limit && !fill()) {
                    return partial == null || partial.isEmpty() ? null : line(partial.toString());
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                int i = start;
                while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                    i++;
                }
                int length = (partial == null ? 0 : partial.length()) + i - start;
                if (length > max) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s line %d: longer than %,d characters (no record of this file is): is it the right file?",
                            name, lines + 1, max));
                }
                if (i < limit) {
                    skipLf = buf[i] == '\r';
                    pos = i + 1;
                    return line(partial == null ? new String(buf, start, i - start)
                            : partial.append(buf, start, i - start).toString());
                }
                if (partial == null) {
                    partial = new StringBuilder(Math.max(2 * (i - start), 128));
                }
                partial.append(buf, start, i - start);
                pos = limit;
            }
        }

        private String line(String s) {
            lines++;
            return s;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            pos = 0;
            limit = Math.max(n, 0);
            return n > 0;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read lines with readLine");
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            throw new UnsupportedOperationException("read lines with readLine");
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("read lines with readLine");
        }

        @Override
        public boolean ready() throws IOException {
            return pos < limit || in.ready();
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int readAheadLimit) throws IOException {
            throw new IOException("mark is not supported");
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("reset is not supported");
        }
    }
}
