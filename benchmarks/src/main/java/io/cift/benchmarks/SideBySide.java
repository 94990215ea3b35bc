package io.cift.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Two builds of the book side by side in one JVM: each benchmarks jar is loaded by a class loader of its
 * own (so each build keeps its own classes, compiled code and books), both run {@link LatencyHarness}'s
 * throughput pass on the same workload, and the passes alternate in pairs (A then B, then B then A). Each
 * pair is a fraction of a second apart, so the pair's time ratio cancels most of the machine's drift, which
 * between fresh JVMs here is often larger than the change being measured. Every pass checks its trades.
 * Usage: {@code java -cp benchmarks.jar io.cift.benchmarks.SideBySide A.jar B.jar WORKLOAD.csv [pairs]}
 * (default 20 pairs, after 5 warm-up passes of each). The same jar given twice shows the method's own noise.
 * With {@code -Dcift.bench.pass=feed-builder} the passes are {@link FeedHarness#builderPasses}: a
 * {@code BookBuilder} following the workload's order feed instead of the book.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the two benchmarks jars, the workload, optionally the number of pairs
     * @throws Exception when a jar cannot be loaded or a pass fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: SideBySide A.jar B.jar WORKLOAD.csv [pairs]");
        }
        Path workload = Path.of(args[2]);
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        if (pairs < 4) {
            throw new IllegalArgumentException("pairs must be at least 4, got " + pairs);
        }
        LongSupplier a = passes(Path.of(args[0]), workload);
        LongSupplier b = passes(Path.of(args[1]), workload);
        for (int i = 0; i < 5; i++) {
            a.getAsLong();
            b.getAsLong();
        }
        double[] ta = new double[pairs];
        double[] tb = new double[pairs];
        double[] ratio = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                ta[i] = a.getAsLong();
                tb[i] = b.getAsLong();
            } else {
                tb[i] = b.getAsLong();
                ta[i] = a.getAsLong();
            }
            ratio[i] = ta[i] / tb[i];
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%s over %d pairs: A median %.1f ms, B median %.1f ms%n", workload, pairs,
                ta[pairs / 2] / 1e6, tb[pairs / 2] / 1e6);
        System.out.printf(Locale.ROOT, "time of A / time of B, per pair: median %.3f (quartiles %.3f, %.3f); "
                + "above 1: B is faster%n", ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4]);
    }

    /**
     * {@link LatencyHarness#passes} (or {@link FeedHarness#builderPasses}) of the build in {@code jar}, loaded apart
     * from this JVM's own classes.
     */
    private static LongSupplier passes(Path jar, Path workload) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        String pass = System.getProperty("cift.bench.pass", "book");
        Class<?> harness = switch (pass) {
            case "book" -> LatencyHarness.class;
            case "feed-builder" -> FeedHarness.class;
            default -> throw new IllegalArgumentException("cift.bench.pass must be book or feed-builder, got " + pass);
        };
        String name = pass.equals("book") ? "passes" : "builderPasses";
        Method m;
        try {
            m = loader.loadClass(harness.getName()).getMethod(name, Path.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalArgumentException(jar + " is not a benchmarks jar with " + harness.getSimpleName() + "." + name
                    + ": " + e, e);
        }
        return (LongSupplier) m.invoke(null, workload);
    }
}
