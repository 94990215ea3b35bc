package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.InvalidDataException;
import io.cift.analytics.Mark;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.Trade;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link AnalyticsService} on ClickHouse. Heavy work runs in ClickHouse (one value per day with
 * {@code argMax}, the deduplication of a resumed sync with {@code LIMIT 1 BY}), the metrics are finished in
 * Java. Uses only SQL that ClickHouse 18.16 accepts (no window functions or CTEs), which current releases
 * accept too; the schema differs by server version (DateTime64 and yearly partitions from 20.7 on) and
 * inserts follow the schema they find. In production it is fed from PostgreSQL by a sync; its
 * own ingest methods (batched prepared statements) serve stand-alone use; concurrent calls of one service
 * are safe, while several processes ingesting trades directly into one database are not (a re-sent trade
 * could be stored twice until a merge): feed a shared ClickHouse through the sync. All SQL is parameterized.
 * Thread-safe (the pool is).
 */
public final class ClickHouseAnalyticsService extends JdbcAnalyticsService {

    /** The backend name in every result. */
    public static final String NAME = "clickhouse";
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** A DateTime64(6) value. */
    static final DateTimeFormatter DATETIME64 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final int IN_CHUNK = 500;

    private final DataSource ds;
    private final String url;
    /** The cluster whose shards hold the tables, or null for one server. */
    private final String cluster;
    /** Versions for rows written directly (the sync uses PostgreSQL's sequence numbers instead). */
    /** Direct trade ingestion checks for stored ids, then inserts: one caller at a time, or both would insert. */
    private final Object tradeWrites = new Object();
    private final AtomicLong directSeq = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    /**
     * Creates the service over a (pooled) data source.
     *
     * @param ds the data source
     * @param url the JDBC URL, for messages
     */
    public ClickHouseAnalyticsService(DataSource ds, String url) {
        this(ds, url, null);
    }

    /**
     * Creates the service over a (pooled) data source into one shard of a cluster, or one server.
     *
     * @param ds the data source
     * @param url the JDBC URL, for messages
     * @param cluster the cluster's name in {@code system.clusters} (checked by {@link #requireClusterName}), or
     *                null for one server
     */
    public ClickHouseAnalyticsService(DataSource ds, String url, String cluster) {
        super(new Dialect());
        this.ds = Objects.requireNonNull(ds, "ds");
        this.url = url;
        this.cluster = cluster == null ? null : requireClusterName(cluster);
    }

    /**
     * Checks a cluster name: it goes into DDL as an identifier, so only letters, digits and underscores.
     *
     * @param cluster the name
     * @return the name
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static String requireClusterName(String cluster) {
        if (!cluster.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("cift.clickhouse.cluster must be a ClickHouse cluster name (letters, digits"
                    + " and underscores, not starting with a digit), got '" + cluster + "'");
        }
        return cluster;
    }

    /** Collapses a table's replayed rows now, on every shard when sharded. */
    void optimizeFinal(Connection c, String table) throws SQLException {
        String sql = cluster == null ? "OPTIMIZE TABLE " + table + " FINAL"
                : "OPTIMIZE TABLE " + Migrations.requireCluster(c, cluster) + "." + table + "_local ON CLUSTER " + cluster
                + " FINAL";
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String backendName() {
        return NAME;
    }

    /** @return the data source (for the sync) */
    DataSource dataSource() {
        return ds;
    }

    /** @return the JDBC URL, for messages */
    String url() {
        return url;
    }

    /**
     * Creates or upgrades the schema; safe to run again.
     *
     * @return how many versions were applied
     */
    @Override
    public int migrate() {
        return call(c -> {
            int applied = Migrations.applyClickHouse(c, cluster);
            datetime64 = null;   // look at the schema again
            binaryTables.clear();
            return applied;
        });
    }

    @Override
    <T> T read(Work<T> work) {
        return call(work);
    }

    <T> T call(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Sql.classify(NAME, url, e);
        }
    }

    /**
     * Whether the tables hold {@code ts} as DateTime64 (the schema of servers from 20.7 on; {@code ts_us} is
     * then an alias and inserts leave it out), learned from the schema once; null until known.
     */
    private volatile Boolean datetime64;

    private boolean datetime64(Connection c) throws SQLException {
        Boolean d = datetime64;
        if (d == null) {
            String type = Migrations.columnType(c, "cift_trades", "ts");
            d = type != null && type.startsWith("DateTime64");
            if (type != null) {
                datetime64 = d;
            }
        }
        return d;
    }

    /** Per table: whether inserts use binary rows (the legacy driver, the schema as migrated); learned once. */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> binaryTables = new java.util.concurrent.ConcurrentHashMap<>();

