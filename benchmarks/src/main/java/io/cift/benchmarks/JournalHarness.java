package io.cift.benchmarks;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.FsyncPolicy;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The durable engine's costs, side by side in one JVM on the shared workload (parsed beforehand):
 * <ul>
 *   <li>{@code throughput}: commands/s of the bare engine and of the durable engine (fsync per batch,
 *       none), with and without an asynchronous consumer (of trades, of every event making the order feed, of
 *       every event only counting them), alternating, median of the runs; the matching thread's CPU time per
 *       command and bytes allocated per command;</li>
 *   <li>{@code latency RATE SECONDS}: command submitted to command durable (group commit), paced at RATE
 *       commands/s, as an HdrHistogram;</li>
 *   <li>{@code recovery N EVERY}: journals N commands (the workload repeated under new symbols) with a
 *       snapshot every EVERY, then times opening it (to a ready engine) and a read-only recovery
 *       without snapshots.</li>
 * </ul>
 * Usage: {@code JournalHarness WORKLOAD.csv throughput RUNS | latency RATE SECONDS | recovery N EVERY}.
 * Journals go to a temporary directory under {@code cift.bench.dir} (default the working directory).
 * The variants whose names end in "pinned" pin the matching thread to the CPUs of {@code -Dcift.bench.pin}
 * while a pass is timed (with {@code taskset}, Linux only); the engine's own threads stay free.
 */
public final class JournalHarness {

    private JournalHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.load(Path.of(args[0]));
        Path base = Files.createTempDirectory(Path.of(System.getProperty("cift.bench.dir", ".")), "journal-bench");
        try {
            switch (args[1]) {
                case "throughput" -> throughput(w, base, Integer.parseInt(args[2]));
                case "latency" -> latency(w, base, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "recovery" -> recovery(w, base, Long.parseLong(args[2]), Long.parseLong(args[3]));
                default -> throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        } finally {
            deleteTree(base);
        }
    }

    /** CPUs for the matching thread of the pinned variants while they are timed ({@code taskset} list syntax). */
    private static final String PIN = System.getProperty("cift.bench.pin");
    /** With {@code -Dcift.bench.verbose=true}, every pass is printed as it ends (warm-up rounds too). */
    private static final boolean VERBOSE = Boolean.getBoolean("cift.bench.verbose");
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One timed pass: wall nanos, matching-thread CPU nanos, matching-thread bytes allocated. */
    private record Pass(long wall, long cpu, long bytes) {
    }

    private static Pass bare(Workload w, boolean pinned) {
        TradeChecker checker = new TradeChecker();
        MatchingEngine e = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(8192)
                .listener(checker).build());
        return timed(w, e, pinned, () -> checker.verify(w));
    }

