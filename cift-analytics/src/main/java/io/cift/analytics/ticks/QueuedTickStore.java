package io.cift.analytics.ticks;

import java.util.Optional;

/**
 * A {@link TickStore} whose single-tick writes go into a bounded queue and reach the underlying store on
 * a writer thread of their own, so a caller on a latency-critical thread (a matching engine's listener)
 * never waits for I/O: {@link #write(Tick)} only enqueues, and when the queue is full the tick is dropped,
 * counted and reported by a non-transient {@link TickStoreException}, never waited for. The writer thread
 * flushes the underlying store whenever the queue has stayed empty for a moment. {@link #flush()} waits
 * until every queued tick was handed on, then flushes; batches, reads and {@link #confirmed()} go to the
 * underlying store. Closing drains the queue, then closes the underlying store. Thread-safe.
 */
public interface QueuedTickStore extends TickStore {

    /**
     * Ticks dropped because the queue was full.
     *
     * @return the count
     */
    long dropped();

    /**
     * Writes or flushes of the underlying store that failed on the writer thread (a transient failure leaves
     * the ticks buffered there for its next flush).
     *
     * @return the count
     */
    long writeFailures();

    /**
     * The most recent failure on the writer thread.
     *
     * @return it, or empty when none failed
     */
    Optional<RuntimeException> lastWriteFailure();
}