    interface BinaryInsert {
        void run() throws SQLException;
    }

    /** Inserts as binary rows when the table allows it; false when the caller must use text batches. */
    private boolean insertedBinary(Connection c, String table, BinaryInsert insert) throws SQLException {
        if (!binary(c, table)) {
            return false;
        }
        try {
            insert.run();
        } catch (SQLException e) {
            binaryTables.remove(table);   // look at the schema again next time
            throw e;
        }
        return true;
    }

    private boolean binary(Connection c, String table) throws SQLException {
        if (!ChRowBinary.available(c)) {
            return false;
        }
        Boolean b = binaryTables.get(table);
        if (b == null) {
            b = ChRowBinary.matchesSchema(c, table);
            binaryTables.put(table, b);
        }
        return b;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant fromMicros(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }

    @Override
    public void ingestSnapshots(List<PortfolioSnapshot> batch) {
        Sql.validateSnapshots(batch);
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (PortfolioSnapshot s : batch) {
            rows.add(new Object[]{directSeq.incrementAndGet(), s.user(), s.timestamp(), s.totalValue(), s.cash(), s.positionsValue()});
        }
        call(c -> insertSnapshots(c, rows));
    }

    /** Inserts snapshot rows {seq, user, timestamp, total, cash, positions}; used by the sync too. */
    int insertSnapshots(Connection c, List<Object[]> rows) throws SQLException {
        if (insertedBinary(c, "cift_snapshots", () -> ChRowBinary.insertSnapshots(c, rows))) {
            return rows.size();
        }
        boolean dt64 = datetime64(c);
        try (PreparedStatement ps = c.prepareStatement(dt64
                ? "INSERT INTO cift_snapshots (seq, user_id, ts, total_value, cash, positions_value) VALUES (?, ?, ?, ?, ?, ?)"
                : "INSERT INTO cift_snapshots (seq, user_id, ts, ts_us, total_value, cash, positions_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                Instant ts = (Instant) r[2];
                ps.setLong(1, (Long) r[0]);
                ps.setString(2, (String) r[1]);
                int k = time(ps, 3, ts, dt64);
                ps.setBigDecimal(k, (BigDecimal) r[3]);
                ps.setBigDecimal(k + 1, (BigDecimal) r[4]);
                ps.setBigDecimal(k + 2, (BigDecimal) r[5]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    @Override
    public void ingestTrades(List<Trade> batch) {
        Sql.validateTrades(batch);
        if (batch.isEmpty()) {
            return;
        }
        synchronized (tradeWrites) {
            call(c -> insertNew(c, batch));
        }
    }

    /** Inserts the trades whose ids are not stored yet; refuses one stored with other content. */
    private int insertNew(Connection c, List<Trade> batch) throws SQLException {
        Map<String, Trade> stored = existing(c, batch);
        List<Trade> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Trade t = batch.get(i);
            Trade old = stored.get(t.user() + '\u0000' + t.tradeId());
            if (old == null) {
                fresh.add(t);
            } else if (!old.sameAs(t)) {
                throw new InvalidDataException(i + 1, "trade id " + t.tradeId() + " already stored with other content");
            }
        }
        List<Object[]> rows = new ArrayList<>(fresh.size());
        for (Trade t : fresh) {
            rows.add(new Object[]{directSeq.incrementAndGet(), t});
        }
        return insertTrades(c, rows);
    }

    /** The stored trades with the batch's (user, trade id) keys, latest version of each. */
    private Map<String, Trade> existing(Connection c, List<Trade> batch) throws SQLException {
        Map<String, Trade> out = new HashMap<>();
        for (int from = 0; from < batch.size(); from += IN_CHUNK) {
            List<Trade> part = batch.subList(from, Math.min(batch.size(), from + IN_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT trade_id, ts_us, symbol, side, quantity, price, fee, user_id"
                    + " FROM cift_trades WHERE (user_id, trade_id) IN (");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            }
            sql.append(") ORDER BY user_id, trade_id, seq DESC LIMIT 1 BY user_id, trade_id");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (Trade t : part) {
                    ps.setString(k++, t.user());
                    ps.setLong(k++, t.tradeId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Trade t = trade(rs.getString(8), rs);
                        out.put(t.user() + '\u0000' + t.tradeId(), t);
                    }
                }
            }
        }
        return out;
    }

    /** Inserts trade rows {seq, trade}; used by the sync too. */
    int insertTrades(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (insertedBinary(c, "cift_trades", () -> ChRowBinary.insertTrades(c, rows))) {
            return rows.size();
        }
        boolean dt64 = datetime64(c);
        try (PreparedStatement ps = c.prepareStatement(dt64
                ? "INSERT INTO cift_trades (seq, user_id, trade_id, ts, symbol, side, quantity, price, fee)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO cift_trades (seq, user_id, trade_id, ts, ts_us, symbol, side, quantity, price, fee)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                Trade t = (Trade) r[1];
                ps.setLong(1, (Long) r[0]);
                ps.setString(2, t.user());
                ps.setLong(3, t.tradeId());
                int k = time(ps, 4, t.timestamp(), dt64);
                ps.setString(k, t.symbol());
                ps.setString(k + 1, t.side().name());
                ps.setBigDecimal(k + 2, t.quantity());
                ps.setBigDecimal(k + 3, t.price());
                ps.setBigDecimal(k + 4, t.fee());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    /** Binds a time: one DateTime64 value, or seconds and microseconds; returns the next parameter index. */
    private static int time(PreparedStatement ps, int at, Instant t, boolean dt64) throws SQLException {
        if (dt64) {
            ps.setString(at, DATETIME64.format(t));
            return at + 1;
        }
        ps.setString(at, DATETIME.format(t));
        ps.setLong(at + 1, micros(t));
        return at + 2;
    }


    @Override
    public void ingestMarks(List<Mark> batch) {
        Sql.validateMarks(batch);
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Mark m : batch) {
            rows.add(new Object[]{directSeq.incrementAndGet(), m.symbol(), m.price()});
        }
        call(c -> insertMarks(c, rows));
    }

    /** Inserts mark rows {seq, symbol, price}; used by the sync too. */
    int insertMarks(Connection c, List<Object[]> rows) throws SQLException {
        if (insertedBinary(c, "cift_marks", () -> ChRowBinary.insertMarks(c, rows))) {
            return rows.size();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_marks (seq, symbol, price) VALUES (?, ?, ?)")) {
            for (Object[] r : rows) {
                ps.setLong(1, (Long) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setBigDecimal(3, (BigDecimal) r[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    /** The ClickHouse statements of the shared read side (18.16's SQL, which current releases take too). */
    private static final class Dialect implements SqlDialect {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String dailyValues() {
            return "SELECT toDate(ts) AS d, argMax(total_value, tuple(ts_us, seq))"
                    + " FROM cift_snapshots WHERE user_id = ? AND ts >= toDateTime(?) AND ts < toDateTime(?)"
                    + " GROUP BY d ORDER BY d";
        }

        @Override
        public void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException {
            ps.setLong(index, Math.min(t.getEpochSecond(), 4_294_967_295L));   // DateTime's last second
        }

        @Override
        public LocalDate day(ResultSet rs, int column) throws SQLException {
            return LocalDate.parse(rs.getString(column));
        }

        @Override
        public String userTrades() {
            return "SELECT trade_id, ts_us, symbol, side, quantity, price, fee"
                    + " FROM cift_trades WHERE user_id = ? ORDER BY trade_id, seq DESC LIMIT 1 BY trade_id";
        }

        @Override
        public String tradePage() {
            return "SELECT trade_id, ts_us, symbol, side, quantity, price, fee"
                    + " FROM cift_trades WHERE user_id = ? AND trade_id > ?"
                    + " ORDER BY trade_id, seq DESC LIMIT 1 BY trade_id LIMIT ?";
        }

        @Override
        public Instant time(ResultSet rs, int column) throws SQLException {
            return fromMicros(rs.getLong(column));
        }

        @Override
        public String marks() {
            return "SELECT symbol, argMax(price, seq) FROM cift_marks GROUP BY symbol";
        }

        @Override
        public String summary(boolean oneUser) {
            // a plain GROUP BY: the sync collapses replayed rows (OPTIMIZE FINAL) and direct ingestion inserts only
            // new trades, so no row is counted twice. Products are cast to scale 10 before summing: Decimal(38, 20)
            // sums would overflow past 1e18
            return "SELECT symbol, count(), countIf(side = 'BUY'), countIf(side = 'SELL'),"
                    + " sumIf(quantity, side = 'BUY'), sumIf(quantity, side = 'SELL'),"
                    + " sum(toDecimal128(quantity * price, 10)), sum(fee),"
                    + " sumIf(toDecimal128(quantity * price, 10), side = 'SELL') - sumIf(toDecimal128(quantity * price, 10), side = 'BUY')"
                    + " FROM cift_trades" + (oneUser ? " WHERE user_id = ?" : "") + " GROUP BY symbol ORDER BY symbol";
        }
    }
}
