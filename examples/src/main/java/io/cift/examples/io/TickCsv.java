package io.cift.examples.io;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.Tick;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Tick CSV files: {@value #HEADER}, with ISO-8601 UTC timestamps of up to microsecond precision, read
 * as a stream; and the number and time formats of the {@code cift ticks} output. Every error names the
 * file, the line and the field.
 */
public final class TickCsv {

    /** The tick file header, exactly. */
    public static final String HEADER = "timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size";
    /** The bar output header, exactly. */
    public static final String BAR_HEADER = "bar_start,open,high,low,close,volume,vwap";

    private TickCsv() {
    }

    /**
     * Reads a tick file, handing each tick to {@code sink} in file order.
     *
     * @param path the file
     * @param sink receives each tick
     * @return the number of ticks
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file, line and field of the first bad value
     */
    public static long read(Path path, Consumer<Tick> sink) throws IOException {
        String name = path.toString();
        long count = 0;
        try (BufferedReader r = BoundedLines.open(path, name)) {
            CsvTable.checkHeader(r, name, HEADER);
            String line;
            long n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                sink.accept(parse(name, n, line));
                count++;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + name, e);
        }
        return count;
    }

    private static Tick parse(String file, long line, String text) {
        String[] f = text.split(",", -1);
        String where = file + " line " + line;
        if (f.length != 8) {
            throw new IllegalArgumentException(where + ": expected 8 columns, got " + f.length);
        }
        long ts = micros(where, f[0].strip());
        try {
            return new Tick(f[1].strip(), ts, number(where, "bid", f[2]), number(where, "ask", f[3]),
                    number(where, "bid_size", f[4]), number(where, "ask_size", f[5]), number(where, "last", f[6]),
                    number(where, "last_size", f[7]));
        } catch (io.cift.analytics.InvalidDataException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static double number(String where, String field, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + field + ": empty");
        }
        try {
            return com.fasterxml.jackson.core.io.NumberInput.parseDouble(t, true);   // as Double.parseDouble, faster
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + field + ": not a number: " + BoundedLines.quoted(t), e);
        }
    }

    private static long micros(String where, String text) {
        Instant i = instant(where + ": timestamp", text);
        if (i.getEpochSecond() < 0) {
            throw new IllegalArgumentException(where + ": timestamp: " + text + " is before 1970-01-01T00:00:00Z");
        }
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where + ": timestamp: " + text + " is past the last representable microsecond ("
                    + Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000L, (Long.MAX_VALUE % 1_000_000L) * 1_000L) + ")", e);
        }
    }

    /**
     * Parses an ISO-8601 time: {@code 2024-03-01T09:30:00.123456Z}, with an offset, or without a zone
     * (read as UTC); at most microsecond precision.
     *
     * @param what names the value in a message, e.g. {@code --from}
     * @param text the text
     * @return the instant
     * @throws IllegalArgumentException naming {@code what} and the text
     */
    public static Instant instant(String what, String text) {
        Instant i;
        try {
            i = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                i = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    i = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException(what + ": not an ISO-8601 UTC time like 2024-03-01T09:30:00.123456Z: "
                            + BoundedLines.quoted(text), e3);
                }
            }
        }
        if (i.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException(what + ": finer than a microsecond: '" + text + "'");
        }
        return i;
    }

    /**
     * A tick as a line of the tick file format.
     *
     * @param t the tick
     * @return the line, without a line break
     */
    public static String line(Tick t) {
        return t.timestamp() + "," + t.symbol() + "," + number(t.bid()) + "," + number(t.ask()) + ","
                + number(t.bidSize()) + "," + number(t.askSize()) + "," + number(t.last()) + "," + number(t.lastSize());
    }

    /**
     * A bar as a line of {@value #BAR_HEADER}.
     *
     * @param b the bar
     * @return the line, without a line break
     */
    public static String line(Bar b) {
        return b.start() + "," + number(b.open()) + "," + number(b.high()) + "," + number(b.low()) + ","
                + number(b.close()) + "," + number(b.volume()) + "," + number(b.vwap());
    }

    /**
     * A number in its shortest plain form: {@code 100}, {@code 100.25}, never an exponent; empty for NaN.
     *
     * @param v the value
     * @return the text
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
