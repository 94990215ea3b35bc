package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.InvalidDataException;
import io.cift.analytics.Mark;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.Trade;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * {@link AnalyticsService} on PostgreSQL, the system of record: batches go in through COPY into a
 * temporary staging table and one set-based insert (batched inserts when pgjdbc is not the driver);
 * one value per day is picked in SQL, the metrics are finished in Java. Writers of a table are serialized
 * with a transaction-level advisory lock, so sequence numbers become visible in order and the sync to
 * ClickHouse can never skip a row. All SQL is parameterized. Thread-safe (the pool is).
 */
public final class PostgresAnalyticsService extends JdbcAnalyticsService {

    /** The backend name in every result. */
    public static final String NAME = "postgresql";
    static final long LOCK_SNAPSHOTS = 0x43494654_0001L;
    static final long LOCK_TRADES = 0x43494654_0002L;
    static final long LOCK_MARKS = 0x43494654_0003L;

    private final DataSource ds;
    private final String url;

    /**
     * Creates the service over a (pooled) data source.
     *
     * @param ds the data source
     * @param url the JDBC URL, for messages
     */
    public PostgresAnalyticsService(DataSource ds, String url) {
        super(new Dialect());
        this.ds = Objects.requireNonNull(ds, "ds");
        this.url = url;
    }

    @Override
    public String backendName() {
        return NAME;
    }

