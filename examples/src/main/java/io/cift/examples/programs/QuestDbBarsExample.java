package io.cift.examples.programs;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QuestDbConfig;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticks into QuestDB and one-minute bars back.
 *
 * <p>Shows: a batch of trade ticks written over ILP (time stamps in microseconds, out of order is fine; a
 * resent batch is stored once), {@code flush()} to wait until QuestDB shows them, then one-minute OHLCV bars
 * with their VWAP computed by QuestDB's {@code SAMPLE BY}.
 *
 * <p>Needs QuestDB ({@code scripts/services.sh start questdb}), found through {@code CIFT_QUESTDB_URL}
 * (default {@code http://127.0.0.1:9000}); it writes the symbol {@code EXAMPLE} into the table
 * {@code example_ticks}, at a minute of its own each run.
 *
 * <p>Run: {@code java -cp examples/target/cift.jar io.cift.examples.programs.QuestDbBarsExample}
 */
public final class QuestDbBarsExample {

    private QuestDbBarsExample() {
    }

    /**
     * Runs the example against the server the environment names.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String url = System.getenv("CIFT_QUESTDB_URL");
        run(System.out, url == null || url.isBlank() ? QuestDbConfig.DEFAULT_URL : url,
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES));
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @param questDbUrl the QuestDB URL ({@code http://host:port[?pg_port=P]})
     * @param start the first minute of the ticks
     */
    public static void run(PrintStream out, String questDbUrl, Instant start) {
        long t0 = start.getEpochSecond() * 1_000_000L;
        List<Tick> ticks = new ArrayList<>();
        // three minutes of trades: price in the first field, size in the second
        double[][] trades = {{100.00, 10}, {100.50, 5}, {99.75, 20}, {101.00, 4}, {101.25, 8}, {100.75, 6}};
        for (int i = 0; i < trades.length; i++) {
            long at = t0 + (i / 2) * 60_000_000L + (i % 2) * 15_000_000L;   // two trades a minute
            ticks.add(Tick.trade("EXAMPLE", at, trades[i][0], trades[i][1]));
        }
        try (TickStore store = TickStore.questDb(QuestDbConfig.fromUrl(questDbUrl).table("example_ticks").build())) {
            store.write(ticks);
            store.flush();                         // sent, committed and visible to queries
            out.println("wrote " + ticks.size() + " ticks to " + store.backend());
            List<Bar> bars = store.bars("EXAMPLE", BarInterval.MINUTE, start, start.plusSeconds(180));
            for (Bar b : bars) {
                out.printf("%s open %.2f high %.2f low %.2f close %.2f volume %.0f vwap %.4f%n",
                        Instant.ofEpochSecond(b.startMicros() / 1_000_000L), b.open(), b.high(), b.low(), b.close(),
                        b.volume(), b.vwap());
            }
        }
    }
}
