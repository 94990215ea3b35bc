package io.cift.analytics.internal;

import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import ru.yandex.clickhouse.ClickHouseStatement;
import ru.yandex.clickhouse.util.ClickHouseRowBinaryStream;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Inserts through the legacy ClickHouse driver's RowBinary stream: values go over the wire in
 * ClickHouse's binary row format instead of being formatted and parsed as text, several times faster
 * than batched prepared statements. Only loaded when that driver is on the class path; other drivers use
 * the prepared statements.
 */
final class ChRowBinary {

    /** Decimal places of the Decimal(38, 10) columns. */
    private static final int SCALE = 10;
    /** DateTime is a UInt32 of seconds. */
    private static final long MAX_DATETIME = 0xFFFF_FFFFL;

    private ChRowBinary() {
    }

    static boolean available(Connection c) {
        try {
            return c.isWrapperFor(ru.yandex.clickhouse.ClickHouseConnection.class);
        } catch (SQLException | NoClassDefFoundError e) {
            return false;
        }
    }

    /** The columns and types each table has as the migrations create it, in insert order. */
    private static final java.util.Map<String, String> SCHEMA = java.util.Map.of(
            "cift_snapshots", "seq UInt64,user_id String,ts DateTime('UTC'),ts_us Int64,total_value Decimal(38, 10),"
                    + "cash Nullable(Decimal(38, 10)),positions_value Nullable(Decimal(38, 10))",
            "cift_trades", "seq UInt64,user_id String,trade_id Int64,ts DateTime('UTC'),ts_us Int64,symbol String,"
                    + "side Enum8('BUY' = 1, 'SELL' = 2),quantity Decimal(38, 10),price Decimal(38, 10),fee Decimal(38, 10)",
            "cift_marks", "seq UInt64,symbol String,price Decimal(38, 10)");