    /**
     * Creates or upgrades the schema; safe to run again, and from several processes at once.
     *
     * @return how many versions were applied
     */
    @Override
    public int migrate() {
        try (Connection c = ds.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + 0x43494654_0000L + ")");
            }
            try {
                return Migrations.applyPostgres(c, Migrations.POSTGRES);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + 0x43494654_0000L + ")");
                }
            }
        } catch (SQLException e) {
            throw Sql.classify(NAME, url, e);
        }
    }

    /** Runs {@code work} in one transaction holding the advisory lock of a table. */
    private <T> T write(long lock, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, lock);
                    ps.execute();
                }
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: the server rolls back on its own
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException gone) {
                    // the connection died with the transaction: keep the original failure, not this one
                }
            }
        } catch (SQLException e) {
            throw Sql.classify(NAME, url, e);
        }
    }

    @Override
    <T> T read(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Sql.classify(NAME, url, e);
        }
    }

    @Override
    public void ingestSnapshots(List<PortfolioSnapshot> batch) {
        Sql.validateSnapshots(batch);
        if (batch.isEmpty()) {
            return;
        }
        write(LOCK_SNAPSHOTS, c -> {
            if (PgCopy.available(c)) {
                StringBuilder csv = new StringBuilder(batch.size() * 64);
                for (PortfolioSnapshot s : batch) {
                    csvText(csv, s.user()).append(',').append(s.timestamp()).append(',')
                            .append(s.totalValue().toPlainString()).append(',')
                            .append(s.cash() == null ? "" : s.cash().toPlainString()).append(',')
                            .append(s.positionsValue() == null ? "" : s.positionsValue().toPlainString()).append('\n');
                }
                PgCopy.copyCsv(c, "COPY cift_snapshots (user_id, ts, total_value, cash, positions_value) FROM STDIN (FORMAT csv)", csv);
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO cift_snapshots (user_id, ts, total_value, cash, positions_value) VALUES (?, ?, ?, ?, ?)")) {
                    for (PortfolioSnapshot s : batch) {
                        ps.setString(1, s.user());
                        ps.setTimestamp(2, Timestamp.from(s.timestamp()));
                        ps.setBigDecimal(3, s.totalValue());
                        ps.setBigDecimal(4, s.cash());
                        ps.setBigDecimal(5, s.positionsValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** Appends a trade's COPY line: user, trade id, time, symbol, side, quantity, price, fee. */
    private static void tradeCsv(StringBuilder csv, Trade t) {
        csvText(csv, t.user()).append(',').append(t.tradeId()).append(',').append(t.timestamp()).append(',');
        csvText(csv, t.symbol()).append(',').append(t.side().name()).append(',')
                .append(t.quantity().toPlainString()).append(',').append(t.price().toPlainString()).append(',')
                .append(t.fee().toPlainString()).append('\n');
    }

    /** Appends a CSV field, always quoted, quotes doubled: any user id is data. */
    private static StringBuilder csvText(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                b.append('"');
            }
            b.append(ch);
        }
        return b.append('"');
    }

    @Override
    public void ingestTrades(List<Trade> batch) {
        Sql.validateTrades(batch);
        if (batch.isEmpty()) {
            return;
        }
        write(LOCK_TRADES, c -> {
            if (PgCopy.available(c) && copyNew(c, batch)) {
                return null;
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE cift_trades_stage (row_no int, user_id text, trade_id bigint, ts timestamptz,"
                        + " symbol text, side text, quantity numeric(38,10), price numeric(38,10), fee numeric(38,10))"
                        + " ON COMMIT DROP");
            }
            if (PgCopy.available(c)) {
                StringBuilder csv = new StringBuilder(batch.size() * 96);
                for (int i = 0; i < batch.size(); i++) {
                    Trade t = batch.get(i);
                    tradeCsv(csv.append(i + 1).append(','), t);
                }
                PgCopy.copyCsv(c, "COPY cift_trades_stage FROM STDIN (FORMAT csv)", csv);
            } else {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_trades_stage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < batch.size(); i++) {
                        Trade t = batch.get(i);
                        ps.setInt(1, i + 1);
                        ps.setString(2, t.user());
                        ps.setLong(3, t.tradeId());
                        ps.setTimestamp(4, Timestamp.from(t.timestamp()));
                        ps.setString(5, t.symbol());
                        ps.setString(6, t.side().name());
                        ps.setBigDecimal(7, t.quantity());
                        ps.setBigDecimal(8, t.price());
                        ps.setBigDecimal(9, t.fee());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            // insert what is new; only when some ids already existed (a re-sent batch) compare their content,
            // so the common path costs one keyed insert instead of a join against the whole table
            long inserted;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("WITH ins AS (INSERT INTO cift_trades"
                         + " (user_id, trade_id, ts, symbol, side, quantity, price, fee)"
                         + " SELECT user_id, trade_id, ts, symbol, side, quantity, price, fee FROM cift_trades_stage"
                         + " ORDER BY row_no ON CONFLICT (user_id, trade_id) DO NOTHING RETURNING 1)"
                         + " SELECT count(*) FROM ins")) {
                rs.next();
                inserted = rs.getLong(1);
            }
            if (inserted < batch.size()) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT s.row_no, s.trade_id FROM cift_trades_stage s"
                             + " JOIN cift_trades t ON t.user_id = s.user_id AND t.trade_id = s.trade_id"
                             + " WHERE (t.ts, t.symbol, t.side, t.quantity, t.price, t.fee)"
                             + " IS DISTINCT FROM (s.ts, s.symbol, s.side, s.quantity, s.price, s.fee)"
                             + " ORDER BY s.row_no LIMIT 1")) {
                    if (rs.next()) {
                        // the transaction rolls back: nothing of the batch is stored
                        throw new InvalidDataException(rs.getInt(1), "trade id " + rs.getLong(2) + " already stored with other content");
                    }
                }
            }
            return null;
        });
    }

    /**
     * The common case, a batch of trades none of which is stored yet: one COPY straight into the table,
     * inside a savepoint. When some id is already stored (a re-sent batch: unique violation), the savepoint
     * is rolled back and the caller takes the path that skips stored trades and compares their content.
     *
     * @return whether the batch is stored
     */
    private static boolean copyNew(Connection c, List<Trade> batch) throws SQLException {
        StringBuilder csv = new StringBuilder(batch.size() * 96);
        for (Trade t : batch) {
            tradeCsv(csv, t);
        }
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            PgCopy.copyCsv(c, "COPY cift_trades (user_id, trade_id, ts, symbol, side, quantity, price, fee)"
                    + " FROM STDIN (FORMAT csv)", csv);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(sp);           // some trade is stored already: skip those, compare their content
            return false;
        }
    }

    @Override
    public void ingestMarks(List<Mark> batch) {
        Sql.validateMarks(batch);
        if (batch.isEmpty()) {
            return;
        }
        write(LOCK_MARKS, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_marks (symbol, price) VALUES (?, ?)"
                    + " ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, seq = nextval('cift_marks_seq_seq'),"
                    + " updated_at = now()")) {
                for (Mark m : batch) {
                    ps.setString(1, m.symbol());
                    ps.setBigDecimal(2, m.price());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The PostgreSQL statements of the shared read side. */
    private static final class Dialect implements SqlDialect {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String dailyValues() {
            return "SELECT DISTINCT ON (d) d, total_value FROM ("
                    + " SELECT (ts AT TIME ZONE 'UTC')::date AS d, total_value, ts, seq FROM cift_snapshots"
                    + " WHERE user_id = ? AND ts >= ? AND ts < ?) x ORDER BY d, ts DESC, seq DESC";
        }

        @Override
        public void bindTime(PreparedStatement ps, int index, java.time.Instant t) throws SQLException {
            ps.setTimestamp(index, Timestamp.from(t));
        }

        @Override
        public LocalDate day(ResultSet rs, int column) throws SQLException {
            return rs.getObject(column, LocalDate.class);
        }

        @Override
        public String userTrades() {
            return "SELECT trade_id, ts, symbol, side, quantity, price, fee FROM cift_trades WHERE user_id = ? ORDER BY trade_id";
        }

        @Override
        public String tradePage() {
            return "SELECT trade_id, ts, symbol, side, quantity, price, fee"
                    + " FROM cift_trades WHERE user_id = ? AND trade_id > ? ORDER BY trade_id LIMIT ?";
        }

        @Override
        public java.time.Instant time(ResultSet rs, int column) throws SQLException {
            return rs.getTimestamp(column).toInstant();
        }

        @Override
        public String marks() {
            return "SELECT symbol, price FROM cift_marks";
        }

        @Override
        public String summary(boolean oneUser) {
            return "SELECT symbol, count(*),"
                    + " count(*) FILTER (WHERE side = 'BUY'), count(*) FILTER (WHERE side = 'SELL'),"
                    + " coalesce(sum(quantity) FILTER (WHERE side = 'BUY'), 0), coalesce(sum(quantity) FILTER (WHERE side = 'SELL'), 0),"
                    + " sum(round(quantity * price, 10)), sum(fee),"
                    + " coalesce(sum(round(quantity * price, 10)) FILTER (WHERE side = 'SELL'), 0)"
                    + " - coalesce(sum(round(quantity * price, 10)) FILTER (WHERE side = 'BUY'), 0)"
                    + " FROM cift_trades" + (oneUser ? " WHERE user_id = ?" : "") + " GROUP BY symbol ORDER BY symbol";
        }
    }
}
