package io.cift.messaging.metrics;

import io.cift.messaging.JetStreamOrderEvents;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of a JetStream event publisher (add {@code io.micrometer:micrometer-core}; the BOM
 * manages its version), read from the publisher's counters when the registry asks (the publisher is
 * thread-safe, so from any thread).
 */
public final class JetStreamMetrics implements MeterBinder {

    /** Events the server acknowledged (counter). */
    public static final String PUBLISHED = "cift.events.published";
    /** First publishes acknowledged as duplicates: another publisher used the same id (counter). */
    public static final String DUPLICATES = "cift.events.duplicates";
    /** Events dropped under the drop back-pressure policy (counter). */
    public static final String DROPPED = "cift.events.dropped";
    /** Publishes retried after no acknowledgement (counter). */
    public static final String RETRIED = "cift.events.retried";
    /** Events sent and not yet acknowledged (gauge). */
    public static final String IN_FLIGHT = "cift.events.in.flight";
    /** Publishes refused for lack of room under the back-pressure policy (counter). */
    public static final String FAILED = "cift.events.failed";
    /** Stored events a durable consumer has not been delivered yet, tagged {@code consumer} (gauge). */
    public static final String CONSUMER_PENDING = "cift.events.consumer.pending";

    private final JetStreamOrderEvents events;
    private final Tags tags;
    private final java.util.List<String> consumers = new java.util.ArrayList<>();

    /**
     * Meters for one publisher.
     *
     * @param events the publisher
     * @param extraTags tags added to every meter
     */
    public JetStreamMetrics(JetStreamOrderEvents events, Tag... extraTags) {
        this.events = Objects.requireNonNull(events, "events");
        this.tags = Tags.of(extraTags);
    }

    /**
     * Also measures a durable consumer's backlog (one request to the server per reading).
     *
     * @param durable the consumer's name
     * @return this
     */
    public JetStreamMetrics consumer(String durable) {
        consumers.add(Objects.requireNonNull(durable, "durable"));
        return this;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        counter(r, PUBLISHED, "events acknowledged", JetStreamOrderEvents::published);
        counter(r, DUPLICATES, "first publishes acknowledged as duplicates", JetStreamOrderEvents::duplicates);
        counter(r, DROPPED, "events dropped by back-pressure", JetStreamOrderEvents::dropped);
        counter(r, RETRIED, "publishes retried", JetStreamOrderEvents::retried);
        Gauge.builder(IN_FLIGHT, events, JetStreamOrderEvents::inFlight).description("events not yet acknowledged")
                .tags(tags).register(r);
        counter(r, FAILED, "publishes refused for lack of room", JetStreamOrderEvents::failed);
        for (String c : consumers) {
            Gauge.builder(CONSUMER_PENDING, events, e -> {
                try {
                    return e.pending(c);
                } catch (RuntimeException unavailable) {
                    return Double.NaN;            // the server cannot say now: no value rather than a wrong one
                }
            }).description("stored events the consumer has not been delivered").tags(tags.and("consumer", c)).register(r);
        }
    }

    private void counter(MeterRegistry r, String name, String description, ToDoubleFunction<JetStreamOrderEvents> f) {
        FunctionCounter.builder(name, events, f).description(description).tags(tags).register(r);
    }
}
