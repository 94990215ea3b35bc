package io.cift.analytics.ticks;

import io.cift.analytics.ticks.internal.EmbeddedTickStore;
import io.cift.analytics.ticks.internal.QuestDbTickStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Stores ticks and answers time-series questions about them: the ticks of a symbol in a time range,
 * OHLCV bars at any {@link BarInterval}, the latest tick per symbol, and VWAP.
 *
 * <p>Ranges are half-open: {@code from} inclusive, {@code to} exclusive; {@code from} after
 * {@code to} is refused, {@code from == to} is empty. Ticks may arrive out of time order: every
 * read orders by timestamp, and ticks with equal timestamps keep their arrival order.
 *
 * <p>Writes: {@link #write(Tick)} may buffer (see the implementation) and {@link #flush()} returns
 * once everything written before it is stored; {@link #write(List)} stores a batch as a whole or
 * not at all and returns once it is stored. A failure is a {@link TickStoreException} that says how
 * many ticks were not confirmed; nothing is dropped silently. {@link #confirmed()} counts the ticks
 * confirmed stored. After a write or flush returns, the same store's reads see those ticks.
 *
 * <p>Implementations are thread-safe; writes from several threads are serialized.
 */
public interface TickStore extends AutoCloseable {

    /**
     * An in-memory store: everything is confirmed as soon as it is written. Not persistent.
     *
     * @return a new empty store
     */
    static TickStore embedded() {
        return new EmbeddedTickStore();
    }

    /**
     * A store in QuestDB: ILP over HTTP for writes, the PostgreSQL wire protocol for reads. Creates
     * the table when it does not exist. Needs {@code org.questdb:questdb-client} and
     * {@code org.postgresql:postgresql} on the class path.
     *
     * @param config where QuestDB is and how to write to it
     * @return a connected store
     * @throws TickStoreException when QuestDB cannot be reached or the table cannot be created
     */
    static TickStore questDb(QuestDbConfig config) {
        return QuestDbTickStore.open(config);
    }

    /**
     * Puts a bounded queue and a writer thread of its own in front of a store, so that single-tick writes
     * never do I/O on the caller's thread (give this to a {@link TradeTickRecorder} that runs on a matching
     * thread). See {@link QueuedTickStore}.
     *
     * @param store the store to write to, closed with the result
     * @param capacity queued ticks at most (2 to 2^24); when full, a tick is dropped and counted
     * @return the queued store, its writer thread started
     */
    static QueuedTickStore offThread(TickStore store, int capacity) {
        return new io.cift.analytics.ticks.internal.OffThreadTickStore(store, capacity);
    }

    /**
     * Which implementation this is.
     *
     * @return {@code "embedded"} or {@code "questdb"}
     */
    String backend();

    /**
     * Writes one tick. It may be buffered: it is confirmed by a later flush, automatic or explicit.
     *
     * @param tick the tick (valid by construction)
     * @throws TickStoreException when a flush this write started failed; the unconfirmed ticks stay
     *     buffered and the next flush tries them again
     */
    void write(Tick tick);

    /**
     * Writes a batch as a whole: on return every tick is stored; on an exception none is visible.
     * Ticks written one by one before it are flushed first.
     *
     * @param ticks the ticks
     * @throws io.cift.analytics.InvalidDataException when an element is null (nothing is written)
     * @throws TickStoreException when the batch was not confirmed
     */
    void write(List<Tick> ticks);

    /**
     * Stores every buffered tick and returns once they are confirmed.
     *
     * @throws TickStoreException when they could not be; they stay buffered for the next flush
     */
    void flush();

    /**
     * Ticks confirmed stored by this store since it was opened.
     *
     * @return the count
     */
    long confirmed();

    /**
     * The ticks of a symbol in {@code [from, to)}, in time order.
     *
     * @param symbol the instrument
     * @param from inclusive start
     * @param to exclusive end
     * @return the ticks, possibly empty
     */
    List<Tick> ticks(String symbol, Instant from, Instant to);

    /**
     * OHLCV bars of a symbol over {@code [from, to)}, aligned to the UTC calendar, in time order. Only
     * bars that hold at least one tick are returned; a bar at the edges holds only the ticks inside
     * the range.
     *
     * @param symbol the instrument
     * @param interval the bar length
     * @param from inclusive start
     * @param to exclusive end
     * @return the bars, possibly empty
     */
    List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to);

    /**
     * The latest tick (by timestamp) of each symbol that has any.
     *
     * @param symbols the instruments
     * @return symbol to latest tick, in the order asked; symbols without ticks are absent
     */
    Map<String, Tick> latest(Collection<String> symbols);

    /**
     * The volume-weighted average last price over {@code [from, to)}: sum(last × last size) / sum(last size).
     *
     * @param symbol the instrument
     * @param from inclusive start
     * @param to exclusive end
     * @return the VWAP, or empty when the range holds no volume
     */
    OptionalDouble vwap(String symbol, Instant from, Instant to);

    /**
     * Flushes what is buffered and releases connections.
     *
     * @throws TickStoreException when the final flush failed (the store is closed anyway; the
     *     exception says how many ticks were not confirmed)
     */
    @Override
    void close();
}
