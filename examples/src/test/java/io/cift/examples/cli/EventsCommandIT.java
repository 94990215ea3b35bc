package io.cift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** cift events replay against a real NATS server ({@link io.cift.core.testing.Servers#natsUrl()}). */
class EventsCommandIT {

    @Test
    void replayPrintsStoredEventsAsJsonLines() throws Exception {
        String url = io.cift.core.testing.Servers.natsUrl();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String stream = "CIFT_CLI_" + id;
        String prefix = "cift.cli" + id + ".orders";
        try (JetStreamOrderEvents j = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix(prefix).build())) {
            MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(j.engineListener("cli-it", 1)).build());
            engine.submit("AAA", 1, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
            engine.submit("AAA", 2, 8, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
            j.flush();
        }
        try {
            CliRun cli = new CliRun();
            assertThat(cli.run("events", "replay", "--nats", url, "--stream", stream, "--subject-prefix", prefix,
                    "--from-seq", "2", "--count", "10")).as(cli.err.toString()).isZero();
            String[] lines = cli.out.toString().strip().split("\n");
            assertThat(lines).hasSize(2);
            JsonNode trade = new ObjectMapper().readTree(lines[1]);
            assertThat(trade.get("seq").asLong()).isEqualTo(3);
            assertThat(trade.get("engine_id").asText()).isEqualTo("cli-it");
            assertThat(trade.get("type").asText()).isEqualTo("trade");
            assertThat(trade.get("symbol").asText()).isEqualTo("AAA");
            assertThat(trade.get("order_id").asLong()).isEqualTo(2);
            assertThat(new ObjectMapper().readTree(lines[0]).get("type").asText()).isEqualTo("accepted");
            // a read with another subject prefix changes nothing about the stream
            Connection nc = Nats.connect(url);
            try {
                var before = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
                CliRun other = new CliRun();
                assertThat(other.run("events", "replay", "--nats", url, "--stream", stream, "--subject-prefix", "x.y",
                        "--count", "1")).as(other.err.toString()).isZero();
                var after = nc.jetStreamManagement().getStreamInfo(stream).getConfiguration();
                assertThat(after.getSubjects()).isEqualTo(before.getSubjects()).containsExactly(prefix + ".>");
                assertThat(after.getMaxAge()).isEqualTo(before.getMaxAge());
                assertThat(after.getDuplicateWindow()).isEqualTo(before.getDuplicateWindow());
            } finally {
                nc.close();
            }
            CliRun missing = new CliRun();
            assertThat(missing.run("events", "replay", "--nats", url, "--stream", stream + "_NONE")).isEqualTo(1);
            assertThat(missing.err.toString()).contains("does not exist");
        } finally {
            Connection nc = Nats.connect(url);
            try {
                nc.jetStreamManagement().deleteStream(stream);
            } finally {
                nc.close();
            }
        }
    }
}
