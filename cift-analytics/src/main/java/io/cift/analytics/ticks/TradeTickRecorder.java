package io.cift.analytics.ticks;

import io.cift.core.book.OrderBookListener;
import io.cift.core.model.Side;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Records a matching engine's trades as trade ticks (last price and size, no quote) in a
 * {@link TickStore}, so bars can be built from an engine's own session. Register it as (or combine
 * it into) the engine's {@link OrderBookListener}.
 *
 * <p>Engine prices are ticks and quantities lots; the recorder multiplies them by a tick size and a
 * lot size. Timestamps come from an injected clock in microseconds since 1970. A store failure is
 * never thrown into the engine: it is counted ({@link #failures()}) and kept
 * ({@link #lastFailure()}); the store keeps what it could not flush buffered for its next flush.
 * Allocates one {@link Tick} per trade. Called on the engine's thread; the counters may be read from
 * any thread. A store that does I/O (QuestDB) must not be written on a matching thread: give the recorder
 * {@link TickStore#offThread(TickStore, int)} of it, or run it as a durable engine's consumer.
 */
public final class TradeTickRecorder implements OrderBookListener {

    private final TickStore store;
    private final double tickSize;
    private final double lotSize;
    private final LongSupplier clockMicros;
    private volatile long recorded;
    private volatile long failures;
    private volatile RuntimeException lastFailure;

    /**
     * Creates a recorder.
     *
     * @param store where the ticks go
     * @param tickSize price of one engine price tick, such as 0.01
     * @param lotSize size of one engine quantity lot, such as 1
     * @param clockMicros the current time in microseconds since 1970 (UTC)
     * @throws IllegalArgumentException when a size is not finite and positive
     */
    public TradeTickRecorder(TickStore store, double tickSize, double lotSize, LongSupplier clockMicros) {
        this.store = Objects.requireNonNull(store, "store");
        this.clockMicros = Objects.requireNonNull(clockMicros, "clockMicros");
        if (!(tickSize > 0) || !Double.isFinite(tickSize)) {
            throw new IllegalArgumentException("tickSize: must be finite and positive, got " + tickSize);
        }
        if (!(lotSize > 0) || !Double.isFinite(lotSize)) {
            throw new IllegalArgumentException("lotSize: must be finite and positive, got " + lotSize);
        }
        this.tickSize = tickSize;
        this.lotSize = lotSize;
    }

    /**
     * A clock reading the system time in microseconds.
     *
     * @return the clock
     */
    public static LongSupplier systemClockMicros() {
        return () -> {
            java.time.Instant now = java.time.Instant.now();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        };
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        try {
            store.write(Tick.trade(symbol, clockMicros.getAsLong(), price * tickSize, quantity * lotSize));
            recorded++;
        } catch (TickStoreException e) {
            if (e.isTransient()) {
                recorded++;   // buffered in the store: its next flush retries it
            }
            failures++;
            lastFailure = e;
        } catch (RuntimeException e) {
            failures++;
            lastFailure = e;
        }
    }

    /**
     * Trades the store took: stored, or buffered for its next flush.
     *
     * @return the count
     */
    public long recorded() {
        return recorded;
    }

    /**
     * Trades whose write threw (an invalid value, or a flush the write started that failed).
     *
     * @return the count
     */
    public long failures() {
        return failures;
    }

    /**
     * The most recent failure.
     *
     * @return it, or null when there was none
     */
    public RuntimeException lastFailure() {
        return lastFailure;
    }
}
