package io.cift.core.feed;

import io.cift.core.model.Side;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The feed as CSV, one message a line after the header {@value #HEADER}; the first column is the sequence
 * number, {@code type} one of {@code ADD}, {@code EXECUTE}, {@code REDUCE}, {@code REPLACE}, {@code DELETE},
 * {@code SNAPSHOT_START}, {@code SNAPSHOT_ORDER}, {@code SNAPSHOT_END}, and the columns a type does not use
 * are empty. {@code quantity} is the quantity added, traded, removed or now open; for {@code SNAPSHOT_START}
 * it is the number of {@code SNAPSHOT_ORDER} lines that follow. A symbol with a comma or a quote is quoted
 * (RFC 4180). The static methods are thread-safe; a {@link #writer} sink is for one thread.
 */
public final class FeedCsv {

    /** The header line. */
    public static final String HEADER = "seq,type,symbol,order_id,side,price,quantity,position,trade_id,priority_kept";

    private FeedCsv() {
    }

    /**
     * A sink that writes each message as a line (the header first). The caller flushes and closes the writer.
     *
     * @param out where to write
     * @return the sink; it throws {@link UncheckedIOException} when the writer fails
     */
    public static Consumer<FeedMessage> writer(Writer out) {
        Objects.requireNonNull(out, "out");
        try {
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Line line = new Line();
        return m -> {
            try {
                line.writeTo(m, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * One message as a CSV line (without the line break).
     *
     * @param m the message
     * @return the line
     */
    public static String line(FeedMessage m) {
        return new Line().format(m).toString();
    }

    /**
     * Formats lines into one reused builder, numbers appended as primitives: a sink that writes many lines
     * allocates nothing per line. For one thread.
     */
    private static final class Line {
        private final StringBuilder b = new StringBuilder(128);
        private char[] chars = new char[128];
        private String lastSymbol;
        private String lastField;

        /** Formats the line, then writes it and a line break. */
        void writeTo(FeedMessage m, Writer out) throws IOException {
            format(m).append('\n');
            int n = b.length();
            if (n > chars.length) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            b.getChars(0, n, chars, 0);
            out.write(chars, 0, n);
        }

        StringBuilder format(FeedMessage m) {
            b.setLength(0);
            b.append(m.seq()).append(',');
            if (m instanceof FeedMessage.OrderAdded a) {
                order("ADD", a.symbol(), a.orderId()).append(',').append(a.side().name()).append(',').append(a.price())
                        .append(',').append(a.quantity()).append(',').append(a.position()).append(",,");
            } else if (m instanceof FeedMessage.OrderExecuted x) {
                order("EXECUTE", x.symbol(), x.orderId()).append(",,").append(x.price()).append(',').append(x.quantity())
                        .append(",,").append(x.tradeId()).append(',');
            } else if (m instanceof FeedMessage.OrderReduced r) {
                order("REDUCE", r.symbol(), r.orderId()).append(",,,").append(r.quantity()).append(",,,");
            } else if (m instanceof FeedMessage.OrderReplaced r) {
                order("REPLACE", r.symbol(), r.orderId()).append(",,").append(r.price()).append(',').append(r.quantity())
                        .append(",,,").append(r.priorityKept());
            } else if (m instanceof FeedMessage.OrderDeleted d) {
                order("DELETE", d.symbol(), d.orderId()).append(",,,,,,");
            } else if (m instanceof FeedMessage.SnapshotStart st) {
                b.append("SNAPSHOT_START,,,,,").append(st.orders()).append(",,,");
            } else if (m instanceof FeedMessage.SnapshotOrder o) {
                order("SNAPSHOT_ORDER", o.symbol(), o.orderId()).append(',').append(o.side().name()).append(',')
                        .append(o.price()).append(',').append(o.quantity()).append(",,,");
            } else {
                b.append("SNAPSHOT_END,,,,,,,,");
            }
            return b;
        }

        /** The type, symbol and order id columns. */
        private StringBuilder order(String type, String symbol, long orderId) {
            if (!symbol.equals(lastSymbol)) {
                lastSymbol = symbol;
                lastField = quote(symbol);
            }
            return b.append(type).append(',').append(lastField).append(',').append(orderId);
        }
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads a feed file: checks the header, then hands each message to the consumer in file order.
     *
     * @param in the file
     * @param each where each message goes
     * @return how many messages were read
     * @throws IOException when reading fails
     * @throws IllegalArgumentException naming the line and field of the first malformed line
     */
    public static long read(BufferedReader in, Consumer<FeedMessage> each) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new IllegalArgumentException("feed line 1: the file is empty, expected the header '" + HEADER + "'");
        }
        if (!HEADER.equals(header)) {
            throw new IllegalArgumentException("feed line 1: the header must be '" + HEADER + "', got '" + excerpt(header) + "'");
        }
        Fields fields = new Fields();
        long n = 0;
        long lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            each.accept(fields.parse(line, lineNo));
            n++;
        }
        return n;
    }

    /** How much of a line or field a message quotes. */
    private static final int EXCERPT_CHARS = 80;

    /** Text to quote in a message: itself when short, else its beginning and its length (a line may be any length). */
    private static String excerpt(String text) {
        return text.length() <= EXCERPT_CHARS ? text
                : text.substring(0, EXCERPT_CHARS) + String.format(java.util.Locale.ROOT, "... (%,d characters)", text.length());
    }

    /**
     * Parses one line.
     *
     * @param line the line
     * @param lineNo its number, for messages
     * @return the message
     * @throws IllegalArgumentException naming the line and field when it is malformed
     */
    public static FeedMessage parse(String line, long lineNo) {
        return new Fields().parse(line, lineNo);
    }

    /**
     * One line's ten fields, each a range of a string: of the line itself when it holds no quote (read in place,
     * numbers parsed without a string each), else of the field's unquoted text. Reused line after line by one
     * reader, which also keeps the last symbol so that a run of lines of one symbol shares its string.
     */
    private static final class Fields {
        private static final int COUNT = 10;
        private final String[] src = new String[COUNT];
        private final int[] from = new int[COUNT];
        private final int[] to = new int[COUNT];
        private long lineNo;
        private String lastSymbol;

        FeedMessage parse(String line, long lineNo) {
            this.lineNo = lineNo;
            int count = line.indexOf('"') < 0 ? splitPlain(line) : splitQuoted(line);
            if (count != COUNT) {
                throw bad("expected 10 fields, got " + count + ": " + excerpt(line));
            }
            long seq = number(0, "seq");
            if (seq < 1) {
                throw bad("seq must be at least 1, got " + seq);
            }
            if (is(1, "ADD")) {
                return new FeedMessage.OrderAdded(seq, symbol(), number(3, "order_id"), side(), positive(5, "price"),
                        positive(6, "quantity"), position());
            } else if (is(1, "EXECUTE")) {
                return new FeedMessage.OrderExecuted(seq, symbol(), number(3, "order_id"), positive(6, "quantity"),
                        positive(5, "price"), positive(8, "trade_id"));
            } else if (is(1, "REDUCE")) {
                return new FeedMessage.OrderReduced(seq, symbol(), number(3, "order_id"), positive(6, "quantity"));
            } else if (is(1, "REPLACE")) {
                return new FeedMessage.OrderReplaced(seq, symbol(), number(3, "order_id"), positive(5, "price"),
                        positive(6, "quantity"), bool(9, "priority_kept"));
            } else if (is(1, "DELETE")) {
                return new FeedMessage.OrderDeleted(seq, symbol(), number(3, "order_id"));
            } else if (is(1, "SNAPSHOT_START")) {
                return new FeedMessage.SnapshotStart(seq, number(6, "quantity"));
            } else if (is(1, "SNAPSHOT_ORDER")) {
                return new FeedMessage.SnapshotOrder(seq, symbol(), number(3, "order_id"), side(), positive(5, "price"),
                        positive(6, "quantity"));
            } else if (is(1, "SNAPSHOT_END")) {
                return new FeedMessage.SnapshotEnd(seq);
            }
            throw bad("unknown type " + quoted(1));
        }

        /** Fields between commas, read in place. @return how many the line has */
        private int splitPlain(String line) {
            int count = 0;
            int start = 0;
            while (true) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                if (count < COUNT) {
                    src[count] = line;
                    from[count] = start;
                    to[count] = end;
                }
                count++;
                if (comma < 0) {
                    return count;
                }
                start = comma + 1;
            }
        }

        /** Fields of a line with quotes (RFC 4180: a field may be quoted, a quote in it doubled). @return how many */
        private int splitQuoted(String line) {
            int count = 0;
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            cur.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cur.append(c);
                    }
                } else if (c == '"' && cur.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    keep(count++, cur);
                } else {
                    cur.append(c);
                }
            }
            if (quoted) {
                throw bad("unterminated quote");
            }
            keep(count++, cur);
            return count;
        }

        private void keep(int i, StringBuilder field) {
            if (i < COUNT) {
                src[i] = field.toString();
                from[i] = 0;
                to[i] = src[i].length();
            }
            field.setLength(0);
        }

        private boolean is(int i, String literal) {
            int n = literal.length();
            return to[i] - from[i] == n && src[i].regionMatches(from[i], literal, 0, n);
        }

        private String text(int i) {
            return src[i].substring(from[i], to[i]);
        }

        private String symbol() {
            if (lastSymbol == null || !is(2, lastSymbol)) {
                String s = text(2);
                if (s.isBlank()) {
                    throw bad("symbol must not be empty");
                }
                lastSymbol = s;
            }
            return lastSymbol;
        }

        private Side side() {
            if (is(4, "BUY")) {
                return Side.BUY;
            } else if (is(4, "SELL")) {
                return Side.SELL;
            }
            throw bad("side must be BUY or SELL, got " + quoted(4));
        }

        private long number(int i, String name) {
            try {
                return Long.parseLong(src[i], from[i], to[i], 10);
            } catch (NumberFormatException e) {
                throw bad(name + " must be a whole number, got " + quoted(i));
            }
        }

        private long positive(int i, String name) {
            long v = number(i, name);
            if (v <= 0) {
                throw bad(name + " must be positive, got " + v);
            }
            return v;
        }

        private int position() {
            long v = positive(7, "position");
            if (v > Integer.MAX_VALUE) {
                throw bad("position must be at most " + Integer.MAX_VALUE + ", got " + v);
            }
            return (int) v;
        }

        private boolean bool(int i, String name) {
            if (is(i, "true")) {
                return true;
            } else if (is(i, "false")) {
                return false;
            }
            throw bad(name + " must be true or false, got " + quoted(i));
        }

        /** Field {@code i} as a message quotes it, cut short when long. */
        private String quoted(int i) {
            return "'" + excerpt(text(i)) + "'";
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException("feed line " + lineNo + ": " + what);
        }
    }
}
