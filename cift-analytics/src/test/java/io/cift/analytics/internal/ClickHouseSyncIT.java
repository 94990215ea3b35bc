package io.cift.analytics.internal;

import ch.qos.logback.classic.Level;
import io.cift.analytics.PooledDataSource;
import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.BackendUnavailableException;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.ScratchDatabases;
import io.cift.analytics.TestServers;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL to ClickHouse sync against the real servers: a row ClickHouse refuses is set aside and the
 * copy goes on, and a run that fails (ClickHouse really killed) after replaying rows leaves the duplicates
 * marked, so the next run collapses them.
 */
class ClickHouseSyncIT {

    /** @return the ClickHouse engine this class runs on (18.16 here; a subclass runs the current one) */
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.LEGACY;
    }

    private ScratchDatabases scratch;
    private PooledDataSource pgDs;
    private PooledDataSource chDs;
    private PostgresAnalyticsService pg;
    private ClickHouseAnalyticsService ch;
    private String pgUrl;

    @BeforeEach
    void databases() throws Exception {
        scratch = ScratchDatabases.create("cift_sy_", engine());
        pgUrl = scratch.postgresUrl;
        pgDs = AnalyticsBackends.pooled(pgUrl, null, 2, Duration.ofSeconds(5));
        chDs = AnalyticsBackends.pooled(scratch.clickhouseUrl, null, 2, Duration.ofSeconds(2));
        pg = new PostgresAnalyticsService(pgDs, pgUrl);
        ch = new ClickHouseAnalyticsService(chDs, scratch.clickhouseUrl);
        pg.migrate();
    }

    @AfterEach
    void drop() {
        pgDs.close();
        chDs.close();
        scratch.drop();
    }

    private static List<Trade> trades(int from, int n, String symbol) {
        List<Trade> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(new Trade(i, "u1", Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i), symbol,
                    i % 2 == 0 ? Side.BUY : Side.SELL, BigDecimal.valueOf(1 + i % 7), new BigDecimal("100.5"), BigDecimal.ZERO));
        }
        return out;
    }

    private long chLong(String sql) throws Exception {
        try (Connection c = chDs.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long pgLong(String sql) throws Exception {
        try (Connection c = pgDs.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRowClickHouseRefusesIsSetAsideAndTheCopyGoesOn() throws Exception {
        // a ClickHouse table that takes only two symbols: a real server refusing a real row
        try (Connection c = chDs.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE cift_trades (seq UInt64, user_id String, trade_id Int64, ts DateTime('UTC'),"
                    + " ts_us Int64, symbol Enum8('A' = 1, 'B' = 2), side Enum8('BUY' = 1, 'SELL' = 2),"
                    + " quantity Decimal(38, 10), price Decimal(38, 10), fee Decimal(38, 10))"
                    + " ENGINE = ReplacingMergeTree(seq) PARTITION BY toYYYYMM(ts) ORDER BY (user_id, trade_id)");
        }
        ch.migrate();
        pg.ingestTrades(trades(1, 100, "A"));
        pg.ingestTrades(trades(101, 1, "BAD"));
        pg.ingestTrades(trades(102, 100, "B"));
        pg.ingestTrades(trades(202, 1, "WORSE"));
        ClickHouseSync sync = new ClickHouseSync(pgDs, pgUrl, ch, 64);
        SyncStatus s;
        try (io.cift.core.testing.LogCapture log = io.cift.core.testing.LogCapture.of(ClickHouseSync.class)) {
            s = sync.syncNow();
            assertThat(log.messages(Level.WARN)).as("two refused rows, one warning within 10 s")
                    .singleElement().asString().contains("ClickHouse refused row").contains("of cift_trades")
                    .contains("cift_sync_rejects");
        }
        assertThat(s.rowsCopied()).isEqualTo(200);
        assertThat(s.rowsSetAside()).isEqualTo(2);
        assertThat(s.rowsBehind()).as("rows set aside are not in ClickHouse").isEqualTo(2);
        assertThat(chLong("SELECT count() FROM cift_trades FINAL")).isEqualTo(200);
        try (Connection c = pgDs.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, error FROM cift_sync_rejects ORDER BY seq")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).contains("BAD");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).contains("WORSE");
        }

        pg.ingestTrades(trades(300, 10, "A"));
        assertThat(sync.syncNow().rowsCopied()).as("the watermark moved past the refused rows").isEqualTo(10);

        // the cause fixed on the ClickHouse side: a new sync (a restarted process) offers the rows again
        try (Connection c = chDs.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE cift_trades MODIFY COLUMN symbol String");
        }
        SyncStatus healed = new ClickHouseSync(pgDs, pgUrl, ch, 64).syncNow();
        assertThat(healed.rowsCopied()).isEqualTo(2);
        assertThat(healed.rowsSetAside()).isZero();
        assertThat(healed.caughtUp()).isTrue();
        assertThat(chLong("SELECT count() FROM cift_trades FINAL")).isEqualTo(212);
        assertThat(ch.tradeSummary("u1", Map.of()).bySymbol()).containsKeys("A", "B", "BAD", "WORSE");
    }

    @Test
    void aRowWhoseTimeTheSchemaCannotHoldIsSetAsideAndOneItCanHoldIsCopied() throws Exception {
        ch.migrate();                                       // on 18.16 inserts go as binary rows
        pg.ingestTrades(trades(1, 50, "A"));
        // written by another tool, past the range ingestion accepts: DateTime ends in 2106, DateTime64 in 2299
        try (Connection c = pgDs.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO cift_trades (user_id, trade_id, ts, symbol, side, quantity, price, fee)"
                    + " VALUES ('u1', 9999, '2200-01-01T00:00:00Z', 'A', 'BUY', 1, 10, 0)");
        }
        pg.ingestTrades(trades(51, 50, "B"));
        SyncStatus s = new ClickHouseSync(pgDs, pgUrl, ch, 1_000).syncNow();
        if (engine() == TestServers.ClickHouseEngine.LEGACY) {
            assertThat(s.rowsCopied()).isEqualTo(100);
            assertThat(s.rowsSetAside()).isEqualTo(1);
            try (Connection c = pgDs.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT error FROM cift_sync_rejects")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("2200-01-01T00:00:00Z").contains("DateTime");
            }
            assertThat(chLong("SELECT count() FROM cift_trades FINAL")).isEqualTo(100);
        } else {
            assertThat(s.rowsCopied()).isEqualTo(101);
            assertThat(s.rowsSetAside()).isZero();
            assertThat(chLong("SELECT count() FROM cift_trades FINAL")).isEqualTo(101);
            assertThat(chLong("SELECT toYear(ts) FROM cift_trades WHERE trade_id = 9999")).isEqualTo(2200);
        }
    }

    @Test
    void aSyncThatDiesAfterReplayingLeavesTheDeduplicationToTheNextRun() throws Exception {
        ch.migrate();
        List<PortfolioSnapshot> first = new ArrayList<>();
        List<PortfolioSnapshot> second = new ArrayList<>();
        for (int u = 0; u < 100; u++) {
            for (int d = 0; d < 110; d++) {
                PortfolioSnapshot snap = new PortfolioSnapshot("u" + u, Instant.parse("2026-01-05T09:00:00Z")
                        .plusSeconds(86_400L * d + u), BigDecimal.valueOf(1_000 + d));
                (d < 10 ? first : second).add(snap);
            }
        }
        pg.ingestSnapshots(first);
        new ClickHouseSync(pgDs, pgUrl, ch, 10_000).syncNow();
        long firstMax = pgLong("SELECT max(seq) FROM cift_snapshots");
        pg.ingestSnapshots(second);
        // ClickHouse is killed (a graceful stop waits for the copy to finish) while the small batches of new rows are
        // copied;
        // a crash after ClickHouse took the first rows but before the watermark moved: they are copied again
        try (Connection c = pgDs.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE cift_sync_state SET last_seq = 0");
        }
        ClickHouseSync sync = new ClickHouseSync(pgDs, pgUrl, ch, 10);
        CompletableFuture<SyncStatus> run = CompletableFuture.supplyAsync(sync::syncNow);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pgLong("SELECT coalesce(max(last_seq), 0) FROM cift_sync_state WHERE table_name = 'cift_snapshots'")
                    <= firstMax && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(run).as("still copying new rows when ClickHouse dies").isNotDone();
            TestServers.killClickHouse(engine());
            assertThatThrownBy(run::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BackendUnavailableException.class);
        } finally {
            TestServers.startClickHouse(engine());
        }
        assertThat(pgLong("SELECT count(*) FROM cift_sync_state WHERE table_name = 'cift_snapshots' AND dedup_pending"))
                .as("the mark survived the failure").isEqualTo(1);
        SyncStatus s = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (s == null) {
            try {
                s = sync.syncNow();
            } catch (BackendUnavailableException starting) {
                if (System.nanoTime() > deadline) {
                    throw starting;
                }
                Thread.sleep(200);
            }
        }
        assertThat(s.caughtUp()).isTrue();
        assertThat(chLong("SELECT count() FROM cift_snapshots")).as("no replayed row left twice").isEqualTo(11_000);
        assertThat(pgLong("SELECT count(*) FROM cift_sync_state WHERE dedup_pending")).isZero();
    }
}
