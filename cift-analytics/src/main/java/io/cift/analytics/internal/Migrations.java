package io.cift.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order and recorded in {@code cift_schema_version}; running them
 * again applies only what is missing. Each version is a list of statements (ClickHouse 18.16 takes one
 * statement per request). ClickHouse's DDL comes in two variants, chosen by the server's version when a
 * version is applied and recorded beside it ({@code cift_schema_version.variant}).
 */
final class Migrations {

    /** PostgreSQL, the system of record. */
    static final List<List<String>> POSTGRES = List.of(
            List.of(
                    "CREATE TABLE IF NOT EXISTS cift_snapshots ("
                            + " seq bigserial PRIMARY KEY,"
                            + " user_id text NOT NULL,"
                            + " ts timestamptz NOT NULL,"
                            + " total_value numeric(38,10) NOT NULL CHECK (total_value > 0),"
                            + " cash numeric(38,10),"
                            + " positions_value numeric(38,10))",
                    "CREATE INDEX IF NOT EXISTS cift_snapshots_user_ts ON cift_snapshots (user_id, ts) INCLUDE (total_value, seq)",
                    "CREATE TABLE IF NOT EXISTS cift_trades ("
                            + " seq bigserial UNIQUE,"
                            + " user_id text NOT NULL,"
                            + " trade_id bigint NOT NULL,"
                            + " ts timestamptz NOT NULL,"
                            + " symbol text NOT NULL,"
                            + " side text NOT NULL CHECK (side IN ('BUY', 'SELL')),"
                            + " quantity numeric(38,10) NOT NULL CHECK (quantity > 0),"
                            + " price numeric(38,10) NOT NULL CHECK (price > 0),"
                            + " fee numeric(38,10) NOT NULL,"
                            + " PRIMARY KEY (user_id, trade_id))",
                    "CREATE TABLE IF NOT EXISTS cift_marks ("
                            + " symbol text PRIMARY KEY,"
                            + " price numeric(38,10) NOT NULL CHECK (price > 0),"
                            + " seq bigserial,"
                            + " updated_at timestamptz NOT NULL DEFAULT now())",
                    "CREATE TABLE IF NOT EXISTS cift_sync_state ("
                            + " table_name text PRIMARY KEY,"
                            + " last_seq bigint NOT NULL,"
                            + " synced_at timestamptz NOT NULL DEFAULT now())"),
            List.of(
                    // the sync's durable "needs deduplication" mark, and the rows ClickHouse refused, set aside
                    "ALTER TABLE cift_sync_state ADD COLUMN IF NOT EXISTS dedup_pending boolean NOT NULL DEFAULT false",
                    "CREATE TABLE IF NOT EXISTS cift_sync_rejects ("
                            + " table_name text NOT NULL,"
                            + " seq bigint NOT NULL,"
                            + " error text NOT NULL,"
                            + " rejected_at timestamptz NOT NULL DEFAULT now(),"
                            + " PRIMARY KEY (table_name, seq))"));

    /** The ClickHouse DDL variant for servers before 20.7, recorded in {@code cift_schema_version}. */
    static final String LEGACY = "legacy";
    /** The ClickHouse DDL variant for 20.7 and later. */
    static final String CURRENT = "current";

    /**
     * ClickHouse before 20.7 (18.16), fed from PostgreSQL; sorted by user then time, duplicates from a
     * resumed sync collapse (and are ignored on read before they do). {@code ts} (seconds, 18.16 has no
     * DateTime64) partitions by year (servers from 19.x refuse an insert that touches more than 100
     * partitions; databases made before kept months) and sorts; {@code ts_us} keeps the microseconds.
     */
    static final List<List<String>> CLICKHOUSE_LEGACY = List.of(
            List.of(
                    "CREATE TABLE IF NOT EXISTS cift_snapshots ("
                            + " seq UInt64, user_id String, ts DateTime('UTC'), ts_us Int64, total_value Decimal(38, 10),"
                            + " cash Nullable(Decimal(38, 10)), positions_value Nullable(Decimal(38, 10)))"
                            + " ENGINE = ReplacingMergeTree() PARTITION BY toYear(ts) ORDER BY (user_id, ts, seq)",
                    "CREATE TABLE IF NOT EXISTS cift_trades ("
                            + " seq UInt64, user_id String, trade_id Int64, ts DateTime('UTC'), ts_us Int64, symbol String,"
                            + " side Enum8('BUY' = 1, 'SELL' = 2), quantity Decimal(38, 10), price Decimal(38, 10),"
                            + " fee Decimal(38, 10))"
                            + " ENGINE = ReplacingMergeTree(seq) PARTITION BY toYear(ts) ORDER BY (user_id, trade_id)",
                    "CREATE TABLE IF NOT EXISTS cift_marks (seq UInt64, symbol String, price Decimal(38, 10))"
                            + " ENGINE = ReplacingMergeTree(seq) ORDER BY symbol"));

