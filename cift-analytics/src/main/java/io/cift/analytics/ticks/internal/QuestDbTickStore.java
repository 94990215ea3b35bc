package io.cift.analytics.ticks.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QuestDbConfig;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;
import io.cift.analytics.ticks.TickStoreException;
import io.questdb.client.Sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The QuestDB tick store. Writes go through the official ILP client over HTTP: {@link #write(Tick)}
 * appends to a sender with automatic flushing (by row count and age, with the client's retries), a
 * batch goes to a second sender as one request, which QuestDB commits as one transaction. Reads use
 * the PostgreSQL wire protocol through a small HikariCP pool with parameterized SQL ({@code SAMPLE BY},
 * {@code LATEST ON}). The table is a WAL table partitioned by day with a designated timestamp; WAL
 * commits are applied asynchronously, so a read first waits until the table has applied every
 * transaction committed before the read began. Thread-safe: writes are
 * serialized on one lock; reads run concurrently.
 */
public final class QuestDbTickStore implements TickStore {

    static final String SYMBOL = "symbol";
    static final String BID = "bid";
    static final String ASK = "ask";
    static final String BID_SIZE = "bid_size";
    static final String ASK_SIZE = "ask_size";
    static final String LAST = "last";
    static final String LAST_SIZE = "last_size";
    static final String SEQ = "seq";

    private final QuestDbConfig config;
    private final String table;
    private final HikariDataSource pool;
    private final Object writeLock = new Object();
    private final Sender stream;
    private final Sender batch;
    private final String ticksSql;
    private final String barsSqlPrefix;
    private final String vwapSql;
    private long buffered;
    /** The streaming writer's sequence: a random writer id in the high bits, a counter below. */
    private long nextSeq = BatchSeq.writerBase();
    private volatile long confirmed;   // written under writeLock, read by anyone without waiting for a flush
    private boolean closed;

    private QuestDbTickStore(QuestDbConfig config, HikariDataSource pool, Sender stream, Sender batch) {
        this.config = config;
        this.table = config.table();
        this.pool = pool;
        this.stream = stream;
        this.batch = batch;
        String where = " FROM " + table + " WHERE symbol = ? AND timestamp >= ? AND timestamp < ?";
        this.ticksSql = "SELECT CAST(timestamp AS LONG), bid, ask, bid_size, ask_size, last, last_size" + where
                + " ORDER BY timestamp";
        this.barsSqlPrefix = "SELECT CAST(timestamp AS LONG), o, h, l, c, v, pv, n FROM (SELECT timestamp,"
                + " first(last) o, max(last) h, min(last) l, last(last) c, sum(last_size) v,"
                + " sum(last * last_size) pv, count() n" + where + " SAMPLE BY ";
        this.vwapSql = "SELECT sum(last * last_size), sum(last_size)" + where;
    }

    /**
     * Connects, creates the table when missing and opens the two ILP senders.
     *
     * @param config where and how
     * @return the store
     * @throws TickStoreException when QuestDB cannot be reached or refuses the table
     */
    public static QuestDbTickStore open(QuestDbConfig config) {
        Objects.requireNonNull(config, "config");
        HikariDataSource pool = pool(config);
        Sender stream = null;
        try {
            createTable(pool, config.table());
            stream = sender(config, true);
            Sender batch = sender(config, false);
            return new QuestDbTickStore(config, pool, stream, batch);
        } catch (RuntimeException e) {
            if (stream != null) {
                stream.close();
            }
            pool.close();
            throw e instanceof TickStoreException t ? t
                    : new TickStoreException("questdb " + config + ": cannot open the ILP sender: " + e.getMessage(), 0, true, e);
        }
    }

    private static HikariDataSource pool(QuestDbConfig config) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(config.jdbcUrl());
        c.setUsername(config.user());
        c.setPassword(config.password());
        c.setDriverClassName("org.postgresql.Driver");
        c.setMaximumPoolSize(config.readPoolSize());
        c.setMinimumIdle(1);
        c.setConnectionTimeout(config.connectTimeout().toMillis());
        c.setInitializationFailTimeout(-1);
        c.setPoolName("cift-questdb");
        return new HikariDataSource(c);
    }

    private static void createTable(HikariDataSource pool, String table) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (symbol SYMBOL, bid DOUBLE, ask DOUBLE, bid_size DOUBLE,"
                    + " ask_size DOUBLE, last DOUBLE, last_size DOUBLE, seq LONG, timestamp TIMESTAMP)"
                    + " TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, symbol, seq)");
            // a table made before ticks had a writer sequence gets it, and deduplication on it (a no-op ALTER is an
            // error on a WAL table: look first)
            if (!exists(c, "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = 'seq'", table)) {
                st.execute("ALTER TABLE " + table + " ADD COLUMN seq LONG");
            }
            if (!exists(c, "SELECT 1 FROM tables() WHERE table_name = ? AND dedup", table)) {
                st.execute("ALTER TABLE " + table + " DEDUP ENABLE UPSERT KEYS(timestamp, symbol, seq)");
            }
        } catch (SQLException e) {
            throw new TickStoreException("questdb " + io.cift.core.Redact.text(pool.getJdbcUrl()) + ": cannot create table " + table + ": "
                    + e.getMessage(), 0, isTransient(e), e);
        }
    }

    private static boolean exists(Connection c, String sql, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Sender sender(QuestDbConfig config, boolean autoFlush) {
        Sender.LineSenderBuilder b = Sender.builder(Sender.Transport.HTTP)
                .address(config.host()).port(config.httpPort())
                .retryTimeoutMillis((int) config.retryTimeout().toMillis())
                .maxBufferCapacity(config.maxBufferBytes());
        if (config.httpUser() != null) {
            b.httpUsernamePassword(config.httpUser(), config.httpPassword());
        } else if (config.httpToken() != null) {
            b.httpToken(config.httpToken());
        }
        if (autoFlush) {
            b.autoFlushRows(config.autoFlushRows()).autoFlushIntervalMillis((int) config.autoFlushInterval().toMillis());
        } else {
            b.disableAutoFlush();
        }
        return b.build();
    }

    @Override
    public String backend() {
        return "questdb";
    }

    @Override
    public void write(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        synchronized (writeLock) {
            checkOpen();
            try {
                append(stream, tick, nextSeq++);
            } catch (RuntimeException e) {
                stream.cancelRow();
                throw new TickStoreException("questdb " + config + ": tick at " + tick.timestamp() + " not written: "
                        + e.getMessage(), buffered, false, e);
            }
            buffered++;
            try {
                stream.at(tick.timestampMicros(), ChronoUnit.MICROS);   // may flush automatically
            } catch (RuntimeException e) {
                throw flushFailed(e);
            }
            if (stream.bufferView().size() == 0) {   // the client flushed: everything buffered is stored
                confirmFlushed(buffered);
                buffered = 0;
            }
        }
    }

    @Override
    public void write(List<Tick> ticks) {
        EmbeddedTickStore.checkElements(ticks);
        if (ticks.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            checkOpen();
            flushLocked();
            try {
                long[] seqs = BatchSeq.of(ticks);
                for (int i = 0; i < ticks.size(); i++) {
                    Tick t = ticks.get(i);
                    append(batch, t, seqs[i]);
                    batch.at(t.timestampMicros(), ChronoUnit.MICROS);
                }
                batch.flush();
            } catch (RuntimeException e) {
                batch.reset();
                throw new TickStoreException("questdb " + config + ": batch of " + ticks.size()
                        + " ticks not stored: " + e.getMessage(), ticks.size(), isTransient(e), e);
            }
            confirmFlushed(ticks.size());
        }
    }

    private void append(Sender s, Tick t, long seq) {
        s.table(table).symbol(SYMBOL, t.symbol())
                .doubleColumn(BID, t.bid()).doubleColumn(ASK, t.ask())
                .doubleColumn(BID_SIZE, t.bidSize()).doubleColumn(ASK_SIZE, t.askSize())
                .doubleColumn(LAST, t.last()).doubleColumn(LAST_SIZE, t.lastSize())
                .longColumn(SEQ, seq);
    }

    @Override
    public void flush() {
        synchronized (writeLock) {
            checkOpen();
            flushLocked();
        }
    }

    private void flushLocked() {
        if (buffered == 0) {
            return;
        }
        try {
            stream.flush();
        } catch (RuntimeException e) {
            throw flushFailed(e);
        }
        confirmFlushed(buffered);
        buffered = 0;
    }

    private void confirmFlushed(long n) {
        confirmed += n;
    }

    /**
     * A failed flush of the streaming sender. Refused credentials (HTTP 401, 403) are a configuration error
     * that keeps the buffered ticks for a later flush; another refusal of the data (HTTP 4xx) would fail
     * again on every retry, so those ticks are discarded and counted in the exception; otherwise they stay
     * buffered for the next flush (with their writer sequence numbers, so a resend stores each once).
     */
    private TickStoreException flushFailed(RuntimeException e) {
        long n = buffered;
        if (refusedCredentials(e)) {
            return new TickStoreException("questdb " + config + ": the server refused the credentials ("
                    + (config.httpUser() == null && config.httpToken() == null ? "none were given; " : "")
                    + "set http_user and http_password, or http_token): " + n
                    + " ticks stay buffered for the next flush: " + e.getMessage(), n, false, e);
        }
        boolean retry = isTransient(e);
        if (!retry) {
            stream.reset();
            buffered = 0;
        }
        return new TickStoreException("questdb " + config + ": flush of " + n + " ticks failed"
                + (retry ? " (they stay buffered for the next flush): " : " (they were refused and discarded): ")
                + e.getMessage(), n, retry, e);
    }

    private static boolean refusedCredentials(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("http-status=401") || m.contains("http-status=403");
    }

    /** The ILP client's failures carry no code, only the HTTP status in their message. */
    private static boolean isTransient(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return !m.contains("http-status=4") && !m.contains("maximum buffer capacity");
    }

    private static boolean isTransient(SQLException e) {
        return io.cift.core.internal.Failures.isTransient(e);   // the rules every backend and client uses
    }

    @Override
    public long confirmed() {
        return confirmed;
    }

    @Override
    public List<Tick> ticks(String symbol, Instant from, Instant to) {
        Objects.requireNonNull(symbol, "symbol");
        long[] r = Ranges.range(from, to);
        return query("ticks of " + symbol, ticksSql, ps -> bindRange(ps, symbol, r), rs -> {
            List<Tick> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Tick(symbol, rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
            }
            return out;
        });
    }

    @Override
    public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        long[] r = Ranges.range(from, to);
        // the interval is not user text: BarInterval is parsed into a number and one unit letter
        String sql = barsSqlPrefix + interval + " ALIGN TO CALENDAR) ORDER BY 1";
        return query("bars of " + symbol, sql, ps -> bindRange(ps, symbol, r), rs -> {
            List<Bar> out = new ArrayList<>();
            while (rs.next()) {
                double v = rs.getDouble(6);
                out.add(new Bar(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), v,
                        v == 0 ? Double.NaN : rs.getDouble(7) / v, rs.getLong(8)));
            }
            return out;
        });
    }

    @Override
    public Map<String, Tick> latest(Collection<String> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        List<String> asked = new ArrayList<>(new java.util.LinkedHashSet<>(symbols));
        Map<String, Tick> out = new LinkedHashMap<>();
        if (asked.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT symbol, CAST(timestamp AS LONG), bid, ask, bid_size, ask_size,"
                + " last, last_size FROM " + table + " WHERE symbol IN (");
        for (int i = 0; i < asked.size(); i++) {
            Objects.requireNonNull(asked.get(i), "symbol");
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") LATEST ON timestamp PARTITION BY symbol");
        Map<String, Tick> found = query("latest ticks", sql.toString(), ps -> {
            for (int i = 0; i < asked.size(); i++) {
                ps.setString(i + 1, asked.get(i));
            }
        }, rs -> {
            Map<String, Tick> m = new java.util.HashMap<>();
            while (rs.next()) {
                m.put(rs.getString(1), new Tick(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
            }
            return m;
        });
        for (String s : asked) {
            Tick t = found.get(s);
            if (t != null) {
                out.put(s, t);
            }
        }
        return out;
    }

    @Override
    public OptionalDouble vwap(String symbol, Instant from, Instant to) {
        Objects.requireNonNull(symbol, "symbol");
        long[] r = Ranges.range(from, to);
        return query("vwap of " + symbol, vwapSql, ps -> bindRange(ps, symbol, r), rs -> {
            if (!rs.next()) {
                return OptionalDouble.empty();
            }
            double notional = rs.getDouble(1);
            double volume = rs.getDouble(2);
            return rs.wasNull() || volume == 0 ? OptionalDouble.empty() : OptionalDouble.of(notional / volume);
        });
    }

    private static void bindRange(PreparedStatement ps, String symbol, long[] r) throws SQLException {
        ps.setString(1, symbol);
        ps.setLong(2, r[0]);   // QuestDB reads a long compared with a timestamp as microseconds
        ps.setLong(3, r[1]);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String what, String sql, Binder binder, Reader<T> reader) {
        try (Connection c = pool.getConnection()) {
            awaitVisible(c);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new TickStoreException("questdb " + config + ": reading " + what + " failed: " + e.getMessage(), 0,
                    isTransient(e), e);
        }
    }

    /**
     * Waits until the table has applied every WAL transaction committed before this read began, by
     * anyone (QuestDB applies WAL commits asynchronously): a read sees every write confirmed before
     * it, from this store, another store or another process. One small query when nothing is pending.
     */
    private void awaitVisible(Connection c) throws SQLException {
        long deadline = System.nanoTime() + config.visibilityTimeout().toNanos();
        long target = -1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name = ?")) {
            ps.setString(1, table);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    if (rs.getBoolean(3)) {
                        throw new TickStoreException("questdb " + config + ": table " + table
                                + " is suspended (WAL apply failed); see the server log", 0, false, null);
                    }
                    if (target < 0) {
                        target = rs.getLong(2);
                    }
                    if (rs.getLong(1) >= target) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new TickStoreException("questdb " + config + ": committed writes not visible after "
                            + config.visibilityTimeout().toMillis() + " ms", 0, true, null);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TickStoreException("interrupted while waiting for writes to become visible", 0, true, e);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flushLocked();
            } finally {
                buffered = 0;
                stream.reset();
                stream.close();
                batch.close();
                pool.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tick store " + config + " is closed");
        }
    }
}
