package io.cift.examples.replay;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.examples.io.BoundedLines;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the order file of {@code cift replay} one command at a time, straight from bytes, holding one
 * buffer whatever the size of the file. Header:
 * {@value #HEADER}; {@code action} NEW|CANCEL|AMEND, {@code side} BUY|SELL, {@code type} LIMIT|MARKET,
 * {@code tif} GTC|IOC|FOK, {@code price} integer ticks (empty for MARKET and CANCEL), {@code qty} an
 * integer (for AMEND the new open quantity). Fields a command does not use may be empty. Blank lines
 * are skipped. A line that cannot be read throws {@link MalformedInputException} naming the line and field.
 *
 * <p>The fields of the current command are exposed as public fields, valid until the next call to
 * {@link #next()}. Allocates only for a symbol it has not seen before (symbols are found by their bytes).
 * Not thread-safe.
 */
public final class OrderCsvReader implements Closeable {

    /** The header line the file must start with. */
    public static final String HEADER = "symbol,action,order_id,side,type,tif,price,qty";

    /** Actions a line can carry. */
    public enum Action {
        /** A new order. */
        NEW,
        /** Cancel a live order. */
        CANCEL,
        /** Amend a live order's price and open quantity. */
        AMEND
    }

    private static final int COLUMNS = 8;
    private static final String[] NAMES = HEADER.split(",");

    private final InputStream in;
    private byte[] buf = new byte[1 << 17];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private final int[] start = new int[COLUMNS];
    private final int[] end = new int[COLUMNS];
    private byte[] lastSymbolBytes = new byte[0];
    private int lastSymbolLength = -1;
    private final SymbolBytes symbolTable = new SymbolBytes();

    /** The symbol of the current line. */
    public String symbol;
    /** The action of the current line. */
    public Action action;
    /** The order id. */
    public long orderId;
    /** The side (NEW only). */
    public Side side;
    /** The order type (NEW only). */
    public OrderType type;
    /** The time in force (NEW only). */
    public TimeInForce tif;
    /** The price in ticks (0 when absent). */
    public long price;
    /** The quantity. */
    public long qty;

    /**
     * Opens a reader and checks the header.
     *
     * @param in the CSV bytes (UTF-8 or ASCII); closed by {@link #close()}
     * @throws IOException when reading fails
     * @throws MalformedInputException when the header is missing or different
     */
    public OrderCsvReader(InputStream in) throws IOException {
        this.in = in;
        int n = nextLine();
        if (n < 0) {
            throw new MalformedInputException(1, "empty file: expected the header '" + HEADER + "'");
        }
        String header = new String(buf, pos, n > 0 && buf[pos + n - 1] == '\r' ? n - 1 : n, StandardCharsets.UTF_8);
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        pos += n + 1;
        if (!header.equals(HEADER)) {
            throw new MalformedInputException(1, "expected the header '" + HEADER + "', got "
                    + BoundedLines.quoted(header));
        }
    }

    /**
     * The line number of the current command (the header is line 1).
     *
     * @return the line number
     */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Reads the next command into the public fields.
     *
     * @return false at the end of the file
     * @throws IOException when reading fails
     * @throws MalformedInputException when the line cannot be read
     */
    public boolean next() throws IOException {
        while (true) {
            int n = nextLine();
            if (n < 0) {
                return false;
            }
            int from = pos;
            pos += n + 1;
            int to = from + n;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            if (to == from) {
                continue;
            }
            parse(from, to);
            return true;
        }
    }

    /** Finds the next line at {@link #pos}; returns its length without the '\n', or -1 at end of input. */
    private int nextLine() throws IOException {
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineNumber++;
                    return i - pos;
                }
            }
            if (eof) {
                if (pos == limit) {
                    return -1;
                }
                ensureRoom(1);          // last line without a line end: add one
                buf[limit++] = '\n';
                scanFrom = limit - 1;
                continue;
            }
            int scanned = limit - pos;
            fill();
            scanFrom = pos + scanned;
        }
    }

    private void ensureRoom(int extra) {
        if (limit + extra > buf.length) {
            compact();
            if (limit + extra > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    private void fill() throws IOException {
        compact();
        if (limit == buf.length) {
            throw new MalformedInputException(lineNumber + 1, "line longer than " + buf.length + " bytes");
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
        } else {
            limit += r;
        }
    }

    private void parse(int from, int to) {
        int col = 0;
        start[0] = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == ',') {
                if (col + 1 >= COLUMNS) {
                    throw malformed("expected " + COLUMNS + " columns, got more");
                }
                end[col++] = i;
                start[col] = i + 1;
            }
        }
        end[col] = to;
        if (col != COLUMNS - 1) {
            throw malformed("expected " + COLUMNS + " columns, got " + (col + 1));
        }
        symbol = symbol();
        action = action();
        orderId = number(2);
        switch (action) {
            case NEW -> {
                side = side();
                type = type();
                tif = tif();
                price = type == OrderType.MARKET && isEmpty(6) ? 0 : number(6);
                qty = number(7);
            }
            case CANCEL -> {
                price = 0;
                qty = 0;
            }
            case AMEND -> {
                price = number(6);
                qty = number(7);
            }
            default -> throw new IllegalStateException("unexpected action " + action);
        }
    }

    private boolean isEmpty(int c) {
        return start[c] == end[c];
    }

    private String symbol() {
        int s = start[0];
        int len = end[0] - s;
        if (len == 0) {
            throw malformed("field 'symbol': empty");
        }
        if (len == lastSymbolLength && Arrays.equals(buf, s, s + len, lastSymbolBytes, 0, len)) {
            return symbol;
        }
        String known = symbolTable.find(buf, s, len);
        if (lastSymbolBytes.length < len) {
            lastSymbolBytes = new byte[len * 2];
        }
        System.arraycopy(buf, s, lastSymbolBytes, 0, len);
        lastSymbolLength = len;
        return known;
    }

    /**
     * Symbols by their bytes, so that a line whose symbol was seen before finds its {@code String} without
     * making one (a flow over many symbols changes symbol on almost every line): open addressing over the
     * bytes' FNV-1a hash, at most half full.
     */
    private static final class SymbolBytes {
        private byte[][] keys = new byte[64][];
        private String[] values = new String[64];
        private int size;

        String find(byte[] b, int from, int len) {
            int h = hash(b, from, len);
            int mask = keys.length - 1;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                byte[] k = keys[i];
                if (k == null) {
                    String str = new String(b, from, len, StandardCharsets.UTF_8);
                    keys[i] = Arrays.copyOfRange(b, from, from + len);
                    values[i] = str;
                    if (++size > keys.length >>> 1) {
                        grow();
                    }
                    return str;
                }
                if (k.length == len && Arrays.equals(k, 0, len, b, from, from + len)) {
                    return values[i];
                }
            }
        }

        private static int hash(byte[] b, int from, int len) {
            int h = 0x811C9DC5;
            for (int i = from; i < from + len; i++) {
                h = (h ^ b[i]) * 0x01000193;
            }
            return h ^ (h >>> 16);
        }

        private void grow() {
            byte[][] oldKeys = keys;
            String[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            values = new String[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int i = hash(oldKeys[j], 0, oldKeys[j].length) & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }

    private Action action() {
        if (is(1, "NEW")) {
            return Action.NEW;
        }
        if (is(1, "CANCEL")) {
            return Action.CANCEL;
        }
        if (is(1, "AMEND")) {
            return Action.AMEND;
        }
        throw malformed("field 'action': expected NEW, CANCEL or AMEND, got " + BoundedLines.quoted(text(1)));
    }

    private Side side() {
        if (is(3, "BUY")) {
            return Side.BUY;
        }
        if (is(3, "SELL")) {
            return Side.SELL;
        }
        throw malformed("field 'side': expected BUY or SELL, got " + BoundedLines.quoted(text(3)));
    }

    private OrderType type() {
        if (is(4, "LIMIT")) {
            return OrderType.LIMIT;
        }
        if (is(4, "MARKET")) {
            return OrderType.MARKET;
        }
        throw malformed("field 'type': expected LIMIT or MARKET, got " + BoundedLines.quoted(text(4)));
    }

    private TimeInForce tif() {
        if (is(5, "GTC")) {
            return TimeInForce.GTC;
        }
        if (is(5, "IOC")) {
            return TimeInForce.IOC;
        }
        if (is(5, "FOK")) {
            return TimeInForce.FOK;
        }
        throw malformed("field 'tif': expected GTC, IOC or FOK, got " + BoundedLines.quoted(text(5)));
    }

    private boolean is(int c, String word) {
        int s = start[c];
        int len = end[c] - s;
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[s + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long number(int c) {
        int i = start[c];
        int e = end[c];
        if (i == e) {
            throw malformed("field '" + NAMES[c] + "': empty, expected an integer");
        }
        boolean neg = buf[i] == '-';
        if (neg && ++i == e) {
            throw malformed("field '" + NAMES[c] + "': not an integer: " + BoundedLines.quoted(text(c)));
        }
        long v = 0;
        for (; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw malformed("field '" + NAMES[c] + "': not an integer: " + BoundedLines.quoted(text(c)));
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                throw malformed("field '" + NAMES[c] + "': out of range: " + BoundedLines.quoted(text(c)));
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    private String text(int c) {
        return new String(buf, start[c], end[c] - start[c], StandardCharsets.UTF_8);
    }

    private MalformedInputException malformed(String message) {
        return new MalformedInputException(lineNumber, message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
