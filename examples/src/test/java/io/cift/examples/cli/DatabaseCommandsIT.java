package io.cift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cift.analytics.PooledDataSource;
import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db migrate, ingest, sync and the --user analytics commands against the real servers, with nothing but
 * the two URLs configured (the ClickHouse driver is picked by the server's version).
 */
class DatabaseCommandsIT {

    /** @return the ClickHouse engine this class runs on (18.16 here; a subclass runs the current one) */
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.LEGACY;
    }

    @TempDir
    Path dir;
    private Path config;
    private String schema;
    private String db;

    @BeforeEach
    void databases() throws Exception {
        String pg = TestServers.postgresUrl();
        String ch = TestServers.clickhouseUrl(engine());
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schema = "cift_cli_" + id;
        db = "cift_cli_" + id;
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        clickhouse(ch, "CREATE DATABASE " + db);
        config = dir.resolve("cift.properties");
        Files.writeString(config, "cift.postgres.url=" + pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema + "\n"
                + "cift.clickhouse.url=" + ch.replace("/default", "/" + db) + "\n");
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl()); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        clickhouse(TestServers.clickhouseUrl(engine()), "DROP DATABASE IF EXISTS " + db);
    }

    /** One statement through a pool that picks the driver as the SDK does. */
    private static void clickhouse(String url, String sql) throws Exception {
        try (PooledDataSource ds = AnalyticsBackends.pooled(url, null, 1, Duration.ofSeconds(5));
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private CliRun run(String... args) {
        CliRun cli = new CliRun();
        int rc = cli.run(args);
        assertThat(rc).as("exit code of %s; stderr: %s", String.join(" ", args), cli.err).isZero();
        return cli;
    }

    @Test
    void ingestThenAnalyticsFromTheDatabasesMatchTheFileBasedCommands() throws IOException {
        Path values = dir.resolve("v.csv");
        Files.writeString(values, "date,total_value\n2026-01-05,100\n2026-01-06,110\n2026-01-07,99\n2026-01-08,108.9\n2026-01-09,112\n");
        Path trades = dir.resolve("t.csv");
        Files.writeString(trades, "trade_id,timestamp,symbol,side,quantity,price,fee\n"
                + "1,2026-01-05T10:00:00Z,A,BUY,10,100,1\n2,2026-01-05T10:01:00Z,A,BUY,10,110,1\n"
                + "3,2026-01-05T10:02:00Z,A,SELL,15,120,1.5\n4,2026-01-05T10:03:00Z,B,SELL,3,50,0\n");
        Path marks = dir.resolve("m.csv");
        Files.writeString(marks, "symbol,mark_price\nA,100\nB,45\n");
        String cfg = config.toString();

        assertThat(run("db", "migrate", "--config", cfg).out.toString()).contains("schema versions applied: 3");
        assertThat(run("db", "migrate", "--config", cfg).out.toString()).contains("already current");
        assertThat(run("ingest", "snapshots", "--user", "o'hara", "--values", values.toString(), "--config", cfg).out.toString())
                .contains("rows written to postgresql: 5", "synced to clickhouse: 5 rows, lag 0 rows");
        assertThat(run("ingest", "trades", "--user", "o'hara", "--trades", trades.toString(), "--no-sync", "--config", cfg)
                .out.toString()).contains("rows written to postgresql: 4").doesNotContain("synced");
        assertThat(run("sync", "--config", cfg).out.toString()).contains("rows copied 4, lag 0 rows");

        ObjectMapper json = new ObjectMapper();
        JsonNode fromFile = json.readTree(run("analytics", "performance", "--values", values.toString(), "--json").out.toString());
        for (String backend : new String[]{"auto", "postgres", "clickhouse"}) {
            JsonNode fromDb = json.readTree(run("analytics", "performance", "--user", "o'hara", "--backend", backend,
                    "--json", "--config", cfg).out.toString());
            assertThat(fromDb.get("backend").asText()).isEqualTo(backend.equals("clickhouse") ? "clickhouse" : "postgresql");
            ((ObjectNode) fromDb).remove("backend");
            assertThat(fromDb).as("same JSON as the file-based command, backend %s", backend).isEqualTo(fromFile);
        }
        JsonNode pnlFile = json.readTree(run("analytics", "pnl", "--trades", trades.toString(), "--marks", marks.toString(),
                "--json").out.toString());
        JsonNode pnlDb = json.readTree(run("analytics", "pnl", "--user", "o'hara", "--marks", marks.toString(),
                "--backend", "clickhouse", "--json", "--config", cfg).out.toString());
        assertThat(pnlDb.get("backend").asText()).isEqualTo("clickhouse");
        assertThat(pnlDb.get("totals").get("total_pnl").decimalValue())
                .isEqualByComparingTo(pnlFile.get("totals").get("total_pnl").decimalValue());
        assertThat(pnlDb.get("by_symbol").get("A").get("realized_pnl").decimalValue()).isEqualByComparingTo("246.5");
    }

    @Test
    void anUnreachableServerIsOneLineNamingItAndItsUrl() throws IOException {
        Files.writeString(config, "cift.postgres.url=jdbc:postgresql://127.0.0.1:1/postgres?user=postgres\n");
        CliRun cli = new CliRun();
        assertThat(cli.run("db", "migrate", "--config", config.toString())).isEqualTo(1);
        String err = cli.err.toString().strip();
        assertThat(err).doesNotContain("\n").doesNotContain("Exception")
                .contains("postgresql at jdbc:postgresql://127.0.0.1:1/postgres");
    }

    /** A trade refused in the second batch is named by its line in the file, with what was already written. */
    @Test
    void aRefusedRowInALaterBatchIsNamedByItsFileLine() throws IOException {
        run("db", "migrate", "--config", config.toString());
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "trade_id,timestamp,symbol,side,quantity,price,fee\n11000,2026-01-05T10:00:00Z,A,BUY,1,100,0\n");
        run("ingest", "trades", "--user", "u", "--trades", first.toString(), "--no-sync", "--config", config.toString());
        StringBuilder t = new StringBuilder("trade_id,timestamp,symbol,side,quantity,price,fee\n");
        for (int id = 1; id <= 12_000; id++) {
            // trade 11000 (file line 11001, in the second batch) says something else than the one stored
            t.append(id).append(",2026-01-05T10:00:00Z,A,BUY,").append(id == 11_000 ? 2 : 1).append(",100,0\n");
        }
        Path second = dir.resolve("second.csv");
        Files.writeString(second, t);
        CliRun cli = new CliRun();
        assertThat(cli.run("ingest", "trades", "--user", "u", "--trades", second.toString(), "--no-sync", "--config",
                config.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains(second + " line 11001", "lines up to 10001 are written");
    }
}