    /**
     * ClickHouse 20.7 and later: the same tables and columns, but {@code ts} is a {@code DateTime64(6)}
     * holding the microseconds, {@code ts_us} an alias computed from it, and partitions are years, so
     * that a multi-year backfill stays far below {@code max_partitions_per_insert_block} (100).
     */
    static final List<List<String>> CLICKHOUSE_CURRENT = List.of(
            List.of(
                    "CREATE TABLE IF NOT EXISTS cift_snapshots ("
                            + " seq UInt64, user_id String, ts DateTime64(6, 'UTC'),"
                            + " ts_us Int64 ALIAS toUnixTimestamp64Micro(ts), total_value Decimal(38, 10),"
                            + " cash Nullable(Decimal(38, 10)), positions_value Nullable(Decimal(38, 10)))"
                            + " ENGINE = ReplacingMergeTree() PARTITION BY toYear(ts) ORDER BY (user_id, ts, seq)",
                    "CREATE TABLE IF NOT EXISTS cift_trades ("
                            + " seq UInt64, user_id String, trade_id Int64, ts DateTime64(6, 'UTC'),"
                            + " ts_us Int64 ALIAS toUnixTimestamp64Micro(ts), symbol String,"
                            + " side Enum8('BUY' = 1, 'SELL' = 2), quantity Decimal(38, 10), price Decimal(38, 10),"
                            + " fee Decimal(38, 10))"
                            + " ENGINE = ReplacingMergeTree(seq) PARTITION BY toYear(ts) ORDER BY (user_id, trade_id)",
                    "CREATE TABLE IF NOT EXISTS cift_marks (seq UInt64, symbol String, price Decimal(38, 10))"
                            + " ENGINE = ReplacingMergeTree(seq) ORDER BY symbol"));

    private Migrations() {
    }

    /**
     * Applies the missing PostgreSQL versions.
     *
     * @param c a connection
     * @param versions the statements of each version, version 1 first
     * @return how many versions were applied
     */
    static int applyPostgres(Connection c, List<List<String>> versions) throws SQLException {
        return apply(c, versions, false, null);
    }

    /**
     * Applies the missing ClickHouse versions in the variant that suits the server's version, and records
     * the variant beside each version.
     *
     * @param c a connection
     * @return how many versions were applied
     */
    static int applyClickHouse(Connection c) throws SQLException {
        return applyClickHouse(c, null);
    }

