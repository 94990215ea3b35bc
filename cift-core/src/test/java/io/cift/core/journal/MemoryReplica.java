package io.cift.core.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal replica held in memory, for the engine's own tests: a shared {@link Store} checks, as JetStream's
 * expected-last-sequence does, that each append follows the last record it holds; each engine gets a
 * client of its own with its own acknowledgements and failure.
 */
final class MemoryReplica implements JournalReplica {

    /** The replicated records, shared by the clients. */
    static final class Store {
        final List<byte[]> records = new ArrayList<>();

        synchronized long last() {
            return records.size();
        }

        synchronized byte[] get(long seq) {
            return seq >= 1 && seq <= records.size() ? records.get((int) seq - 1) : null;
        }

        synchronized boolean append(long seq, byte[] r) {
            if (seq != records.size() + 1) {
                return false;
            }
            records.add(r);
            notifyAll();
            return true;
        }

        synchronized void awaitMore(long have, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (records.size() <= have && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    private final Store store;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Throwable failure;
    volatile boolean closed;
    /** While set, appends are stored but not acknowledged (a slow store). */
    volatile boolean holdAcknowledgements;

    MemoryReplica(Store store) {
        this.store = store;
        acknowledged.set(store.last());
    }

    @Override
    public long lastSequence() {
        return store.last();
    }

    @Override
    public void append(long sequence, byte[] record) {
        if (failure != null) {
            return;
        }
        if (!store.append(sequence, record)) {
            failure = new JournalException("refused record " + sequence + ": the store ends at " + store.last());
            return;
        }
        if (!holdAcknowledgements) {
            acknowledged.accumulateAndGet(sequence, Math::max);
        }
    }

    /** Acknowledges everything stored (after {@link #holdAcknowledgements}). */
    void acknowledgeAll() {
        holdAcknowledgements = false;
        acknowledged.accumulateAndGet(store.last(), Math::max);
    }

    @Override
    public long acknowledgedSequence() {
        return acknowledged.get();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public int read(long from, int max, Duration wait, RecordConsumer consumer) {
        try {
            store.awaitMore(from - 1, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int n = 0;
        for (long s = from; n < max; s++) {
            byte[] r = store.get(s);
            if (r == null || !consumer.accept(s, r)) {
                break;
            }
            acknowledged.accumulateAndGet(s, Math::max);
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
