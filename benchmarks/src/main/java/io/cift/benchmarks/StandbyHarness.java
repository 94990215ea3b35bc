package io.cift.benchmarks;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.JournalReplica;
import io.cift.core.journal.StandbyEngine;
import io.cift.messaging.JetStreamConfig;
import io.cift.messaging.JetStreamJournal;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The replicated journal's cost and a hot standby's take-over, on the shared workload (its first N commands):
 * <ul>
 *   <li>throughput: the durable engine (fsync per batch) with its file journal alone, plus a JetStream
 *       replica on one server, plus a replica of three on the three-node cluster; each run from the first
 *       command to the last one durable, the variants alternating, median of the runs; every variant must end
 *       with the same state hash;</li>
 *   <li>take-over: a standby follows the three-way replica while the primary sends the N commands at full
 *       speed; the primary's connection is then cut, and the time from there to the standby's promotion
 *       and to its first command durable is measured, with how far the standby was behind at the cut.</li>
 * </ul>
 * Usage: {@code StandbyHarness WORKLOAD.csv N RUNS}, with {@code scripts/services.sh start nats nats-cluster}
 * running. Journals go to a temporary directory under {@code cift.bench.dir} (default the working directory);
 * the streams it creates are deleted.
 */
public final class StandbyHarness {

    private static final String ONE = "nats://127.0.0.1:4222";
    private static final String CLUSTER = "nats://127.0.0.1:14222,nats://127.0.0.1:14223,nats://127.0.0.1:14224";
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final MatchingEngineConfig ENGINE = MatchingEngineConfig.builder().initialOrderCapacity(8192).build();

