package io.cift.examples.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes trades as CSV with the header {@value #HEADER}, formatting numbers straight into a byte
 * buffer (nothing allocated per trade). A symbol holding a comma, a quote or a line break is quoted as
 * RFC 4180 says. Not thread-safe.
 */
public final class TradeCsvWriter implements Closeable {

    /** The header line of the trades file. */
    public static final String HEADER = "trade_seq,symbol,taker_order_id,maker_order_id,price,qty";

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    private String lastSymbol;
    private byte[] lastSymbolBytes;
    private long seq;

    /**
     * Creates the writer and writes the header.
     *
     * @param out where to write; closed by {@link #close()}
     */
    public TradeCsvWriter(OutputStream out) {
        this.out = out;
        byte[] h = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, buf, 0, h.length);
        len = h.length;
    }

    /**
     * Creates a writer that appends to a trades file which already holds its header and
     * {@code tradesWritten} trades; the next trade is numbered {@code tradesWritten + 1}.
     *
     * @param out where to write (positioned at the file's end); closed by {@link #close()}
     * @param tradesWritten trades already in the file
     */
    public TradeCsvWriter(OutputStream out, long tradesWritten) {
        this.out = out;
        this.seq = tradesWritten;
    }

    /**
     * Appends one trade; {@code trade_seq} counts from 1.
     *
     * @param symbol the instrument
     * @param takerOrderId the taker
     * @param makerOrderId the maker
     * @param price the price in ticks
     * @param qty the quantity
     * @throws IOException when writing fails
     */
    public void write(String symbol, long takerOrderId, long makerOrderId, long price, long qty) throws IOException {
        if (symbol != lastSymbol) {
            lastSymbol = symbol;
            lastSymbolBytes = io.cift.examples.io.OutputFiles.csvField(symbol).getBytes(StandardCharsets.UTF_8);   // RFC 4180
        }
        if (len + lastSymbolBytes.length + 5 * 21 > buf.length) {
            flushBuffer();
        }
        putLong(++seq);
        buf[len++] = ',';
        System.arraycopy(lastSymbolBytes, 0, buf, len, lastSymbolBytes.length);
        len += lastSymbolBytes.length;
        buf[len++] = ',';
        putLong(takerOrderId);
        buf[len++] = ',';
        putLong(makerOrderId);
        buf[len++] = ',';
        putLong(price);
        buf[len++] = ',';
        putLong(qty);
        buf[len++] = '\n';
    }

    /**
     * How many trades were written.
     *
     * @return the count
     */
    public long count() {
        return seq;
    }

    private void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] b = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return;
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int p = len + digits;
        len = p;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /**
     * Writes out what is buffered.
     *
     * @throws IOException when writing fails
     */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
