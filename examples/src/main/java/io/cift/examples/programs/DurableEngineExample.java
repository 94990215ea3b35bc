package io.cift.examples.programs;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.journal.RecoveryReport;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * An engine with a journal, killed and recovered.
 *
 * <p>Shows: a durable engine (every command journaled with group commit before its events leave the
 * engine, a snapshot every 100,000 commands) that, opened again after a crash, recovers every durable
 * command from the newest snapshot plus the journal's tail and carries on. Kill it with {@code kill -9}
 * while it runs, then run it again with the same arguments: it reports what it recovered and finishes the
 * flow, ending in exactly the state an uninterrupted run ends in (the state hash it prints).
 *
 * <p>Needs nothing running: the journal is a directory.
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.DurableEngineExample JOURNAL_DIR [COMMANDS]}
 */
public final class DurableEngineExample {

    /** The engine's symbol. */
    public static final String SYMBOL = "BTC-USD";

    private DurableEngineExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the journal directory (default {@code example-journal}) and how many commands the flow has
     *             (default 1,000,000)
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "example-journal");
        long commands = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        run(System.out, dir, commands);
    }

    /**
     * Opens (recovering) the engine on {@code dir} and sends the flow's commands after the last journaled one.
     *
     * @param out where to print
     * @param dir the journal directory
     * @param commands how many commands the whole flow has
     * @return the engine's final state hash
     */
    public static long run(PrintStream out, Path dir, long commands) {
        DurableEngineConfig config = DurableEngineConfig.builder(dir)
                .engine(MatchingEngineConfig.builder().symbols(SYMBOL).build())
                .fsync(FsyncPolicy.BATCH)          // group commit: one fdatasync per batch of commands
                .snapshotEvery(100_000)
                .build();
        try (DurableEngine engine = DurableEngine.open(config)) {
            RecoveryReport r = engine.recovery();
            out.printf("opened %s: %d commands recovered (%s, %d replayed from the journal, %d torn bytes cut), state hash %016x%n",
                    engine.engineId(), r.lastSequence(),
                    r.snapshot() == null ? "no snapshot" : "snapshot at command " + r.snapshot().sequence(),
                    r.commandsReplayed(), r.tailBytesCut(), r.stateHash());
            for (long i = engine.lastSequence() + 1; i <= commands; i++) {
                command(engine, i);
                if (i % 50_000 == 0) {
                    engine.awaitDurable(i, Duration.ofSeconds(10));
                    out.println("durable through command " + i);
                }
            }
            engine.awaitDurable(engine.lastSequence(), Duration.ofSeconds(10));
            long hash = engine.stateHash();
            out.printf("done: %d commands, %d trades, state hash %016x%n", engine.lastSequence(), engine.trades(), hash);
            return hash;
        }
    }

    /**
     * Sends the flow's command number {@code i} (from 1): a deterministic mix of limit orders around a
     * drifting price, market orders and cancels, so that any engine fed commands 1 to K is in one state.
     *
     * @param engine the engine
     * @param i the command's number
     */
    public static void command(MatchingEngine engine, long i) {
        SplittableRandom rnd = new SplittableRandom(i);
        long mid = 6_500_000 + (i / 1_000) % 2_000;
        int kind = rnd.nextInt(100);
        if (kind < 20 && i > 10) {
            engine.cancel(SYMBOL, i - 1 - rnd.nextInt(10));
        } else if (kind < 25) {
            engine.submit(SYMBOL, i, 1 + rnd.nextInt(50), rnd.nextBoolean() ? Side.BUY : Side.SELL, OrderType.MARKET,
                    TimeInForce.IOC, 0, 1 + rnd.nextInt(5), false);
        } else {
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            long price = side == Side.BUY ? mid - rnd.nextInt(40) : mid + rnd.nextInt(40) - 5;
            engine.submit(SYMBOL, i, 1 + rnd.nextInt(50), side, OrderType.LIMIT, TimeInForce.GTC, price,
                    1 + rnd.nextInt(20), false);
        }
    }
}