    private StandbyHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args workload, commands, runs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.load(Path.of(args[0]));
        int n = Math.min(w.size, Integer.parseInt(args[1]));
        int runs = Integer.parseInt(args[2]);
        Path base = Files.createTempDirectory(Path.of(System.getProperty("cift.bench.dir", ".")), "standby-bench");
        try {
            throughput(w, n, runs, base);
            if (!Boolean.getBoolean("cift.bench.skipTakeOver")) {
                takeOver(w, n, runs, base);
            }
        } finally {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void throughput(Workload w, int n, int runs, Path base) throws Exception {
        String[] names = {"file journal", "+ replica, 1 server", "+ replica of 3, 3-node cluster"};
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String name : names) {
            rates.put(name, new ArrayList<>());
        }
        long hash = 0;
        for (int run = -1; run < runs; run++) {   // one warm-up round
            for (int k = 0; k < names.length; k++) {
                String stream = k == 0 ? null : stream();
                String url = k == 1 ? ONE : CLUSTER;
                DurableEngineConfig.Builder b = DurableEngineConfig.builder(base.resolve("t" + run + "-" + k)).engine(ENGINE)
                        .engineId("bench").snapshotEvery(0);
                if (stream != null) {
                    b.replica(replica(url, stream, k == 1 ? 1 : 3));
                }
                try (DurableEngine e = DurableEngine.open(b.build())) {
                    long t0 = System.nanoTime();
                    send(w, e, 0, n);
                    if (!e.awaitDurable(e.lastSequence(), WAIT)) {
                        throw new IllegalStateException(names[k] + ": not durable within " + WAIT);
                    }
                    double rate = n / ((System.nanoTime() - t0) / 1e9);
                    if (hash == 0) {
                        hash = e.stateHash();
                    } else if (hash != e.stateHash()) {
                        throw new IllegalStateException(names[k] + " ended in another state");
                    }
                    if (run >= 0) {
                        rates.get(names[k]).add(rate);
                    }
                } finally {
                    if (stream != null) {
                        deleteStream(url, stream);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %16s %10s%n", "journal (median of " + runs + ", " + n + " commands)",
                "commands/s", "vs file");
        double file = median(rates.get(names[0]));
        for (Map.Entry<String, List<Double>> r : rates.entrySet()) {
            double m = median(r.getValue());
            System.out.printf(Locale.ROOT, "%-34s %,16.0f %9.2fx%n", r.getKey(), m, m / file);
        }
    }

    private static void takeOver(Workload w, int n, int runs, Path base) throws Exception {
        for (boolean caughtUp : new boolean[] {true, false}) {
            List<Double> promote = new ArrayList<>();
            List<Double> firstDurable = new ArrayList<>();
            List<Long> behind = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String stream = stream();
                JournalReplica primaryReplica = replica(CLUSTER, stream, 3);
                DurableEngine primary = DurableEngine.open(DurableEngineConfig.builder(base.resolve("p" + caughtUp + run))
                        .engine(ENGINE).engineId("bench").snapshotEvery(0).replica(primaryReplica)
                        .replicaTimeout(Duration.ofSeconds(1)).build());   // closing it after the cut waits no longer
                try (StandbyEngine standby = DurableEngine.standby(DurableEngineConfig.builder(base.resolve("s" + caughtUp + run))
                        .engine(ENGINE).engineId("bench").snapshotEvery(0).replica(replica(CLUSTER, stream, 3)).build())) {
                    send(w, primary, 0, n - 1);
                    long sent = primary.lastSequence();
                    if (caughtUp && (!primary.awaitDurable(sent, WAIT) || !standby.awaitApplied(sent, WAIT))) {
                        throw new IllegalStateException("the standby did not catch up");
                    }
                    primaryReplica.close();   // the primary's connection is cut: what it sent and was not stored is lost
                    long t0 = System.nanoTime();
                    behind.add(sent - standby.appliedSequence());
                    DurableEngine promoted = standby.promote(WAIT);
                    long t1 = System.nanoTime();
                    ResultCode rc = w.apply(promoted, "SYM", (int) promoted.lastSequence());
                    if (rc == ResultCode.JOURNAL_UNAVAILABLE || !promoted.awaitDurable(promoted.lastSequence(), WAIT)) {
                        throw new IllegalStateException("the promoted standby did not take a command: " + rc);
                    }
                    long t2 = System.nanoTime();
                    promote.add((t1 - t0) / 1e6);
                    firstDurable.add((t2 - t0) / 1e6);
                    promoted.close();
                } finally {
                    try {
                        primary.close();
                    } catch (RuntimeException expected) {
                        // its replica was cut off
                    }
                    deleteStream(CLUSTER, stream);
                }
            }
            System.out.printf(Locale.ROOT, "take-over on the 3-node cluster, %s (%d runs): standby behind at the cut %s"
                            + " commands; promoted after %s ms (median %.1f); first command durable after %s ms (median %.1f)%n",
                    caughtUp ? "standby caught up" : "primary cut at full speed", runs, behind, fmt(promote),
                    median(promote), fmt(firstDurable), median(firstDurable));
        }
    }

    private static String fmt(List<Double> v) {
        return v.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList().toString();
    }

    /** Sends commands [from, to), retrying one the engine refuses while the journal or replica catch up. */
    private static void send(Workload w, DurableEngine e, int from, int to) {
        for (int i = from; i < to; i++) {
            while (w.apply(e, "SYM", i) == ResultCode.JOURNAL_UNAVAILABLE) {
                if (e.journalFailure().isPresent()) {
                    throw new IllegalStateException("journal failed", e.journalFailure().get());
                }
            }
        }
    }

    private static JournalReplica replica(String url, String stream, int replicas) {
        return JetStreamJournal.replica(JetStreamConfig.builder().url(url).stream(stream)
                .subjectPrefix("cift.bench." + stream.toLowerCase(Locale.ROOT)).replicas(replicas).build());
    }

    private static String stream() {
        return "CIFT_BENCH_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static void deleteStream(String url, String stream) throws Exception {
        Connection nc = Nats.connect(new Options.Builder().servers(url.split(",")).build());
        try {
            nc.jetStreamManagement().deleteStream(stream);
        } finally {
            nc.close();
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