    /**
     * Applies the missing ClickHouse versions, on one server or, when {@code cluster} is given, on every
     * shard of that cluster: each table becomes {@code <name>_local} on every shard ({@code ON CLUSTER}, which
     * needs the servers' ZooKeeper) and {@code <name>}, a {@code Distributed} table over them on every shard,
     * sharded by user id (marks by symbol), so that every other statement works unchanged through any shard.
     * The version table stays local to the server migrated through (every statement is idempotent).
     *
     * @param c a connection
     * @param cluster the cluster's name in {@code system.clusters}, or null for one server
     * @return how many versions were applied
     */
    static int applyClickHouse(Connection c, String cluster) throws SQLException {
        String version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            version = rs.getString(1);
        }
        boolean legacy = ClickHouseDrivers.needsLegacy(version);
        List<List<String>> ddl = legacy ? CLICKHOUSE_LEGACY : CLICKHOUSE_CURRENT;
        if (cluster != null) {
            ddl = sharded(ddl, cluster, requireCluster(c, cluster));
        }
        return apply(c, ddl, true, legacy ? LEGACY : CURRENT);
    }

    /**
     * The database of the connection, after checking that the cluster is defined and that the name can be
     * written into DDL as it is (the statements name it: a shard runs {@code ON CLUSTER} DDL in its own
     * default database otherwise); throws otherwise.
     */
    static String requireCluster(Connection c, String cluster) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uniqExact(shard_num), currentDatabase() FROM system.clusters WHERE cluster = ?")) {
            ps.setString(1, cluster);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new java.sql.SQLNonTransientException("cluster '" + cluster
                            + "' is not defined on this server (system.clusters): check cift.clickhouse.cluster and the"
                            + " servers' remote_servers");
                }
                String database = rs.getString(2);
                if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new java.sql.SQLNonTransientException("a sharded deployment needs a database named with letters,"
                            + " digits and underscores only, got '" + database + "'");
                }
                return database;
            }
        }
    }

    /** The single-server DDL turned into local tables on every shard plus Distributed tables over them. */
    static List<List<String>> sharded(List<List<String>> versions, String cluster, String database) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (List<String> version : versions) {
            List<String> statements = new java.util.ArrayList<>();
            for (String sql : version) {
                java.util.regex.Matcher m = CREATE.matcher(sql);
                if (!m.lookingAt()) {
                    throw new IllegalStateException("not a CREATE TABLE statement: " + sql);
                }
                String table = m.group(1);
                String local = table + "_local";
                String key = "cift_marks".equals(table) ? "cityHash64(symbol)" : "cityHash64(user_id)";
                String qualified = database + "." + local;
                statements.add("CREATE TABLE IF NOT EXISTS " + qualified + " ON CLUSTER " + cluster + sql.substring(m.end()));
                statements.add("CREATE TABLE IF NOT EXISTS " + database + "." + table + " ON CLUSTER " + cluster + " AS "
                        + qualified + " ENGINE = Distributed(" + cluster + ", " + database + ", " + local + ", " + key + ")");
            }
            out.add(List.copyOf(statements));
        }
        return List.copyOf(out);
    }

    private static final java.util.regex.Pattern CREATE =
            java.util.regex.Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)");

    private static int apply(Connection c, List<List<String>> versions, boolean clickhouse, String variant)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(clickhouse
                    ? "CREATE TABLE IF NOT EXISTS cift_schema_version (version UInt32, applied_at DateTime('UTC'),"
                            + " variant String) ENGINE = TinyLog"
                    : "CREATE TABLE IF NOT EXISTS cift_schema_version (version int PRIMARY KEY,"
                            + " applied_at timestamptz NOT NULL DEFAULT now())");
        }
        int current = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(version) FROM cift_schema_version")) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        // a table made before variants were recorded (TinyLog cannot gain a column) holds legacy versions only
        boolean recordsVariant = clickhouse && hasColumn(c, "cift_schema_version", "variant");
        int applied = 0;
        for (int v = current + 1; v <= versions.size(); v++) {
            boolean tx = !clickhouse && c.getAutoCommit();
            if (tx) {
                c.setAutoCommit(false);
            }
            try {
                try (Statement st = c.createStatement()) {
                    for (String sql : versions.get(v - 1)) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(!clickhouse
                        ? "INSERT INTO cift_schema_version (version) VALUES (?)"
                        : recordsVariant ? "INSERT INTO cift_schema_version (version, applied_at, variant) VALUES (?, now(), ?)"
                        : "INSERT INTO cift_schema_version (version, applied_at) VALUES (?, now())")) {
                    ps.setInt(1, v);
                    if (recordsVariant) {
                        ps.setString(2, variant);
                    }
                    ps.executeUpdate();
                }
                if (tx) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (tx) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (tx) {
                    c.setAutoCommit(true);
                }
            }
            applied++;
        }
        return applied;
    }

    /** Whether a ClickHouse table of the current database has a column. */
    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        return columnType(c, table, column) != null;
    }

    /** A ClickHouse column's type, or null when the table or column is missing. */
    static String columnType(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM system.columns"
                + " WHERE database = currentDatabase() AND table = ? AND name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
