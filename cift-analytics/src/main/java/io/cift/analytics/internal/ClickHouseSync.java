package io.cift.analytics.internal;

import io.cift.analytics.BackendUnavailableException;
import io.cift.analytics.SyncStatus;
import io.cift.core.CiftException;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Copies new rows from PostgreSQL (the system of record) to ClickHouse in sequence order. The watermark
 * of each table lives in PostgreSQL's {@code cift_sync_state} and moves only after ClickHouse accepted the
 * batch: a crash in between copies those rows again. The sync notices such a replay (ClickHouse already
 * holds rows above the watermark) and collapses the duplicates with {@code OPTIMIZE TABLE ... FINAL}
 * (the tables are ReplacingMergeTrees keyed so that a replayed row equals its original), so wide
 * aggregates can run as plain GROUP BYs; the sync is idempotent and resumes where it stopped. PostgreSQL writers are serialized per table, so
 * sequence numbers become visible in order and no row is ever skipped. One sync runs at a time (an
 * advisory lock); a second caller returns at once. A row ClickHouse refuses for its data is set aside in
 * PostgreSQL's {@code cift_sync_rejects} with the error (and offered again every few minutes) instead of
 * stopping the copy; the "needs deduplication" mark is durable there too, so a run that fails after
 * replaying rows leaves the next run to collapse them. Thread-safe.
 */
public final class ClickHouseSync {

    /** Rows per copy unless configured. */
    public static final int DEFAULT_BATCH = 100_000;
    private static final long LOCK_SYNC = 0x43494654_0010L;
    private static final String[] TABLES = {"cift_snapshots", "cift_trades", "cift_marks"};
    private static final int RETRY_LIMIT = 100;
    /** How often rows set aside are offered again: five minutes. */
    static final long RETRY_EVERY_NANOS = 300_000_000_000L;

    private final DataSource pg;
    private final String pgUrl;
    private final ClickHouseAnalyticsService ch;
    private final int batch;
    private long lastRetry;
    private boolean retryDue;

    /**
     * Creates the sync.
     *
     * @param pg PostgreSQL
     * @param pgUrl its URL, for messages
     * @param ch the ClickHouse service to feed
     * @param batch rows per copy, at least 1
     */
    public ClickHouseSync(DataSource pg, String pgUrl, ClickHouseAnalyticsService ch, int batch) {
        this.pg = Objects.requireNonNull(pg, "pg");
        this.pgUrl = pgUrl;
        this.ch = Objects.requireNonNull(ch, "ch");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.batch = batch;
    }

    /**
     * Copies everything new, then reports the lag.
     *
     * @return the status after copying
     */
    public synchronized SyncStatus syncNow() {
        long copied = 0;
        try (Connection c = pg.getConnection()) {
            if (!tryLock(c)) {
                return status(c, 0);
            }
            try {
                long now = System.nanoTime();
                retryDue = lastRetry == 0 || now - lastRetry >= RETRY_EVERY_NANOS;
                for (String table : TABLES) {
                    copied += copyTable(c, table);
                }
                if (retryDue) {
                    lastRetry = now == 0 ? 1 : now;
                }
                return status(c, copied);
            } finally {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, LOCK_SYNC);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw Sql.classify(PostgresAnalyticsService.NAME, pgUrl, e);
        }
    }

