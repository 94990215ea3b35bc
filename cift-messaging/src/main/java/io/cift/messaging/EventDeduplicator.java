package io.cift.messaging;

import org.roaringbitmap.longlong.Roaring64Bitmap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly-once processing on the consumer's side: remembers, per engine, which event sequence numbers
 * were already processed, so a redelivery, a retried publish or a replay is recognised whatever the
 * broker's duplicate window. Events of one engine may arrive out of order (a retry); per engine it
 * keeps the highest number below which everything was seen, and a compressed bitmap of what arrived
 * above it, so memory follows how far out of order events are, not how many there were.
 *
 * <p>Keep its state with the consumer's own state (what it processed and the deduplicator's view must
 * be saved together) for exactly-once across the consumer's restarts. Not thread-safe.
 */
public final class EventDeduplicator {

    private static final class Engine {
        long contiguous;
        final Roaring64Bitmap above = new Roaring64Bitmap();
    }

    private final Map<String, Engine> engines = new HashMap<>();

    /**
     * Records an event and tells whether it is the first time.
     *
     * @param e the event
     * @return true the first time this (engine id, sequence) is seen; false for a duplicate
     */
    public boolean firstTime(OrderEvent e) {
        return firstTime(e.engineId(), e.seq());
    }

    /**
     * Records an (engine id, sequence) pair and tells whether it is the first time.
     *
     * @param engineId the engine's id
     * @param seq the event sequence number, from 1
     * @return true the first time; false for a duplicate
     */
    public boolean firstTime(String engineId, long seq) {
        Objects.requireNonNull(engineId, "engineId");
        if (seq < 1) {
            throw new IllegalArgumentException("event sequence numbers start at 1, got " + seq + " from " + engineId);
        }
        Engine en = engines.computeIfAbsent(engineId, k -> new Engine());
        if (seq <= en.contiguous || en.above.contains(seq)) {
            return false;
        }
        if (seq == en.contiguous + 1) {
            en.contiguous = seq;
            while (en.above.contains(en.contiguous + 1)) {
                en.above.removeLong(en.contiguous + 1);
                en.contiguous++;
            }
        } else {
            en.above.addLong(seq);
        }
        return true;
    }

    /**
     * The highest sequence number of an engine below which every event was seen.
     *
     * @param engineId the engine's id
     * @return the number, 0 when nothing was seen
     */
    public long contiguous(String engineId) {
        Engine en = engines.get(engineId);
        return en == null ? 0 : en.contiguous;
    }

    /**
     * Marks every event of an engine up to {@code seq} as seen, to resume from a consumer's saved state.
     *
     * @param engineId the engine's id
     * @param seq the last sequence number processed contiguously; it costs the same whatever its size
     */
    public void restore(String engineId, long seq) {
        Engine en = engines.computeIfAbsent(Objects.requireNonNull(engineId, "engineId"), k -> new Engine());
        if (seq > en.contiguous) {
            en.contiguous = seq;
            // drop what arrived out of order up to seq, one by one: a range up to seq cost time and memory in
            // proportion to seq itself (seconds at 10^12, the heap at Long.MAX_VALUE)
            while (!en.above.isEmpty() && en.above.first() <= seq) {
                en.above.removeLong(en.above.first());
            }
            while (en.above.contains(en.contiguous + 1)) {
                en.above.removeLong(en.contiguous + 1);
                en.contiguous++;
            }
        }
    }
}
