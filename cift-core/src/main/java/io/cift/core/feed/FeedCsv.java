package io.cift.core.feed;

import io.cift.core.model.Side;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
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
        if (!HEADER.equals(header)) {
            throw new IllegalArgumentException("feed line 1: the header must be '" + HEADER + "', got '" + header + "'");
        }
        long n = 0;
        long lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            each.accept(parse(line, lineNo));
            n++;
        }
        return n;
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
        List<String> f = split(line, lineNo);
        if (f.size() != 10) {
            throw new IllegalArgumentException("feed line " + lineNo + ": expected 10 fields, got " + f.size() + ": " + line);
        }
        long seq = number(f, 0, "seq", lineNo);
        if (seq < 1) {
            throw new IllegalArgumentException("feed line " + lineNo + ": seq must be at least 1, got " + seq);
        }
        String type = f.get(1);
        return switch (type) {
            case "ADD" -> new FeedMessage.OrderAdded(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo), side(f, lineNo),
                    positive(f, 5, "price", lineNo), positive(f, 6, "quantity", lineNo),
                    Math.toIntExact(positive(f, 7, "position", lineNo)));
            case "EXECUTE" -> new FeedMessage.OrderExecuted(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo),
                    positive(f, 6, "quantity", lineNo), positive(f, 5, "price", lineNo), positive(f, 8, "trade_id", lineNo));
            case "REDUCE" -> new FeedMessage.OrderReduced(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo),
                    positive(f, 6, "quantity", lineNo));
            case "REPLACE" -> new FeedMessage.OrderReplaced(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo),
                    positive(f, 5, "price", lineNo), positive(f, 6, "quantity", lineNo), bool(f, 9, "priority_kept", lineNo));
            case "DELETE" -> new FeedMessage.OrderDeleted(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo));
            case "SNAPSHOT_START" -> new FeedMessage.SnapshotStart(seq, number(f, 6, "quantity", lineNo));
            case "SNAPSHOT_ORDER" -> new FeedMessage.SnapshotOrder(seq, symbol(f, lineNo), number(f, 3, "order_id", lineNo),
                    side(f, lineNo), positive(f, 5, "price", lineNo), positive(f, 6, "quantity", lineNo));
            case "SNAPSHOT_END" -> new FeedMessage.SnapshotEnd(seq);
            default -> throw new IllegalArgumentException("feed line " + lineNo + ": unknown type '" + type + "'");
        };
    }

    private static List<String> split(String line, long lineNo) {
        List<String> out = new ArrayList<>(10);
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
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("feed line " + lineNo + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }

    private static String symbol(List<String> f, long lineNo) {
        String s = f.get(2);
        if (s.isBlank()) {
            throw new IllegalArgumentException("feed line " + lineNo + ": symbol must not be empty");
        }
        return s;
    }

    private static Side side(List<String> f, long lineNo) {
        return switch (f.get(4)) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new IllegalArgumentException("feed line " + lineNo + ": side must be BUY or SELL, got '"
                    + f.get(4) + "'");
        };
    }

    private static long number(List<String> f, int i, String name, long lineNo) {
        try {
            return Long.parseLong(f.get(i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feed line " + lineNo + ": " + name + " must be a whole number, got '"
                    + f.get(i) + "'");
        }
    }

    private static long positive(List<String> f, int i, String name, long lineNo) {
        long v = number(f, i, name, lineNo);
        if (v <= 0) {
            throw new IllegalArgumentException("feed line " + lineNo + ": " + name + " must be positive, got " + v);
        }
        return v;
    }

    private static boolean bool(List<String> f, int i, String name, long lineNo) {
        return switch (f.get(i)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("feed line " + lineNo + ": " + name + " must be true or false, got '"
                    + f.get(i) + "'");
        };
    }
}