    /**
     * The lag without copying.
     *
     * @return rows behind
     */
    public SyncStatus status() {
        try (Connection c = pg.getConnection()) {
            return status(c, 0);
        } catch (SQLException e) {
            throw Sql.classify(PostgresAnalyticsService.NAME, pgUrl, e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_SYNC);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private SyncStatus status(Connection c, long copied) throws SQLException {
        long behind = 0;
        for (String table : TABLES) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE seq > ?")) {
                ps.setLong(1, state(c, table).watermark());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    behind += rs.getLong(1);
                }
            }
        }
        long aside;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM cift_sync_rejects");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            aside = rs.getLong(1);
        }
        return new SyncStatus(behind + aside, copied, aside, Instant.now());
    }

    /** The watermark and the dedup mark of a table. */
    private record State(long watermark, boolean dedupPending) {
    }

    private static State state(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq, dedup_pending FROM cift_sync_state WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new State(rs.getLong(1), rs.getBoolean(2)) : new State(0, false);
            }
        }
    }

    /** Sets or clears the durable "needs deduplication" mark; it is committed before ClickHouse sees a replayed row. */
    private static void markDedup(Connection c, String table, boolean pending) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_sync_state (table_name, last_seq, dedup_pending)"
                + " VALUES (?, 0, ?) ON CONFLICT (table_name) DO UPDATE SET dedup_pending = excluded.dedup_pending")) {
            ps.setString(1, table);
            ps.setBoolean(2, pending);
            ps.executeUpdate();
        }
    }

    private long copyTable(Connection c, String table) throws SQLException {
        pendingAfterRefusal = false;
        State st = state(c, table);
        boolean dedup = st.dedupPending();
        if (!dedup) {
            long start = st.watermark();
            boolean replay = ch.call(chc -> {
                try (PreparedStatement ps = chc.prepareStatement("SELECT count() FROM " + table + " WHERE seq > ?")) {
                    ps.setLong(1, start);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getLong(1) > 0;
                    }
                }
            });
            if (replay) {
                // the mark outlives a failure of any later batch: the next run deduplicates even when nothing is
                // replayed any more
                markDedup(c, table, true);
                dedup = true;
            }
        }
        long copied = retryDue ? retryRefused(c, table) : 0;
        copied += copyBatches(c, table);
        if (dedup || pendingAfterRefusal) {
            ch.call(chc -> {
                ch.optimizeFinal(chc, table);
                return null;
            });
            markDedup(c, table, false);
        }
        return copied;
    }

    private static String select(String table) {
        return switch (table) {
            case "cift_snapshots" -> "SELECT seq, user_id, ts, total_value, cash, positions_value FROM cift_snapshots";
            case "cift_trades" -> "SELECT seq, user_id, trade_id, ts, symbol, side, quantity, price, fee FROM cift_trades";
            default -> "SELECT seq, symbol, price FROM cift_marks";
        };
    }

    private static Object[] row(String table, ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        return switch (table) {
            case "cift_snapshots" -> new Object[]{seq, rs.getString(2), rs.getTimestamp(3).toInstant(),
                    rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)};
            case "cift_trades" -> new Object[]{seq, new Trade(rs.getLong(3), rs.getString(2),
                    rs.getTimestamp(4).toInstant(), rs.getString(5), Side.valueOf(rs.getString(6)),
                    rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9))};
            default -> new Object[]{seq, rs.getString(2), rs.getBigDecimal(3)};
        };
    }

    /**
     * Copies batch after batch, reading the next batch from PostgreSQL while ClickHouse takes the current
     * one (on a thread of this run), so neither server waits for the other. The watermark moves after each
     * batch is stored, in order; a batch ClickHouse refused is retried row by row here (see
     * {@link #insertOrSetAside}).
     */
    private long copyBatches(Connection c, String table) throws SQLException {
        long total = 0;
        java.util.concurrent.ExecutorService inserter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cift-clickhouse-sync-insert");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Object[]> rows = read(c, table, state(c, table).watermark());
            while (!rows.isEmpty()) {
                List<Object[]> current = rows;
                java.util.concurrent.Future<?> inserted = inserter.submit(() -> insert(table, current));
                long last = (Long) current.get(current.size() - 1)[0];
                List<Object[]> next = current.size() < batch ? List.of() : read(c, table, last);
                int stored = current.size();
                try {
                    inserted.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof CiftException ce) || ce instanceof BackendUnavailableException || !refusedData(ce)) {
                        throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
                    }
                    stored = insertOrSetAside(c, table, current, new ArrayList<>());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendUnavailableException("interrupted while ClickHouse took a batch of " + table, e);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_sync_state (table_name, last_seq) VALUES (?, ?)"
                        + " ON CONFLICT (table_name) DO UPDATE SET last_seq = excluded.last_seq, synced_at = now()")) {
                    ps.setString(1, table);
                    ps.setLong(2, last);
                    ps.executeUpdate();
                }
                total += stored;
                rows = next;
            }
            return total;
        } finally {
            inserter.shutdownNow();
        }
    }

    /** Up to one batch of rows with a sequence number above {@code from}, in order. */
    private List<Object[]> read(Connection c, String table, long from) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select(table) + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, batch);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(table, rs));
                }
            }
        }
        return rows;
    }

    /** Set when a refused batch was split: ClickHouse may have stored part of it, so the table is deduplicated. */
    private boolean pendingAfterRefusal;

    /**
     * Inserts the rows; when ClickHouse refuses the batch for its data (a parse, type or range error, not an
     * outage or overload), halves it until the refused rows stand alone, stores the rest and sets those rows
     * aside in {@code cift_sync_rejects} with ClickHouse's message, so one bad row never stops the sync.
     *
     * @return rows stored in ClickHouse
     */
    private int insertOrSetAside(Connection c, String table, List<Object[]> rows, List<Long> stored) throws SQLException {
        try {
            insert(table, rows);
            for (Object[] r : rows) {
                stored.add((Long) r[0]);
            }
            return rows.size();
        } catch (CiftException e) {
            if (e instanceof BackendUnavailableException || !refusedData(e)) {
                throw e;
            }
            if (!pendingAfterRefusal) {
                markDedup(c, table, true);
                pendingAfterRefusal = true;
            }
            if (rows.size() == 1) {
                setAside(c, table, (Long) rows.get(0)[0], e.getMessage());
                return 0;
            }
            int half = rows.size() / 2;
            return insertOrSetAside(c, table, rows.subList(0, half), stored)
                    + insertOrSetAside(c, table, rows.subList(half, rows.size()), stored);
        }
    }

    /**
     * ClickHouse error codes that refuse a value: parse, type, range, size, decimal overflow, constraint, an
     * unknown enum element (49 on 18.16, 691 on current releases).
     */
    private static final java.util.Set<Integer> DATA_ERRORS = java.util.Set.of(6, 26, 27, 32, 36, 38, 41, 49, 53, 69, 70,
            72, 117, 131, 321, 407, 469, 691);
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("Code: (\\d+)");

    /** Whether ClickHouse refused the rows themselves (then splitting finds the bad ones). */
    static boolean refusedData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLDataException) {
                return true;                 // refused before sending: a value the column type cannot hold
            }
            java.util.regex.Matcher m = CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return DATA_ERRORS.contains(Integer.parseInt(m.group(1)));
            }
        }
        return false;
    }

    private void insert(String table, List<Object[]> rows) {
        ch.call(chc -> switch (table) {
            case "cift_snapshots" -> ch.insertSnapshots(chc, rows);
            case "cift_trades" -> ch.insertTrades(chc, rows);
            default -> ch.insertMarks(chc, rows);
        });
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClickHouseSync.class);
    private final io.cift.core.internal.LogLimiter refusals = new io.cift.core.internal.LogLimiter(
            java.time.Duration.ofSeconds(10));

    private void setAside(Connection c, String table, long seq, String error) throws SQLException {
        refusals.warn(LOG, "ClickHouse refused row {} of {}; it is set aside in PostgreSQL's cift_sync_rejects and offered"
                + " again later: {}", seq, table, io.cift.core.Redact.text(error));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cift_sync_rejects (table_name, seq, error) VALUES (?, ?, ?)"
                + " ON CONFLICT (table_name, seq) DO UPDATE SET error = excluded.error, rejected_at = now()")) {
            ps.setString(1, table);
            ps.setLong(2, seq);
            ps.setString(3, error);
            ps.executeUpdate();
        }
    }

    /**
     * Offers rows set aside earlier to ClickHouse again (at most {@value #RETRY_LIMIT} of a table, at most every
     * {@link #RETRY_EVERY_NANOS} nanoseconds), so fixing the cause on the ClickHouse side heals the copy. A
     * row leaves {@code cift_sync_rejects} only once ClickHouse holds it, or when PostgreSQL no longer has it
     * (a mark that was replaced since).
     *
     * @return rows stored
     */
    private long retryRefused(Connection c, String table) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM cift_sync_rejects WHERE table_name = ? ORDER BY seq LIMIT " + RETRY_LIMIT)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        if (seqs.isEmpty()) {
            return 0;
        }
        // rows a crash left in both places (stored, not yet forgotten here) are not inserted twice
        java.util.Set<Long> held = ch.call(chc -> {
            java.util.Set<Long> out = new java.util.HashSet<>();
            StringBuilder sql = new StringBuilder("SELECT DISTINCT seq FROM " + table + " WHERE seq IN (");
            for (int i = 0; i < seqs.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = chc.prepareStatement(sql.append(')').toString())) {
                for (int i = 0; i < seqs.size(); i++) {
                    ps.setLong(i + 1, seqs.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select(table) + " WHERE seq = ANY (?) ORDER BY seq")) {
            ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] r = row(table, rs);
                    if (!held.contains((Long) r[0])) {
                        rows.add(r);
                    }
                }
            }
        }
        List<Long> done = new ArrayList<>(seqs);
        List<Long> stored = new ArrayList<>();
        int n = rows.isEmpty() ? 0 : insertOrSetAside(c, table, rows, stored);
        for (Object[] r : rows) {
            if (!stored.contains((Long) r[0])) {
                done.remove(r[0]);            // refused again: it stays aside
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cift_sync_rejects WHERE table_name = ? AND seq = ANY (?)")) {
            ps.setString(1, table);
            ps.setArray(2, c.createArrayOf("bigint", done.toArray()));
            ps.executeUpdate();
        }
        return n;
    }
}
