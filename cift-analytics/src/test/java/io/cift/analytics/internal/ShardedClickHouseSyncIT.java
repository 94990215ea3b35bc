package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.Mark;
import io.cift.analytics.PooledDataSource;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.ScratchDatabases;
import io.cift.analytics.ShardedDatabase;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL to ClickHouse sync into the two-shard deployment: rows spread over both shards through
 * the Distributed tables, the reports equal PostgreSQL's, and a replay after a lost watermark is collapsed
 * on every shard ({@code OPTIMIZE ... ON CLUSTER ... FINAL}).
 */
class ShardedClickHouseSyncIT {

    private ScratchDatabases scratch;
    private ShardedDatabase shards;
    private PooledDataSource pgDs;
    private PooledDataSource chDs;
    private PostgresAnalyticsService pg;
    private ClickHouseAnalyticsService ch;

    @BeforeEach
    void databases() throws Exception {
        scratch = ScratchDatabases.create("cift_ss_");
        shards = ShardedDatabase.create("cift_ss_");
        pgDs = AnalyticsBackends.pooled(scratch.postgresUrl, null, 2, Duration.ofSeconds(5));
        chDs = AnalyticsBackends.pooled(shards.url(1), null, 2, Duration.ofSeconds(5));
        pg = new PostgresAnalyticsService(pgDs, scratch.postgresUrl);
        ch = new ClickHouseAnalyticsService(chDs, shards.url(1), ShardedDatabase.CLUSTER);
        pg.migrate();
        ch.migrate();
    }

    @AfterEach
    void drop() {
        pgDs.close();
        chDs.close();
        shards.close();
        scratch.drop();
    }

    @Test
    void theSyncFillsBothShardsAndAReplayIsCollapsedOnEveryShard() throws Exception {
        List<Trade> trades = new ArrayList<>();
        List<PortfolioSnapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String user = "user" + (i % 60);
            trades.add(new Trade(i, user, Instant.parse("2026-02-02T10:00:00Z").plusSeconds(i), "S" + (i % 4),
                    i % 3 == 0 ? Side.SELL : Side.BUY, BigDecimal.valueOf(1 + i % 5), new BigDecimal("20.25"), new BigDecimal("0.01")));
            snaps.add(new PortfolioSnapshot(user, Instant.parse("2026-02-02T10:00:00Z").plusSeconds(86_400L * (i / 60)),
                    BigDecimal.valueOf(1_000 + i)));
        }
        pg.ingestTrades(trades);
        pg.ingestSnapshots(snaps);
        pg.ingestMarks(List.of(new Mark("S0", new BigDecimal("21")), new Mark("S1", new BigDecimal("19.5")),
                new Mark("S2", new BigDecimal("20")), new Mark("S3", new BigDecimal("22.75"))));

        SyncStatus s = new ClickHouseSync(pgDs, scratch.postgresUrl, ch, 128).syncNow();
        assertThat(s.caughtUp()).isTrue();
        assertThat(s.rowsCopied()).isEqualTo(600 + 600 + 4);
        for (String table : List.of("cift_trades", "cift_snapshots")) {
            long one = shards.number(0, "SELECT count() FROM " + table + "_local");
            long two = shards.number(1, "SELECT count() FROM " + table + "_local");
            assertThat(one).as("%s on shard 1", table).isPositive();
            assertThat(two).as("%s on shard 2", table).isPositive();
            assertThat(one + two).as(table).isEqualTo(600);
        }
        assertThat(ch.tradeSummary(null, Map.of())).usingRecursiveComparison().ignoringFields("backend")
                .isEqualTo(pg.tradeSummary(null, Map.of()));
        assertThat(ch.pnl("user7", io.cift.analytics.PnlMethod.FIFO, Map.of())).usingRecursiveComparison()
                .ignoringFields("backend").isEqualTo(pg.pnl("user7", io.cift.analytics.PnlMethod.FIFO, Map.of()));

        // the watermark lost after ClickHouse took the rows (a crash): every row is copied again, then collapsed
        try (Connection c = pgDs.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE cift_sync_state SET last_seq = 0");
        }
        SyncStatus again = new ClickHouseSync(pgDs, scratch.postgresUrl, ch, 128).syncNow();
        assertThat(again.caughtUp()).isTrue();
        assertThat(again.rowsCopied()).as("replayed").isEqualTo(600 + 600 + 4);
        assertThat(shards.number(0, "SELECT count() FROM cift_trades_local")
                + shards.number(1, "SELECT count() FROM cift_trades_local")).as("no trade left twice on any shard")
                .isEqualTo(600);
        assertThat(shards.number(1, "SELECT count() FROM cift_snapshots")).as("through the Distributed table").isEqualTo(600);
        assertThat(ch.tradeSummary(null, Map.of())).usingRecursiveComparison().ignoringFields("backend")
                .isEqualTo(pg.tradeSummary(null, Map.of()));
    }
}
