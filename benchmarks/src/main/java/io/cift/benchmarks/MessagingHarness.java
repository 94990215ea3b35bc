package io.cift.benchmarks;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamOrderEvents;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.OrderEventCodec;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Order events on NATS JetStream (loopback): asynchronous publish rate, and publish-to-consume latency
 * through a JetStream push consumer at a steady rate below saturation, for CIFT in both confirmation modes and
 * for plain jnats with the same payloads, with and without message ids. Usage:
 * {@code java -cp benchmarks.jar io.cift.benchmarks.MessagingHarness [events] [latencyEvents] [ratePerSecond]}
 * with {@code CIFT_NATS_URL} (default nats://127.0.0.1:4222); {@code events} 0 skips the publish-rate part and
 * {@code latencyEvents} 0 the latency part;
 * {@code -Dcift.bench.latencyRuns=N} repeats the latency part, {@code -Dcift.bench.duplicateWindows=PT2M,PT30S}
 * compares the streams' duplicate windows there, {@code -Dcift.bench.variants=PER_EVENT,WINDOWS} picks the
 * latency variants, and {@code -Dcift.bench.replicas=3} gives each stream three copies (on a cluster, with
 * {@code CIFT_NATS_URL} listing its servers). Each run uses fresh streams and deletes them.
 */
public final class MessagingHarness {

    /** Every run publishes as a new engine, so that runs never collide on message ids. */
    private static final String ENGINE_ID = "bench-" + java.util.UUID.randomUUID();

    /** The streams' duplicate windows compared in the latency runs ({@code -Dcift.bench.duplicateWindows=PT2M,PT30S}). */
    private static final List<Duration> DUPLICATE_WINDOWS = Arrays.stream(System.getProperty(
            "cift.bench.duplicateWindows", JetStreamConfig.builder().build().duplicateWindow().toString()).split(","))
            .map(Duration::parse).toList();

    /** Copies of each stream ({@code -Dcift.bench.replicas=3} on a cluster; {@code CIFT_NATS_URL} lists its servers). */
    private static final int REPLICAS = Integer.getInteger("cift.bench.replicas", 1);
    /** Which latency variants run ({@code -Dcift.bench.variants=PER_EVENT,WINDOWS}; default all). */
    private static final List<Variant> VARIANTS = Arrays.stream(System.getProperty("cift.bench.variants",
            "PER_EVENT,WINDOWS,JNATS,JNATS_NO_ID").split(",")).map(Variant::valueOf).toList();

    private MessagingHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args optional event counts and rate
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int latencyEvents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        String url = System.getenv().getOrDefault("CIFT_NATS_URL", "nats://127.0.0.1:4222");
        System.out.printf(Locale.ROOT, "NATS %s, %d replica(s), binary codec, java %s%n", url, REPLICAS,
                System.getProperty("java.version"));
        int window = Integer.getInteger("cift.bench.confirmEvery", 256);
        if (events > 0) {
            throughput(url, events / 5, 1, false);          // warm-up
            throughput(url, events / 5, window, false);
            for (int run = 1; run <= 3; run++) {           // the two modes alternate, so both see the same machine
                throughput(url, events, 1, true);
                throughput(url, events, window, true);
            }
        }
        int latencyRuns = latencyEvents > 0 ? Integer.getInteger("cift.bench.latencyRuns", 1) : 0;
        for (Variant v : latencyRuns > 0 ? VARIANTS : List.<Variant>of()) {   // warm-up
            latency(url, latencyEvents / 5, rate, v, window, DUPLICATE_WINDOWS.get(0), false);
        }
        for (int run = 1; run <= latencyRuns; run++) {      // alternating, as above
            for (Duration duplicates : DUPLICATE_WINDOWS) {
                for (Variant v : VARIANTS) {
                    latency(url, latencyEvents, rate, v, window, duplicates, true);
                }
            }
        }
    }

    /** What publishes in a latency run: CIFT in either mode, or jnats alone as the floor CIFT builds on. */
    private enum Variant {
        /** {@code JetStreamOrderEvents}, an acknowledgement per event. */
        PER_EVENT,
        /** {@code JetStreamOrderEvents} with {@code confirmEvery(window)}. */
        WINDOWS,
        /** Plain jnats {@code publishAsync} with the same payload and message id, no CIFT code. */
        JNATS,
        /** As {@link #JNATS} without the message id: what the server's duplicate tracking costs. */
        JNATS_NO_ID
    }

    private static OrderEvent event(long seq) {
        return new OrderEvent.Accepted(ENGINE_ID, seq, "SYM" + (seq & 7), seq, seq & 1023, (seq & 1) == 0 ? Side.BUY : Side.SELL,
                OrderType.LIMIT, TimeInForce.GTC, 10_000 + (seq & 63), 1 + (seq & 31));
    }

    private static String stream() {
        return "CIFT_BENCH_" + Long.toHexString(System.nanoTime());
    }

    private static void throughput(String url, int n, int confirmEvery, boolean print) throws Exception {
        String stream = stream();
        try (JetStreamOrderEvents j = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix("cift.bench." + stream.toLowerCase(Locale.ROOT)).maxInFlight(10_000).replicas(REPLICAS)
                .confirmEvery(confirmEvery).build())) {
            long t0 = System.nanoTime();
            for (long s = 1; s <= n; s++) {
                j.publish(event(s));
            }
            j.flush();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (print) {
                System.out.printf(Locale.ROOT, "async publish, confirmEvery %3d: %d events confirmed in %.2f s = %.0f events/s"
                        + " (stored %d, retried %d)%n", confirmEvery, n, secs, n / secs, j.storedCount(), j.retried());
            }
        } finally {
            delete(url, stream);
        }
    }

    private static void latency(String url, int n, int rate, Variant variant, int window, Duration duplicates,
            boolean print) throws Exception {
        String stream = stream();
        String prefix = "cift.lat." + stream.toLowerCase(Locale.ROOT);
        long[] sent = new long[n + 1];
        Histogram h = new Histogram(10_000_000_000L, 3);
        CountDownLatch done = new CountDownLatch(n);
        Connection nc = Nats.connect(new io.nats.client.Options.Builder().servers(url.split(","))
                .errorListener(new io.nats.client.ErrorListener() { }).build());
        try (JetStreamOrderEvents j = JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix(prefix).confirmEvery(variant == Variant.WINDOWS ? window : 1).replicas(REPLICAS)
                .duplicateWindow(duplicates).build())) {
            Dispatcher d = nc.createDispatcher();
            JetStreamSubscription sub = nc.jetStream().subscribe(prefix + ".>", d, m -> {
                long now = System.nanoTime();
                OrderEvent e = OrderEventCodec.binary().decode(m.getData());
                h.recordValue(Math.max(0, now - sent[(int) e.seq()]));
                done.countDown();
            }, true, PushSubscribeOptions.builder().stream(stream).ordered(true).build());
            JetStream bare = nc.jetStream();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int s = 1; s <= n; s++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);   // one wake-up per event: the pacing must not take a core
                }
                OrderEvent e = event(s);
                sent[s] = System.nanoTime();
                if (variant == Variant.JNATS || variant == Variant.JNATS_NO_ID) {
                    bare.publishAsync(prefix + ".SYM" + (s & 7) + ".accepted", OrderEventCodec.binary().encode(e),
                            variant == Variant.JNATS ? PublishOptions.builder().messageId(Long.toString(s)).build() : null);
                } else {
                    j.publish(e);
                }
                next += interval;
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(done.getCount() + " events never arrived");
            }
            d.unsubscribe(sub);
            if (print) {
                System.out.printf(Locale.ROOT, "publish-to-consume, %-11s duplicate window %-5s at %d events/s over %d"
                                + " events: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", variant,
                        duplicates.toString().substring(2), rate, n,
                        h.getValueAtPercentile(50) / 1e6,
                        h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
                        h.getMaxValue() / 1e6);
            }
        } finally {
            nc.close();
            delete(url, stream);
        }
    }

    private static void delete(String url, String stream) throws Exception {
        Connection nc = Nats.connect(new io.nats.client.Options.Builder().servers(url.split(",")).build());
        try {
            nc.jetStreamManagement().deleteStream(stream);
        } catch (Exception ignored) {
            // best effort
        } finally {
            nc.close();
        }
    }
}