    /**
     * Whether a table has exactly the columns and types the migrations create: binary rows must match the
     * schema, so a table changed by hand gets text inserts (whose values ClickHouse refuses one by one).
     */
    static boolean matchesSchema(Connection c, String table) throws SQLException {
        StringBuilder found = new StringBuilder();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT name, type FROM system.columns"
                + " WHERE database = currentDatabase() AND table = ?")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.append(found.length() == 0 ? "" : ",").append(rs.getString(1)).append(' ').append(rs.getString(2));
                }
            }
        }
        return found.toString().equals(SCHEMA.get(table));
    }

    interface Rows {
        void write(ClickHouseRowBinaryStream s) throws IOException, SQLException;
    }

    @SuppressWarnings("deprecation")   // the legacy driver is deprecated as a whole; 18.16 speaks nothing newer
    private static void send(Connection c, String insert, Rows rows) throws SQLException {
        // a value DateTime cannot hold is refused before anything is sent, as ClickHouse refuses bad data
        SQLException[] refused = new SQLException[1];
        try (Statement st = c.createStatement()) {
            st.unwrap(ClickHouseStatement.class).sendRowBinaryStream(insert, s -> {
                // the driver's stream sends each byte of a value through its HTTP chunk writer one call at a time;
                // the same writer over a buffer hands it 64 KiB at a time (still streamed while rows are written)
                Chunks buffer = new Chunks(s);
                try {
                    rows.write(new ClickHouseRowBinaryStream(buffer, UTC, PROPERTIES));
                    buffer.flush();
                } catch (SQLException e) {
                    refused[0] = e;
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (SQLException e) {
            throw refused[0] != null ? refused[0] : e;
        }
    }

    /**
     * Collects the bytes of rows and hands them to the driver's stream 64 KiB at a time. Not synchronized (unlike
     * {@link java.io.BufferedOutputStream} on Java 17, whose lock per byte was the largest cost left): one insert
     * writes it from one thread.
     */
    private static final class Chunks extends java.io.OutputStream {
        private final ClickHouseRowBinaryStream out;
        private final byte[] buf = new byte[1 << 16];
        private int n;

        Chunks(ClickHouseRowBinaryStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > buf.length - n) {
                flush();
                if (len > buf.length) {
                    out.writeBytes(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, n, len);
            n += len;
        }

        @Override
        public void flush() throws IOException {
            if (n > 0) {
                out.writeBytes(buf, 0, n);
                n = 0;
            }
        }
    }

    private static void dateTime(ClickHouseRowBinaryStream s, Instant ts) throws IOException, SQLException {
        long secs = ts.getEpochSecond();
        if (secs < 0 || secs > MAX_DATETIME) {
            throw new SQLDataException("value " + ts + " is outside ClickHouse's DateTime range", "22008");
        }
        s.writeUInt32(secs);
    }

    private static final java.util.TimeZone UTC = java.util.TimeZone.getTimeZone("UTC");
    private static final ru.yandex.clickhouse.settings.ClickHouseProperties PROPERTIES =
            new ru.yandex.clickhouse.settings.ClickHouseProperties();

    /**
     * A Decimal(38, 10): a 128-bit little-endian integer of the value times 10^10. Values whose scaled integer fits
     * in a long (up to about 10^8 in units) are written as its two 64-bit halves; the driver's own conversion,
     * through BigInteger powers and byte arrays, was most of the cost of a binary insert.
     */
    private static void decimal(ClickHouseRowBinaryStream s, BigDecimal v) throws IOException {
        if (v.scale() >= 0 && v.scale() <= SCALE && v.precision() - v.scale() + SCALE <= 18) {
            long unscaled = v.setScale(SCALE).unscaledValue().longValue();
            s.writeInt64(unscaled);
            s.writeInt64(unscaled < 0 ? -1L : 0L);
        } else {
            s.writeDecimal128(v, SCALE);
        }
    }

    private static void nullableDecimal(ClickHouseRowBinaryStream s, BigDecimal v) throws IOException {
        if (v == null) {
            s.writeByte((byte) 1);
        } else {
            s.writeByte((byte) 0);
            decimal(s, v);
        }
    }

    /** Snapshot rows {seq, user, timestamp, total, cash, positions}. */
    static void insertSnapshots(Connection c, List<Object[]> rows) throws SQLException {
        send(c, "INSERT INTO cift_snapshots (seq, user_id, ts, ts_us, total_value, cash, positions_value)", s -> {
            for (Object[] r : rows) {
                Instant ts = (Instant) r[2];
                s.writeUInt64((Long) r[0]);
                s.writeString((String) r[1]);
                dateTime(s, ts);
                s.writeInt64(ClickHouseAnalyticsService.micros(ts));
                decimal(s, (BigDecimal) r[3]);
                nullableDecimal(s, (BigDecimal) r[4]);
                nullableDecimal(s, (BigDecimal) r[5]);
            }
        });
    }

    /** Trade rows {seq, trade}. */
    static void insertTrades(Connection c, List<Object[]> rows) throws SQLException {
        send(c, "INSERT INTO cift_trades (seq, user_id, trade_id, ts, ts_us, symbol, side, quantity, price, fee)", s -> {
            for (Object[] r : rows) {
                Trade t = (Trade) r[1];
                s.writeUInt64((Long) r[0]);
                s.writeString(t.user());
                s.writeInt64(t.tradeId());
                dateTime(s, t.timestamp());
                s.writeInt64(ClickHouseAnalyticsService.micros(t.timestamp()));
                s.writeString(t.symbol());
                s.writeInt8(t.side() == Side.BUY ? 1 : 2);      // Enum8('BUY' = 1, 'SELL' = 2): stored codes, not ordinals
                decimal(s, t.quantity());
                decimal(s, t.price());
                decimal(s, t.fee());
            }
        });
    }

    /** Mark rows {seq, symbol, price}. */
    static void insertMarks(Connection c, List<Object[]> rows) throws SQLException {
        send(c, "INSERT INTO cift_marks (seq, symbol, price)", s -> {
            for (Object[] r : rows) {
                s.writeUInt64((Long) r[0]);
                s.writeString((String) r[1]);
                decimal(s, (BigDecimal) r[2]);
            }
        });
    }
}
