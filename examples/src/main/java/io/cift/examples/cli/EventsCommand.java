package io.cift.examples.cli;

import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.cift.messaging.OrderEventCodec;
import io.cift.messaging.OrderEventReader;
import io.cift.messaging.StoredEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cift events}: order events stored in NATS JetStream. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Order events on NATS JetStream.",
        subcommands = EventsCommand.Replay.class)
final class EventsCommand extends ParentCommand {

    /** {@code cift events replay}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Prints stored events as JSON lines (engine_id, seq, type, symbol, order_id, ...), in stream order.",
                    "Read-only: the stream must exist, and nothing about it is changed."})
    static final class Replay implements Callable<Integer> {
        @Option(names = "--nats", defaultValue = "nats://127.0.0.1:4222", paramLabel = "URL",
                description = "The server (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--from-seq", defaultValue = "1", paramLabel = "N", description = "First stream sequence number (default: 1).")
        long fromSeq;

        @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "Events at most (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--stream", defaultValue = JetStreamConfig.DEFAULT_STREAM, description = "Stream (default: ${DEFAULT-VALUE}).")
        String stream;

        @Option(names = "--subject-prefix", defaultValue = JetStreamConfig.DEFAULT_SUBJECT_PREFIX,
                description = "Subject prefix (default: ${DEFAULT-VALUE}).")
        String prefix;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
            }
            JetStreamConfig config = JetStreamConfig.builder().url(url).stream(stream).subjectPrefix(prefix).build();
            PrintWriter out = spec.commandLine().getOut();
            try (OrderEventReader j = JetStreamOrderEvents.reader(config)) {
                List<StoredEvent> events = j.replay(fromSeq, count);
                for (StoredEvent e : events) {
                    out.println(new String(OrderEventCodec.json().encode(e.event()), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            out.flush();
            return 0;
        }
    }
}
