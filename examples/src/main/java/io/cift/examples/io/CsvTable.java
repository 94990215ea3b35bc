package io.cift.examples.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV file read whole, with an exact header. Fields are comma-separated and trimmed; quoting is
 * not supported. Every error names the file, the line and the field. For large streams use a streaming
 * reader instead.
 */
public final class CsvTable {

    private final String file;
    private final List<String> columns;
    private final List<Row> rows;

    private CsvTable(String file, List<String> columns, List<Row> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a CSV file and checks its header.
     *
     * @param path the file
     * @param header the exact header expected, e.g. {@code "symbol,quantity"}
     * @return the table
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException for a wrong header or a wrong column count
     */
    public static CsvTable read(Path path, String header) throws IOException {
        String name = path.toString();
        List<String> cols = List.of(header.split(","));
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = BoundedLines.open(path, name)) {
            checkHeader(r, name, header);
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.size()) {
                    throw new IllegalArgumentException(name + " line " + n + ": expected " + cols.size()
                            + " columns, got " + f.length);
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].strip();
                }
                rows.add(new Row(name, n, cols, f));
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + name, e);
        }
        return new CsvTable(name, cols, rows);
    }

    /**
     * Reads the first line and checks that it is exactly the header (a byte-order mark is skipped).
     *
     * @param r the reader, at the start of the file
     * @param name the file name used in messages
     * @param header the exact header expected
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and both headers when they differ
     */
    public static void checkHeader(BufferedReader r, String name, String header) throws IOException {
        String first = r.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        if (first == null || !first.strip().equals(header)) {
            throw new IllegalArgumentException(name + " line 1: expected the header '" + header + "', got "
                    + BoundedLines.quoted(first == null ? "" : first.strip()));
        }
    }

    /** @return the rows, in file order */
    public List<Row> rows() {
        return rows;
    }

    /** @return the file name used in messages */
    public String file() {
        return file;
    }

    /** @return the column names */
    public List<String> columns() {
        return columns;
    }

    /** One data row: typed accessors whose errors name the file, line and field. */
    public static final class Row {
        private final String file;
        private final int line;
        private final List<String> columns;
        private final String[] fields;

        Row(String file, int line, List<String> columns, String[] fields) {
            this.file = file;
            this.line = line;
            this.columns = columns;
            this.fields = fields;
        }

        /** @return the 1-based line number */
        public int line() {
            return line;
        }

        private int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalStateException("no column " + column);
            }
            return i;
        }

        /**
         * A field that must not be empty.
         *
         * @param column the column name
         * @return the text
         */
        public String text(String column) {
            String v = fields[index(column)];
            if (v.isEmpty()) {
                throw error(column, "empty");
            }
            return v;
        }

        /**
         * A field as a finite double.
         *
         * @param column the column name
         * @return the value
         */
        public double number(String column) {
            String v = text(column);
            try {
                // the same doubles as Double.parseDouble, several times faster on 17-digit values (FastDoubleParser,
                // bundled with Jackson)
                double d = com.fasterxml.jackson.core.io.NumberInput.parseDouble(v, true);
                if (!Double.isFinite(d)) {
                    throw error(column, "not a finite number: " + BoundedLines.quoted(v));
                }
                return d;
            } catch (NumberFormatException e) {
                throw error(column, "not a number: " + BoundedLines.quoted(v));
            }
        }

        /**
         * A field as an exact decimal, with at most {@value #MAX_DECIMAL_PLACES} decimal places,
         * {@value #MAX_INTEGER_DIGITS} digits before the point (what the analytics backends take) and
         * {@value #MAX_DECIMAL_DIGITS} digits in all (trailing zeros after the point do not count), so that
         * no value can make the arithmetic on it run away.
         *
         * @param column the column name
         * @return the value
         */
        public BigDecimal decimal(String column) {
            String v = text(column);
            BigDecimal d;
            try {
                d = new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw error(column, "not a decimal number: " + BoundedLines.quoted(v));
            }
            BigDecimal plain = d.scale() > 0 ? d.stripTrailingZeros() : d;
            long places = Math.max(plain.scale(), 0);
            long integerDigits = Math.max((long) plain.precision() - plain.scale(), 1);
            if (places > MAX_DECIMAL_PLACES || integerDigits > MAX_INTEGER_DIGITS || integerDigits + places > MAX_DECIMAL_DIGITS) {
                throw error(column, BoundedLines.quoted(v) + " is out of range: at most "
                        + MAX_DECIMAL_PLACES + " decimal places, " + MAX_INTEGER_DIGITS + " digits before the point and "
                        + MAX_DECIMAL_DIGITS + " digits in all");
            }
            return d;
        }

        /** Most decimal places a decimal field may have. */
        public static final int MAX_DECIMAL_PLACES = 18;
        /** Most digits a decimal field may have before the point. */
        public static final int MAX_INTEGER_DIGITS = 28;
        /** Most digits a decimal field may have. */
        public static final int MAX_DECIMAL_DIGITS = 38;

        /**
         * A field as a long integer.
         *
         * @param column the column name
         * @return the value
         */
        public long integer(String column) {
            String v = text(column);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw error(column, "not an integer: " + BoundedLines.quoted(v));
            }
        }

        /**
         * A field as an ISO date (yyyy-mm-dd).
         *
         * @param column the column name
         * @return the date
         */
        public LocalDate date(String column) {
            String v = text(column);
            try {
                return isoDigits(v) ? LocalDate.of(digits(v, 0, 4), digits(v, 5, 7), digits(v, 8, 10)) : LocalDate.parse(v);
            } catch (java.time.DateTimeException e) {     // DateTimeParseException too
                throw error(column, "not an ISO date: " + BoundedLines.quoted(v));
            }
        }

        /** Whether the text is yyyy-mm-dd in ASCII digits: read without a formatter, which is many times slower. */
        private static boolean isoDigits(String v) {
            if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
                return false;
            }
            for (int i = 0; i < 10; i++) {
                char c = v.charAt(i);
                if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                    return false;
                }
            }
            return true;
        }

        private static int digits(String v, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n = n * 10 + (v.charAt(i) - '0');
            }
            return n;
        }

        /**
         * An error about this row.
         *
         * @param column the field at fault
         * @param what what is wrong
         * @return the exception to throw
         */
        public IllegalArgumentException error(String column, String what) {
            return new IllegalArgumentException(file + " line " + line + ": field '" + column + "': " + what);
        }
    }
}
