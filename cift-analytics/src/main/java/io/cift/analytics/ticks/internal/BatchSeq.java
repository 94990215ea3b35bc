package io.cift.analytics.ticks.internal;

import io.cift.analytics.ticks.Tick;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The writer sequence numbers that make a resent tick idempotent under QuestDB's
 * {@code DEDUP UPSERT KEYS(timestamp, symbol, seq)} while distinct ticks sharing a microsecond stay apart.
 * A streaming writer counts from a random base; a batch derives each number from the tick's content and
 * its occurrence among identical ticks of the batch, so a batch sent again stores each tick once.
 */
final class BatchSeq {

    private BatchSeq() {
    }

    /** @return a streaming writer's first sequence number: 20 random bits above a 43-bit counter */
    static long writerBase() {
        return (ThreadLocalRandom.current().nextLong() & 0xF_FFFFL) << 43;
    }

    /**
     * The sequence numbers of a batch, one per tick.
     *
     * @param ticks the batch
     * @return their numbers, equal for an equal batch
     */
    static long[] of(List<Tick> ticks) {
        long[] out = new long[ticks.size()];
        Map<Tick, Integer> seen = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            Tick t = ticks.get(i);
            int occurrence = seen.merge(t, 1, Integer::sum);
            long h = t.symbol().hashCode();
            h = mix(h, t.timestampMicros());
            h = mix(h, Double.doubleToLongBits(t.bid()));
            h = mix(h, Double.doubleToLongBits(t.ask()));
            h = mix(h, Double.doubleToLongBits(t.bidSize()));
            h = mix(h, Double.doubleToLongBits(t.askSize()));
            h = mix(h, Double.doubleToLongBits(t.last()));
            h = mix(h, Double.doubleToLongBits(t.lastSize()));
            out[i] = mix(h, occurrence) | Long.MIN_VALUE;   // negative: never a streaming writer's number
        }
        return out;
    }

    /** One round of a 64-bit mix (the finalizer of MurmurHash3 over the running hash and the next value). */
    private static long mix(long h, long v) {
        long x = h * 31 + v;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb93e1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
