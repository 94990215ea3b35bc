package io.cift.benchmarks;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.feed.BookBuilder;
import io.cift.core.feed.FeedCsv;
import io.cift.core.feed.FeedMessage;
import io.cift.core.feed.OrderFeed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The order feed's costs on the shared workload (parsed beforehand), one thread, median of the passes:
 * the book alone; the book with the feed made as its listener (the extra is the feed's making, which a
 * durable engine does on a consumer's thread), its messages kept in a list for the passes below, and again
 * with each message sent on and dropped, as a publisher does; the feed's messages turned into CSV lines; the messages
 * applied to a {@link BookBuilder}. Each pass checks the rebuilt book against the engine's size.
 * Usage: {@code FeedHarness WORKLOAD.csv [passes]}.
 */
public final class FeedHarness {

    private FeedHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args the workload and optional passes (default 7)
     */
    public static void main(String[] args) {
        Workload w = Workload.load(Path.of(args[0]));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long[][] t = new long[7][passes];
        long messages = 0;
        for (int p = -2; p < passes; p++) {   // two warm-up passes
            long t0 = System.nanoTime();
            MatchingEngine bare = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(8192).build());
            for (int i = 0; i < w.size; i++) {
                w.apply(bare, "SYM", i);
            }
            long t1 = System.nanoTime();
            // the feed as a consumer that sends each message on pays for it: made, handed over, then garbage
            long[] sent = new long[1];
            long onward = timeFeed(w, new OrderFeed(m -> sent[0] += m.seq(), 0), null);
            if (sent[0] == 0) {
                throw new IllegalStateException("the feed sent nothing");
            }
            List<FeedMessage> feed = new ArrayList<>(2_400_000);
            MatchingEngine[] kept = new MatchingEngine[1];
            long listed = timeFeed(w, new OrderFeed(feed::add, 0), kept);
            MatchingEngine e = kept[0];
            long t3 = System.nanoTime();
            long chars = 0;
            for (FeedMessage m : feed) {
                chars += FeedCsv.line(m).length();
            }
            long t4 = System.nanoTime();
            BookBuilder b = new BookBuilder(true);
            for (FeedMessage m : feed) {
                b.accept(m);
            }
            long t5 = System.nanoTime();
            io.cift.core.feed.FeedSbe sbe = new io.cift.core.feed.FeedSbe();
            byte[] wire = new byte[io.cift.core.feed.FeedSbe.MAX_LENGTH * 2];
            long bytes = 0;
            for (FeedMessage m : feed) {
                bytes += sbe.encode(m, wire, 0);
            }
            long t6 = System.nanoTime();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream((int) bytes);
            int[] lengths = new int[feed.size()];
            for (int k = 0; k < feed.size(); k++) {
                lengths[k] = sbe.encode(feed.get(k), wire, 0);
                all.write(wire, 0, lengths[k]);
            }
            byte[] stream = all.toByteArray();
            long t7 = System.nanoTime();
            int at = 0;
            long check = 0;
            for (int len : lengths) {
                check += sbe.decode(stream, at, len).seq();
                at += len;
            }
            long t8 = System.nanoTime();
            if (check == 0) {
                throw new IllegalStateException("nothing decoded");
            }
            if (b.orders().size() != e.book("SYM").orElseThrow().orderCount() || chars == 0) {
                throw new IllegalStateException("the rebuilt book differs from the engine's");
            }
            messages = feed.size();
            if (p >= 0) {
                t[0][p] = t1 - t0;
                t[1][p] = listed;
                t[2][p] = t4 - t3;
                t[3][p] = t5 - t4;
                t[4][p] = t6 - t5;
                t[5][p] = t8 - t7;
                t[6][p] = onward;
            }
        }
        double bare = median(t[0]);
        double withFeed = median(t[1]);
        System.out.printf(Locale.ROOT, "%d commands, %d feed messages (median of %d passes)%n", w.size, messages, passes);
        System.out.printf(Locale.ROOT, "book alone                     %8.2f M cmds/s  %6.1f ns/cmd%n", w.size / bare * 1e3, bare / w.size);
        System.out.printf(Locale.ROOT, "book with the feed as listener %8.2f M cmds/s  %6.1f ns/cmd (feed: %.1f ns/cmd, %.2f M msgs/s)%n",
                w.size / withFeed * 1e3, withFeed / w.size, (withFeed - bare) / w.size, messages / (withFeed - bare) * 1e3);
        double onward = median(t[6]);
        System.out.printf(Locale.ROOT, "book with the feed sent on     %8.2f M cmds/s  %6.1f ns/cmd (feed: %.1f ns/cmd, %.2f M msgs/s)%n",
                w.size / onward * 1e3, onward / w.size, (onward - bare) / w.size, messages / (onward - bare) * 1e3);
        System.out.printf(Locale.ROOT, "messages to CSV lines          %8.2f M msgs/s%n", messages / median(t[2]) * 1e3);
        System.out.printf(Locale.ROOT, "book builder                   %8.2f M msgs/s%n", messages / median(t[3]) * 1e3);
        System.out.printf(Locale.ROOT, "SBE encoding                   %8.2f M msgs/s%n", messages / median(t[4]) * 1e3);
        System.out.printf(Locale.ROOT, "SBE decoding (to messages)     %8.2f M msgs/s%n", messages / median(t[5]) * 1e3);
    }

    /**
     * Passes of a new {@link BookBuilder} over the workload's feed, made once here, for {@link SideBySide}: each
     * call applies every message and returns the nanoseconds it took, after checking the rebuilt book's size
     * against the engine's.
     *
     * @param workload the workload
     * @return the passes
     */
    public static java.util.function.LongSupplier builderPasses(Path workload) {
        Workload w = Workload.load(workload);
        List<FeedMessage> feed = new ArrayList<>(2_400_000);
        MatchingEngine[] kept = new MatchingEngine[1];
        timeFeed(w, new OrderFeed(feed::add, 0), kept);
        long live = kept[0].book("SYM").orElseThrow().orderCount();
        return () -> {
            long start = System.nanoTime();
            BookBuilder b = new BookBuilder(true);
            for (FeedMessage m : feed) {
                b.accept(m);
            }
            long took = System.nanoTime() - start;
            if (b.orders().size() != live) {
                throw new IllegalStateException("the rebuilt book differs from the engine's");
            }
            return took;
        };
    }

    /** Times a new engine with {@code feed} as its listener over the workload; {@code engine}, if given, gets the engine. */
    private static long timeFeed(Workload w, OrderFeed feed, MatchingEngine[] engine) {
        MatchingEngine e = MatchingEngine.create(MatchingEngineConfig.builder().initialOrderCapacity(8192).listener(feed).build());
        long start = System.nanoTime();
        for (int i = 0; i < w.size; i++) {
            w.apply(e, "SYM", i);
            feed.endCommand();
        }
        long took = System.nanoTime() - start;
        if (engine != null) {
            engine[0] = e;
        }
        return took;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
