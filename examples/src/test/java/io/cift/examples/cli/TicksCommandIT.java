package io.cift.examples.cli;

import io.cift.analytics.ticks.QuestDbTestServer;
import io.cift.core.testing.ServiceScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cift ticks} against a real QuestDB: in-process for the commands, and the standalone server
 * that {@code scripts/services.sh start questdb} runs. Expected bars are worked out by hand.
 */
class TicksCommandIT {

    /** Out of time order; ES 09:30 holds 100x10, 101x5, 99.5x20: notional 3495 over 35 = 99.857142857142857... */
    private static final String TICKS = """
            timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size
            2024-03-01T09:30:59.999999Z,ES,99.25,99.75,3,7,99.5,20
            2024-03-01T09:30:00Z,ES,99.75,100.25,3,7,100,10
            2024-03-01T09:33:10.000001Z,ES,102,102.5,3,7,102.25,8
            2024-03-01T09:30:15.25Z,ES,100.75,101.25,3,7,101,5
            2024-03-01T09:31:00.000000Z,ES,99.5,100,3,7,99.75,4
            2024-03-01T09:31:00Z,NQ,499.5,500.5,1,1,500,2
            """;
    private static final String BARS = """
            bar_start,open,high,low,close,volume,vwap
            2024-03-01T09:30:00Z,100,101,99.5,99.5,35,99.85714285714286
            2024-03-01T09:31:00Z,99.75,99.75,99.75,99.75,4,99.75
            2024-03-01T09:33:00Z,102.25,102.25,102.25,102.25,8,102.25
            """;
    private static final String LATEST = """
            timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size
            2024-03-01T09:31:00Z,NQ,499.5,500.5,1,1,500,2
            2024-03-01T09:33:10.000001Z,ES,102,102.5,3,7,102.25,8
            """;

    @RegisterExtension
    static final QuestDbTestServer server = QuestDbTestServer.perClass();

    @TempDir
    Path dir;

    private Path config(String url) throws IOException {
        Path p = dir.resolve("cift.properties");
        Files.writeString(p, "cift.questdb.url=" + url + "\n");
        return p;
    }

    private static String[] bars(String... more) {
        String[] base = {"ticks", "bars", "--symbol", "ES", "--interval", "1m", "--from", "2024-03-01T09:30:00Z",
                "--to", "2024-03-01T09:34:00Z"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void ingestThenBarsAndLatestFromQuestDbMatchTheEmbeddedStoreAndTheHandWorkedValues() throws IOException {
        Path file = dir.resolve("ticks.csv");
        Files.writeString(file, TICKS);
        String cfg = config(server.url() + "&table=cli_ticks").toString();

        CliRun ingest = new CliRun();
        assertThat(ingest.run("ticks", "ingest", "--file", file.toString(), "--config", cfg)).as(ingest.err.toString()).isZero();
        assertThat(ingest.out.toString()).startsWith("ingested 6 ticks from " + file + " into questdb ");

        CliRun q = new CliRun();
        assertThat(q.run(bars("--config", cfg))).as(q.err.toString()).isZero();
        assertThat(q.out.toString()).isEqualTo(BARS);

        CliRun e = new CliRun();
        assertThat(e.run(bars("--backend", "embedded", "--file", file.toString()))).as(e.err.toString()).isZero();
        assertThat(e.out.toString()).isEqualTo(BARS);

        // from inclusive, to exclusive: [09:30:15.25, 09:33:10.000001) leaves out T1 and T5
        CliRun edge = new CliRun();
        assertThat(edge.run("ticks", "bars", "--symbol", "ES", "--interval", "1m", "--from", "2024-03-01T09:30:15.250Z",
                "--to", "2024-03-01T09:33:10.000001Z", "--config", cfg)).isZero();
        assertThat(edge.out.toString()).isEqualTo("""
                bar_start,open,high,low,close,volume,vwap
                2024-03-01T09:30:00Z,101,101,99.5,99.5,25,99.8
                2024-03-01T09:31:00Z,99.75,99.75,99.75,99.75,4,99.75
                """);

        CliRun latest = new CliRun();
        assertThat(latest.run("ticks", "latest", "--symbols", "NQ,XX,ES", "--config", cfg)).isZero();
        assertThat(latest.out.toString()).isEqualTo(LATEST);
        assertThat(latest.err.toString()).contains("no ticks for XX");
    }

    @Test
    void aBadLineIsRefusedNamingLineAndFieldAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, TICKS + "2024-03-01T09:35:00Z,ES,NaN,100,1,1,100,1\n");
        String cfg = config(server.url() + "&table=cli_bad").toString();
        CliRun ingest = new CliRun();
        assertThat(ingest.run("ticks", "ingest", "--file", file.toString(), "--config", cfg)).isEqualTo(1);
        assertThat(ingest.err.toString()).contains("line 8: bid: must be a finite price, got NaN");
        CliRun q = new CliRun();
        assertThat(q.run(bars("--config", cfg))).isZero();
        assertThat(q.out.toString()).isEqualTo("bar_start,open,high,low,close,volume,vwap\n");

        CliRun badInterval = new CliRun();
        assertThat(badInterval.run("ticks", "bars", "--symbol", "ES", "--interval", "7m", "--from", "2024-03-01T09:30:00Z",
                "--to", "2024-03-01T09:34:00Z", "--config", cfg)).isEqualTo(2);
        assertThat(badInterval.err.toString()).contains("interval: must divide a day evenly", "'7m'");
        CliRun badTime = new CliRun();
        assertThat(badTime.run("ticks", "bars", "--symbol", "ES", "--from", "yesterday", "--to", "2024-03-01T09:34:00Z",
                "--config", cfg)).isEqualTo(2);
        assertThat(badTime.err.toString()).contains("--from: not an ISO-8601 UTC time", "'yesterday'");
    }

    @Test
    void servicesScriptRunsAStandaloneQuestDb() throws IOException {
        Map<String, String> env = Map.of("CIFT_QDB_HTTP_PORT", "19190", "CIFT_QDB_PG_PORT", "19191",
                "CIFT_QDB_ILP_PORT", "19192", "CIFT_QDB_MIN_PORT", "19193");
        ServiceScript.run(env, "start", "questdb");
        try {
            Path file = dir.resolve("ticks.csv");
            Files.writeString(file, TICKS);
            String cfg = config("http://127.0.0.1:19190?pg_port=19191&table=standalone_"
                    + Long.toString(System.nanoTime(), 36)).toString();
            CliRun ingest = new CliRun();
            assertThat(ingest.run("ticks", "ingest", "--file", file.toString(), "--config", cfg)).as(ingest.err.toString()).isZero();
            CliRun latest = new CliRun();
            assertThat(latest.run("ticks", "latest", "--symbols", "NQ,ES", "--config", cfg)).isZero();
            assertThat(latest.out.toString()).isEqualTo(LATEST);
        } finally {
            ServiceScript.run(env, "stop", "questdb");
        }
    }
}