    /**
     * The bare engine while another thread of the JVM spins for the whole pass, either on arithmetic in registers
     * (no memory it shares, no I/O: what the matching thread loses merely because the other core is busy, as it
     * is whenever the journal writer or a consumer runs) or, with {@code memory}, streaming through 64 MiB of its
     * own (what the caches and memory shared between the cores cost it).
     */
    private static Pass bareBesideBusyThread(Workload w, boolean memory) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        long[] sink = new long[1];
        Thread busy = new Thread(memory ? () -> {
            // reads and writes 64 MiB a line at a time, about what the journal writer streams for a few million
            // commands: the ring's lines, the batch, the kernel's copy into the page cache
            long[] big = new long[8 << 20];
            long a = 0;
            while (!stop.get()) {
                for (int i = 0; i < big.length; i += 8) {
                    a += big[i];
                    big[i] = a;
                }
            }
            sink[0] = a;
        } : () -> {
            long a = 1;
            long b = 2;
            while (!stop.get()) {
                for (int i = 0; i < 1_000_000; i++) {
                    a = a * 6364136223846793005L + b;
                    b ^= a >>> 7;
                }
            }
            sink[0] = a + b;
        }, "busy");
        busy.setDaemon(true);
        busy.start();
        try {
            return bare(w, false);
        } finally {
            stop.set(true);
            try {
                busy.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Pass durable(Workload w, Path dir, FsyncPolicy fsync, boolean consumer) {
        return durable(w, dir, fsync, consumer, false, false);
    }

    /** With {@code feed}: a consumer of every event kind making the order feed (into a counter), as a feed publisher would. */
    private static Pass durable(Workload w, Path dir, FsyncPolicy fsync, boolean consumer, boolean feed, boolean pinned) {
        TradeChecker checker = new TradeChecker();
        DurableEngineConfig.Builder b = config(dir, fsync).engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).build());
        long[] trades = new long[1];
        long[] messages = new long[1];
        if (feed) {
            io.cift.core.feed.OrderFeed of = new io.cift.core.feed.OrderFeed(m -> messages[0]++, 0);
            b.consumer("feed", EnumSet.allOf(EngineEvent.Kind.class), of.handler());
            b.engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build());
        } else if (consumer) {
            b.consumer("trades", EnumSet.of(EngineEvent.Kind.TRADE), (ev, end) -> trades[0]++);
        } else {
            b.engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build());
        }
        DurableEngine e = DurableEngine.open(b.build());
        Pass p = timed(w, e, pinned, () -> {
            e.close();   // durable, consumers done
            if (consumer && trades[0] != w.expectedTrades && w.expectedTrades >= 0) {
                throw new IllegalStateException("consumer saw " + trades[0] + " trades, expected " + w.expectedTrades);
            }
            if (!consumer || feed) {
                checker.verify(w);
            }
            if (feed && messages[0] == 0) {
                throw new IllegalStateException("the feed consumer made no message");
            }
        });
        return p;
    }

    /** The durable engine's settings every variant shares, from the {@code cift.bench.*} properties. */
    private static DurableEngineConfig.Builder config(Path dir, FsyncPolicy fsync) {
        return DurableEngineConfig.builder(dir).fsync(fsync).snapshotEvery(Long.getLong("cift.bench.snapshotEvery", 1_000_000))
                .journalBufferBytes(Integer.getInteger("cift.bench.journalBuffer", DurableEngineConfig.DEFAULT_JOURNAL_BUFFER_BYTES))
                .eventRingSize(Integer.getInteger("cift.bench.eventRing", DurableEngineConfig.DEFAULT_EVENT_RING_SIZE))
                .writerGather(java.time.Duration.ofNanos(1000 * Long.getLong("cift.bench.writerGatherMicros",
                        DurableEngineConfig.DEFAULT_WRITER_GATHER.toNanos() / 1000)));
    }

    /**
     * The durable engine, fsync none, with the order feed made by a journal follower: a copy of the engine that replays
     * the journal on its own thread, so that the matching thread hands over no event for it.
     */
    private static Pass feedFollower(Workload w, Path dir) {
        TradeChecker checker = new TradeChecker();
        long[] messages = new long[1];
        io.cift.core.feed.OrderFeed feed = new io.cift.core.feed.OrderFeed(m -> messages[0]++, 0);
        DurableEngine e = DurableEngine.open(config(dir, FsyncPolicy.NONE).follower("feed", feed.handler())
                .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build()).build());
        return timed(w, e, false, () -> {
            e.close();   // durable, the follower done
            checker.verify(w);
            if (messages[0] == 0) {
                throw new IllegalStateException("the feed follower made no message");
            }
        });
    }

    /** The durable engine, fsync none, without a consumer, its writer coming back at once after every batch. */
    private static Pass notGathering(Workload w, Path dir) {
        TradeChecker checker = new TradeChecker();
        DurableEngine e = DurableEngine.open(config(dir, FsyncPolicy.NONE).writerGather(java.time.Duration.ZERO)
                .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build()).build());
        return timed(w, e, false, () -> {
            e.close();
            checker.verify(w);
        });
    }

    /**
     * A consumer of every event kind that only counts them: what handing over every event costs the matching
     * thread, apart from the work a consumer such as the feed then does with them.
     */
    private static Pass everyEvent(Workload w, Path dir) {
        TradeChecker checker = new TradeChecker();
        long[] events = new long[1];
        DurableEngine e = DurableEngine.open(config(dir, FsyncPolicy.NONE)
                .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(checker).build())
                .consumer("every-event", EnumSet.allOf(EngineEvent.Kind.class), (ev, end) -> events[0]++).build());
        return timed(w, e, false, () -> {
            e.close();   // durable, consumers done
            checker.verify(w);
            if (events[0] != e.events()) {
                throw new IllegalStateException("the consumer saw " + events[0] + " events of " + e.events());
            }
        });
    }

    /**
     * Pins the calling thread to {@code cpus} with {@code taskset}. Only the timed loop is pinned: the engine's
     * own threads, started when it opens, inherit the affinity of the thread that opens it, and stay free.
     */
    private static void pin(String cpus) {
        try {
            String task = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process p = new ProcessBuilder("taskset", "-pc", cpus, task).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset -pc " + cpus + " " + task + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run taskset to pin the matching thread: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the matching thread", e);
        }
    }

    private static Pass timed(Workload w, MatchingEngine e, boolean pinned, Runnable finish) {
        if (!pinned) {
            return timed0(w, e, finish);
        }
        if (PIN == null) {
            throw new IllegalArgumentException("a pinned variant needs -Dcift.bench.pin=CPUS");
        }
        String allowed = allowedCpus();
        pin(PIN);
        try {
            return timed0(w, e, finish);
        } finally {
            pin(allowed);
        }
    }

    /** The CPUs the calling thread may run on now, as {@code taskset} lists them. */
    private static String allowedCpus() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/thread-self/status"))) {
            return lines.filter(l -> l.startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Cpus_allowed_list in /proc/thread-self/status"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the thread's CPUs from /proc/thread-self/status: " + e, e);
        }
    }

    private static Pass timed0(Workload w, MatchingEngine e, Runnable finish) {
        long tid = Thread.currentThread().getId();
        long[] s0 = VERBOSE ? schedCounts() : null;
        long a0 = MX.getThreadAllocatedBytes(tid);
        long c0 = MX.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        if (w.symbols.length > 1) {
            for (int i = 0; i < w.size; i++) {
                w.apply(e, w.symbols[w.symbol[i]], i);
            }
        } else {
            for (int i = 0; i < w.size; i++) {
                w.apply(e, "SYM", i);
            }
        }
        long c1 = MX.getCurrentThreadCpuTime();
        long a1 = MX.getThreadAllocatedBytes(tid);
        if (VERBOSE) {
            long[] s1 = schedCounts();
            System.out.printf(Locale.ROOT, "  matching thread: %d migrations, %d involuntary switches%n", s1[0] - s0[0],
                    s1[1] - s0[1]);
        }
        finish.run();
        long t1 = System.nanoTime();
        return new Pass(t1 - t0, c1 - c0, a1 - a0);
    }

    /** The calling thread's CPU migrations and involuntary context switches so far (Linux), or zeros. */
    private static long[] schedCounts() {
        long[] c = new long[2];
        try (Stream<String> lines = Files.lines(Path.of("/proc/thread-self/sched"))) {
            lines.forEach(l -> {
                if (l.startsWith("se.nr_migrations")) {
                    c[0] = Long.parseLong(l.substring(l.indexOf(':') + 1).strip());
                } else if (l.startsWith("nr_involuntary_switches")) {
                    c[1] = Long.parseLong(l.substring(l.indexOf(':') + 1).strip());
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux, or another format: zeros
        }
        return c;
    }

    private static void throughput(Workload w, Path base, int runs) throws IOException {
        Map<String, List<Pass>> results = new LinkedHashMap<>();
        String[] names = java.util.Arrays.copyOf(names0(), 6);   // the pinned variants only when asked for
        String only = System.getProperty("cift.bench.variants");   // e.g. "0,1,3": run only these (by position)
        if (only != null) {
            names = java.util.Arrays.stream(only.split(",")).mapToInt(Integer::parseInt).mapToObj(i -> names0()[i])
                    .toArray(String[]::new);
        }
        for (String n : names) {
            results.put(n, new ArrayList<>());
        }
        for (int run = -2; run < runs; run++) {   // two warm-up rounds
            int k = 0;
            for (String n : names) {
                Path dir = base.resolve("t" + run + "-" + k++);
                Pass p = switch (n) {
                    case "bare engine" -> bare(w, false);
                    case "bare engine, pinned" -> bare(w, true);
                    case "durable, fsync batch, pinned" -> durable(w, dir, FsyncPolicy.BATCH, false, false, true);
                    case "durable, fsync batch" -> durable(w, dir, FsyncPolicy.BATCH, false);
                    case "durable, fsync batch, trade consumer" -> durable(w, dir, FsyncPolicy.BATCH, true);
                    case "durable, fsync none" -> durable(w, dir, FsyncPolicy.NONE, false);
                    case "durable, fsync none, feed consumer" -> durable(w, dir, FsyncPolicy.NONE, false, true, false);
                    case "durable, fsync none, every-event counter" -> everyEvent(w, dir);
                    case "bare engine, another thread busy" -> bareBesideBusyThread(w, false);
                    case "bare engine, another thread streaming memory" -> bareBesideBusyThread(w, true);
                    case "durable, fsync none, writer not gathering" -> notGathering(w, dir);
                    case "durable, fsync none, feed follower" -> feedFollower(w, dir);
                    default -> durable(w, dir, FsyncPolicy.NONE, true);
                };
                deleteTree(dir);
                if (VERBOSE) {
                    System.out.printf(Locale.ROOT, "round %d  %-40s %6.1f ns/cmd  %6.2f M cmds/s%n", run, n,
                            p.cpu() / (double) w.size, w.size / (p.wall() / 1e3));
                }
                if (run >= 0) {
                    results.get(n).add(p);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-40s %12s %10s %14s %10s   %s%n", "variant (median of " + runs + ")", "M cmds/s",
                "vs bare", "match ns/cmd", "B/cmd", "match time / bare's, round by round: median (quartiles)");
        String first = results.keySet().iterator().next();
        for (Map.Entry<String, List<Pass>> r : results.entrySet()) {
            // a pinned variant against the pinned bare engine when that ran too, else against the first variant
            String bare = r.getKey().endsWith(", pinned") && results.containsKey("bare engine, pinned")
                    ? "bare engine, pinned" : first;
            double bareRate = w.size / (median(results.get(bare), Pass::wall) / 1e9) / 1e6;
            double bareCpu = median(results.get(bare), Pass::cpu) / (double) w.size;
            double rate = w.size / (median(r.getValue(), Pass::wall) / 1e9) / 1e6;
            double cpu = median(r.getValue(), Pass::cpu) / (double) w.size;
            double bytes = median(r.getValue(), Pass::bytes) / (double) w.size;
            System.out.printf(Locale.ROOT, "%-40s %12.2f %9.2fx %9.0f (%4.2fx) %10.2f   %s%n", r.getKey(), rate, rate / bareRate,
                    cpu, cpu / bareCpu, bytes, pairedRatio(r.getValue(), results.get(bare)));
        }
    }

    /**
     * The matching thread's time of a variant over the bare engine's in the same round (the two passes seconds
     * apart), as the median and quartiles over the rounds: steadier than the ratio of the medians when the machine
     * drifts between rounds.
     */
    private static String pairedRatio(List<Pass> variant, List<Pass> bare) {
        double[] r = new double[variant.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = variant.get(i).cpu() / (double) bare.get(i).cpu();
        }
        java.util.Arrays.sort(r);
        return String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", r[r.length / 2], r[r.length / 4], r[3 * r.length / 4]);
    }

    private static String[] names0() {
        return new String[]{"bare engine", "durable, fsync batch", "durable, fsync batch, trade consumer",
                "durable, fsync none", "durable, fsync none, trade consumer", "durable, fsync none, feed consumer",
                "bare engine, pinned", "durable, fsync batch, pinned", "durable, fsync none, every-event counter",
                "bare engine, another thread busy", "durable, fsync none, writer not gathering",
                "bare engine, another thread streaming memory", "durable, fsync none, feed follower"};
    }

    private static double median(List<Pass> ps, java.util.function.ToLongFunction<Pass> f) {
        long[] v = ps.stream().mapToLong(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /**
     * Paces commands at {@code rate} on the matching thread: it naps (parkNanos, about 50 µs here), then
     * sends every command that fell due meanwhile and stamps every command that became durable. Latency
     * runs from a command's due time (so a late send counts against it) to the first moment the thread
     * saw it durable (so the nap can add up to one nap to it).
     */
    private static void latency(Workload w, Path base, int rate, int seconds) {
        int total = rate * seconds;
        long[] submitted = new long[total + 1];
        long[] durableAt = new long[total + 1];
        DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(base.resolve("lat")).snapshotEvery(0)
                .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).build()).build());
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        int next = 1;
        long seen = 0;
        while (seen < total) {
            long now = System.nanoTime();
            long d = e.durableSequence();
            for (long s = seen + 1; s <= d; s++) {
                durableAt[(int) s] = now;
            }
            seen = Math.max(seen, d);
            long due;
            while (next <= total && (due = start + (long) ((next - 1) * interval)) <= now) {
                submitted[next] = due;
                w.apply(e, "SYM", (next - 1) % w.size);
                next++;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000);
        }
        e.close();
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        int skip = Math.min(total / 10, rate * 2);   // the first two seconds warm up
        for (int s = skip + 1; s <= total; s++) {
            h.recordValue(Math.max(0, durableAt[s] - submitted[s]));
        }
        System.out.printf(Locale.ROOT, "submitted->durable at %d cmds/s for %d s, fsync per batch, %d samples:%n",
                rate, seconds, h.getTotalCount());
        System.out.printf(Locale.ROOT, "  p50 %.1f us  p90 %.1f us  p99 %.1f us  p99.9 %.1f us  max %.1f us%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static void recovery(Workload w, Path base, long n, long every) {
        Path dir = base.resolve("rec");
        long t0 = System.nanoTime();
        long hash;
        try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(dir).snapshotEvery(every).fsync(FsyncPolicy.NONE)
                .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).build()).build())) {
            for (long c = 0; c < n; c++) {
                w.apply(e, "S" + (c / w.size), (int) (c % w.size));   // a new symbol per pass over the workload
            }
            hash = e.stateHash();
        }
        System.out.printf(Locale.ROOT, "journaled %d commands (snapshot every %d) in %.1f s%n", n, every, (System.nanoTime() - t0) / 1e9);
        for (int run = 0; run < 5; run++) {
            long s0 = System.nanoTime();
            try (DurableEngine e = DurableEngine.open(DurableEngineConfig.builder(dir).snapshotEvery(0)
                    .engine(MatchingEngineConfig.builder().initialOrderCapacity(8192).build()).build())) {
                long s1 = System.nanoTime();
                if (e.stateHash() != hash) {
                    throw new IllegalStateException("recovered state differs");
                }
                System.out.printf(Locale.ROOT, "open with snapshots: %.0f ms to a ready engine (snapshot %d, %d commands replayed)%n",
                        (s1 - s0) / 1e6, e.recovery().snapshot() == null ? 0 : e.recovery().snapshot().sequence(),
                        e.recovery().commandsReplayed());
            }
            long r0 = System.nanoTime();
            io.cift.core.journal.Journal.Recovered r = recoverWithoutSnapshots(dir);
            long r1 = System.nanoTime();
            if (r.engine().stateHash() != hash) {
                throw new IllegalStateException("replayed state differs");
            }
            System.out.printf(Locale.ROOT, "replay without snapshots: %d commands in %.0f ms = %.2f M cmds/s%n",
                    r.report().commandsReplayed(), (r1 - r0) / 1e6, r.report().commandsReplayed() / ((r1 - r0) / 1e9) / 1e6);
        }
    }

    /** A read-only recovery of a copy of the journal without its snapshot files (segments are linked, not copied). */
    private static io.cift.core.journal.Journal.Recovered recoverWithoutSnapshots(Path dir) {
        Path bare = dir.resolveSibling("rec-no-snapshots");
        try {
            deleteTree(bare);
            Files.createDirectories(bare);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("snapshot-")) {
                        Files.createLink(bare.resolve(name), p);
                    }
                }
            }
            return io.cift.core.journal.Journal.recover(bare);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
