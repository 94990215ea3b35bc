package io.cift.examples.replay;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.journal.Journal;
import io.cift.core.model.Side;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills {@code cift replay --journal} (a child JVM, SIGKILL) at random moments. After each kill: the
 * journal recovers to the state of a reference engine fed the same first K lines, the trades file holds
 * only trades of journaled commands (a prefix of the uninterrupted run's), and the resumed run ends with
 * a trades file and an order feed byte-identical to an uninterrupted run's. {@code -Dcift.kill.rounds} sets how many kills
 * (the slow profile runs 25).
 */
class ReplayKillIT {

    private static final int LINES = 700_000;

    @TempDir
    static Path shared;
    static Path orders;
    static byte[] referenceTrades;
    static byte[] referenceFeed;
    /** The feed's snapshot cadence in the killed runs and the reference. */
    private static final int FEED_SNAPSHOT_EVERY = 50_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void workload() throws IOException {
        orders = shared.resolve("orders.csv");
        writeOrders(orders, LINES, 42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.StringWriter feed = new java.io.StringWriter();
        try (InputStream in = Files.newInputStream(orders)) {
            new Replayer(1024).replay(in, out, new io.cift.core.feed.OrderFeed(io.cift.core.feed.FeedCsv.writer(feed),
                    FEED_SNAPSHOT_EVERY));
        }
        referenceTrades = out.toByteArray();
        referenceFeed = feed.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A multi-symbol flow with limits, cancels, amends, IOC, FOK and market orders. */
    static void writeOrders(Path file, int n, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] symbols = {"AAPL", "MSFT", "ES.Z6", "BTC-USD"};
        List<List<Long>> live = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++) {
            live.add(new ArrayList<>());
        }
        long next = 1;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(OrderCsvReader.HEADER);
            w.write('\n');
            for (int i = 0; i < n; i++) {
                int s = rnd.nextInt(symbols.length);
                List<Long> l = live.get(s);
                int r = rnd.nextInt(100);
                String side = rnd.nextBoolean() ? "BUY" : "SELL";
                if (r < 55 || l.size() < 10) {
                    long id = next++;
                    int t = rnd.nextInt(100);
                    String tif = t < 80 ? "GTC" : t < 95 ? "IOC" : "FOK";
                    boolean market = t >= 97;
                    long px = 10_000 + rnd.nextInt(41) - 20;
                    w.write(symbols[s] + ",NEW," + id + "," + side + "," + (market ? "MARKET" : "LIMIT") + "," + tif + ","
                            + (market ? "" : Long.toString(px)) + "," + (1 + rnd.nextInt(100)) + "\n");
                    if (tif.equals("GTC") && !market) {
                        l.add(id);
                    }
                } else if (r < 88) {
                    long id = l.remove(rnd.nextInt(l.size()));
                    w.write(symbols[s] + ",CANCEL," + id + ",,,,,\n");
                } else {
                    long id = l.get(rnd.nextInt(l.size()));
                    w.write(symbols[s] + ",AMEND," + id + ",,,," + (10_000 + rnd.nextInt(41) - 20) + "," + (1 + rnd.nextInt(100))
                            + "\n");
                }
            }
        }
    }

    @Test
    void killedAtRandomMomentsItRecoversExactlyAndResumesToTheSameTrades() throws Exception {
        int rounds = Integer.getInteger("cift.kill.rounds", 4);
        SplittableRandom rnd = new SplittableRandom(System.nanoTime());
        String[][] settings = {{"batch", "100000"}, {"interval", "250000"}, {"none", "0"}, {"batch", "0"}};
        int kills = 0;
        int chain = 0;
        for (int attempt = 0; kills < rounds && attempt < rounds * 4; chain++) {
            String[] s = settings[chain % settings.length];
            Path journal = dir.resolve("journal-" + chain);
            Path trades = dir.resolve("trades-" + chain + ".csv");
            while (kills < rounds && attempt < rounds * 4) {
                attempt++;
                Process p = start(journal, trades, s[0], s[1]);
                long delay = 150 + rnd.nextInt(1_500);
                if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    assertThat(p.exitValue()).as(output(p)).isZero();
                    break;   // it finished first: check the result below and start a new chain
                }
                p.destroyForcibly();   // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
                checkAfterCrash(journal, trades, "kill " + kills + " after " + delay + " ms (" + s[0] + ", snapshot every " + s[1] + ")");
            }
            Process p = start(journal, trades, s[0], s[1]);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output(p)).isZero();
            assertThat(Files.readAllBytes(trades)).as("the resumed run's trades (chain %d)", chain).isEqualTo(referenceTrades);
            assertThat(Files.readAllBytes(feedOf(trades))).as("the resumed run's order feed (chain %d)", chain)
                    .isEqualTo(referenceFeed);
            assertThat(Journal.info(journal).commands()).isEqualTo(LINES);
        }
        assertThat(kills).as("kills that landed while the replay ran").isEqualTo(rounds);
    }

    private void checkAfterCrash(Path journal, Path trades, String what) throws IOException {
        if (!Files.exists(journal.resolve("engine.properties"))) {
            assertThat(Files.exists(trades) ? TradeFile.completeTrades(trades) : 0).as(what).isZero();
            return;   // killed before the journal was created
        }
        Journal.Recovered r = Journal.recover(journal);
        long k = r.report().lastSequence();
        long[] tradesAtK = new long[1];
        MatchingEngine ref = referenceEngine(k, tradesAtK);
        assertThat(r.engine().stateHash()).as("%s: state after %d commands", what, k).isEqualTo(ref.stateHash());
        r.engine().validate();
        if (Files.exists(trades)) {
            byte[] t = Files.readAllBytes(trades);
            int end = t.length;
            while (end > 0 && t[end - 1] != '\n') {
                end--;   // a torn last line is allowed: the next run cuts it
            }
            long lines = 0;
            for (int i = 0; i < end; i++) {
                if (t[i] == '\n') {
                    lines++;
                }
            }
            assertThat(Math.max(0, lines - 1)).as("%s: trades written, of %d commands journaled", what, k)
                    .isLessThanOrEqualTo(tradesAtK[0]);
            assertThat(Arrays.copyOf(t, end)).as("%s: trades file is a prefix of the uninterrupted run's", what)
                    .isEqualTo(Arrays.copyOf(referenceTrades, end));
        }
    }

    private static MatchingEngine referenceEngine(long commands, long[] trades) throws IOException {
        MatchingEngine e = MatchingEngine.create(MatchingEngineConfig.builder().listener(new OrderBookListener() {
            @Override
            public void onTrade(String symbol, long t, long to, long m, long mo, Side side, long p, long q, long tr, long mr) {
                trades[0]++;
            }
        }).build());
        try (OrderCsvReader r = new OrderCsvReader(Files.newInputStream(orders))) {
            for (long i = 0; i < commands && r.next(); i++) {
                switch (r.action) {
                    case NEW -> e.submit(r.symbol, r.orderId, 0, r.side, r.type, r.tif, r.price, r.qty, false);
                    case CANCEL -> e.cancel(r.symbol, r.orderId);
                    case AMEND -> e.amend(r.symbol, r.orderId, r.price, r.qty);
                    default -> throw new IllegalStateException();
                }
            }
        }
        return e;
    }

    private static Path feedOf(Path trades) {
        return trades.resolveSibling(trades.getFileName().toString().replace("trades-", "feed-"));
    }

    private static Process start(Path journal, Path trades, String fsync, String snapshotEvery) throws IOException {
        Path jar = Path.of("target", "cift.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        if (Files.exists(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cift.examples.cli.CiftCommand"));
        }
        cmd.addAll(List.of("replay", "--orders", orders.toString(), "--trades-out", trades.toString(), "--journal",
                journal.toString(), "--fsync", fsync, "--snapshot-every", snapshotEvery, "--initial-capacity", "1024",
                "--feed-out", feedOf(trades).toString(), "--feed-snapshot-every", Integer.toString(FEED_SNAPSHOT_EVERY)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(journal.resolveSibling(
                journal.getFileName() + ".log").toFile()).start();
    }

    private String output(Process p) {
        try {
            List<String> all = new ArrayList<>();
            try (var s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    if (f.toString().endsWith(".log")) {
                        all.add(f.getFileName() + ": " + Files.readString(f));
                    }
                }
            }
            return String.join("\n", all);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
