package io.cift.examples.programs;

import io.cift.analytics.ScratchDatabases;
import io.cift.analytics.TestServers;
import io.cift.analytics.ticks.QuestDbTestServer;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each server-backed example program run against the real servers, its output checked. */
class ExampleProgramsIT {

    @RegisterExtension
    static final QuestDbTestServer QUESTDB = QuestDbTestServer.perClass();

    @TempDir
    Path dir;

    private static List<String> output(Consumer<PrintStream> program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        program.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void routedAnalyticsSayWhoServedAndFailOverWhenClickHouseStops() throws Exception {
        ScratchDatabases db = ScratchDatabases.create("cift_ex_");
        try {
            List<String> up = output(out -> RoutedAnalyticsExample.run(out, db.postgresUrl, db.clickhouseUrl));
            assertThat(up.get(0)).isEqualTo("sync: 60 rows copied, 0 behind");
            assertThat(up.get(1)).startsWith("30-day report of example-user: 30 days").endsWith("served by postgresql");
            assertThat(up.subList(2, up.size())).hasSize(2).allMatch(l -> l.endsWith("served by clickhouse"));
            // AAPL: the 20 days d not a multiple of 3, 10 + d each (500) at 189.50; MSFT: d = 0, 3, ..., 27 (235)
            assertThat(up.get(2)).startsWith("all users, AAPL: 20 trades, 94750 traded");
            assertThat(up.get(3)).startsWith("all users, MSFT: 10 trades, 44532.5 traded");

            TestServers.stopClickHouse(TestServers.ClickHouseEngine.LEGACY);
            List<String> down;
            try {
                down = output(out -> RoutedAnalyticsExample.run(out, db.postgresUrl, db.clickhouseUrl));
            } finally {
                TestServers.startClickHouse(TestServers.ClickHouseEngine.LEGACY);
            }
            assertThat(down).anyMatch(l -> l.startsWith("ClickHouse is unavailable"));
            assertThat(down).contains("sync: ClickHouse is unavailable; it catches up once it is back");
            assertThat(down.stream().filter(l -> l.startsWith("all users")).toList())
                    .as("the wide query failed over, same numbers")
                    .containsExactly(up.get(2).replace("clickhouse", "postgresql"), up.get(3).replace("clickhouse", "postgresql"));
            assertThat(down).contains(up.get(1));
        } finally {
            db.drop();
        }
    }

    @Test
    void jetStreamEventsAreProcessedOnceEvenWhenTheStreamIsReplayed() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String stream = "CIFT_EX_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        try {
            List<String> lines = output(out -> JetStreamEventsExample.run(out, url, stream, "cift.ex." + stream.toLowerCase()));
            assertThat(lines.get(0)).matches("engine \\S+ published (\\d+) events");
            long published = Long.parseLong(lines.get(0).replaceAll(".* published (\\d+) events", "$1"));
            // 20 orders: 20 accepted events, and every buy crossing a resting sell trades
            assertThat(published).isGreaterThan(20);
            assertThat(lines.get(1)).startsWith("consumer: " + published + " delivered, processed {ACCEPTED=20, TRADE=");
            assertThat(lines.get(2)).isEqualTo("replay of this run's events: 0 events processed again");
        } finally {
            Connection nc = Nats.connect(url);
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } finally {
                nc.close();
            }
        }
    }

    @Test
    void theRedisCacheServesTheSecondReportAndAWriteInvalidatesIt() {
        io.cift.core.testing.Servers.HostPort redis = io.cift.core.testing.Servers.redis(io.cift.core.testing.ServerImage.REDIS_7);
        String host = redis.host();
        int port = redis.port();
        List<String> lines = output(out -> RedisCacheExample.run(out, URI.create("redis://" + host + ":" + port)));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("first report: 20 days").endsWith("cache hits 0, misses 1");
        assertThat(lines.get(1)).startsWith("second report: 20 days").endsWith("cache hits 1, misses 1");
        assertThat(lines.get(1).substring(0, lines.get(1).indexOf(';')).replace("second", "first"))
                .isEqualTo(lines.get(0).substring(0, lines.get(0).indexOf(';')));
        assertThat(lines.get(2)).startsWith("after a new snapshot: 21 days").endsWith("cache hits 1, misses 2");
    }

    @Test
    void questDbGivesTheHandWorkedOneMinuteBars() {
        List<String> lines = output(out -> QuestDbBarsExample.run(out, QUESTDB.url(), Instant.parse("2024-03-01T09:30:00Z")));
        assertThat(lines).containsExactly(
                "wrote 6 ticks to questdb",
                // 100 x 10, 100.50 x 5: vwap 1502.5 / 15
                "2024-03-01T09:30:00Z open 100.00 high 100.50 low 100.00 close 100.50 volume 15 vwap 100.1667",
                // 99.75 x 20, 101 x 4: vwap 2399 / 24
                "2024-03-01T09:31:00Z open 99.75 high 101.00 low 99.75 close 101.00 volume 24 vwap 99.9583",
                // 101.25 x 8, 100.75 x 6: vwap 1414.5 / 14
                "2024-03-01T09:32:00Z open 101.25 high 101.25 low 100.75 close 100.75 volume 14 vwap 101.0357");
    }

    @Test
    void theDurableEngineKilledWithSigkillRecoversAndEndsWhereAnUninterruptedRunEnds() throws Exception {
        long commands = 400_000;
        Path journal = dir.resolve("journal");
        Path jar = Path.of("target", "cift.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", Files.exists(jar) ? jar.toString() : System.getProperty("java.class.path"),
                DurableEngineExample.class.getName(), journal.toString(), String.valueOf(commands)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long durableBeforeKill = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("durable through command ")) {
                    durableBeforeKill = Long.parseLong(line.substring("durable through command ".length()));
                    if (durableBeforeKill >= 250_000) {
                        child.destroyForcibly();          // SIGKILL, in the middle of the flow
                        break;
                    }
                }
                assertThat(line).as("the run ended before it was killed").doesNotStartWith("done:");
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(durableBeforeKill).as("the child reported durable progress").isGreaterThanOrEqualTo(250_000);

        List<String> lines = new ArrayList<>();
        long hash = DurableEngineExample.run(new PrintStream(new java.io.OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8), journal, commands);
        long recovered = Long.parseLong(lines.get(0).replaceAll("opened \\S+: (\\d+) commands recovered.*", "$1"));
        assertThat(recovered).as("every command reported durable survived the kill").isGreaterThanOrEqualTo(durableBeforeKill);
        assertThat(lines.get(0)).as("recovery starts from a snapshot (one every 100,000 commands)")
                .containsPattern("snapshot at command [12]00000");
        assertThat(lines.get(lines.size() - 1)).startsWith("done: " + commands + " commands");

        MatchingEngine reference = MatchingEngine.create(MatchingEngineConfig.builder()
                .symbols(DurableEngineExample.SYMBOL).build());
        for (long i = 1; i <= commands; i++) {
            DurableEngineExample.command(reference, i);
        }
        assertThat(hash).as("the same state as an engine that was never killed").isEqualTo(reference.stateHash());
    }
}
