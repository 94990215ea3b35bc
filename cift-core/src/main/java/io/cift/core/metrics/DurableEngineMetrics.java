package io.cift.core.metrics;

import io.cift.core.book.ResultCode;
import io.cift.core.journal.DurableEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of a {@link DurableEngine} (add {@code io.micrometer:micrometer-core}; the BOM manages
 * its version). Every meter reads a counter the engine keeps anyway when the registry asks: nothing is
 * recorded per command, and the matching thread never calls the registry. Tagged {@code engine} with the
 * engine's id. Latency is sampled: one command in 1,024 is timed ({@link #COMMAND_LATENCY}); the journal's
 * forces are timed on the writer thread ({@link #FSYNC}); {@link #JOURNAL_LAG} (commands submitted but not
 * yet durable) shows a journal that falls behind.
 */
public final class DurableEngineMetrics implements MeterBinder {

    /** Commands journaled, over the engine's history (counter). */
    public static final String COMMANDS = "cift.engine.commands";
    /** Commands durable under the fsync policy (counter). */
    public static final String DURABLE = "cift.engine.commands.durable";
    /** Commands journaled but not yet durable (gauge). */
    public static final String JOURNAL_LAG = "cift.engine.journal.lag";
    /** Events produced (counter). */
    public static final String EVENTS = "cift.engine.events";
    /** Trades (counter). */
    public static final String TRADES = "cift.engine.trades";
    /** Quantity traded (counter). */
    public static final String VOLUME = "cift.engine.volume";
    /** Rejected commands, tagged {@code reason} with the result code, since the engine opened (counter). */
    public static final String REJECTS = "cift.engine.rejects";
    /** Events dropped under the drop lag policy (counter). */
    public static final String EVENTS_DROPPED = "cift.engine.events.dropped";
    /** Consumer calls that threw (counter). */
    public static final String CONSUMER_FAILURES = "cift.engine.consumer.failures";
    /** Synchronous listener calls that threw (counter). */
    public static final String LISTENER_FAILURES = "cift.engine.listener.failures";
    /** Matching time of one command in 1,024, timed on the matching thread (function timer: count and total). */
    public static final String COMMAND_LATENCY = "cift.engine.command.latency";
    /** The longest sampled command since the engine opened (time gauge). */
    public static final String COMMAND_LATENCY_MAX = "cift.engine.command.latency.max";
    /** The journal writer's forces to the disk (function timer: count and total). */
    public static final String FSYNC = "cift.engine.journal.fsync";

    private final DurableEngine engine;
    private final Tags tags;

    /**
     * Meters for one engine.
     *
     * @param engine the engine
     * @param extraTags tags added to every meter
     */
    public DurableEngineMetrics(DurableEngine engine, Tag... extraTags) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tags = Tags.of(extraTags).and("engine", engine.engineId());
    }

    @Override
    public void bindTo(MeterRegistry r) {
        counter(r, COMMANDS, "commands journaled", engine, DurableEngine::lastSequence);
        counter(r, DURABLE, "commands durable", engine, DurableEngine::durableSequence);
        Gauge.builder(JOURNAL_LAG, engine, e -> Math.max(0, e.lastSequence() - e.durableSequence()))
                .description("commands journaled but not yet durable").tags(tags).register(r);
        counter(r, EVENTS, "events produced", engine, DurableEngine::events);
        counter(r, TRADES, "trades", engine, DurableEngine::trades);
        counter(r, VOLUME, "quantity traded", engine, DurableEngine::volume);
        for (ResultCode code : ResultCode.values()) {
            if (code != ResultCode.ACCEPTED) {
                FunctionCounter.builder(REJECTS, engine, e -> e.rejects(code)).description("rejected commands by reason")
                        .tags(tags.and("reason", code.name())).register(r);
            }
        }
        counter(r, EVENTS_DROPPED, "events dropped by the drop lag policy", engine, DurableEngine::eventsDropped);
        counter(r, CONSUMER_FAILURES, "consumer calls that threw", engine, DurableEngine::consumerFailures);
        counter(r, LISTENER_FAILURES, "listener calls that threw", engine, DurableEngine::listenerFailures);
        FunctionTimer.builder(COMMAND_LATENCY, engine, e -> e.timings().sampledCommands(), e -> e.timings().sampledNanos(),
                TimeUnit.NANOSECONDS).description("matching time of sampled commands").tags(tags).register(r);
        TimeGauge.builder(COMMAND_LATENCY_MAX, engine, TimeUnit.NANOSECONDS, e -> e.timings().sampledMaxNanos())
                .description("the longest sampled command").tags(tags).register(r);
        FunctionTimer.builder(FSYNC, engine, e -> e.timings().fsyncs(), e -> e.timings().fsyncNanos(), TimeUnit.NANOSECONDS)
                .description("journal forces").tags(tags).register(r);
    }

    private void counter(MeterRegistry r, String name, String description, DurableEngine e,
                         java.util.function.ToDoubleFunction<DurableEngine> f) {
        FunctionCounter.builder(name, e, f).description(description).tags(tags).register(r);
    }
}
