package io.cift.analytics.ticks.internal;

import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.QueuedTickStore;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;
import io.cift.analytics.ticks.TickStoreException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@link QueuedTickStore} over agrona's many-to-one queue and one daemon writer thread. */
public final class OffThreadTickStore implements QueuedTickStore {

    /** How long the queue stays empty before the writer thread flushes what it handed on. */
    private static final long IDLE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final TickStore store;
    private final ManyToOneConcurrentArrayQueue<Tick> queue;
    private final Thread writer;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong handedOn = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile RuntimeException lastFailure;
    private volatile boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param store the underlying store, owned from now on
     * @param capacity queued ticks at most, at least 2
     */
    public OffThreadTickStore(TickStore store, int capacity) {
        this.store = Objects.requireNonNull(store, "store");
        if (capacity < 2 || capacity > 1 << 24) {
            throw new IllegalArgumentException("capacity: must be between 2 and 16777216 ticks, got " + capacity);
        }
        this.queue = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.writer = new Thread(this::run, "cift-tick-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void run() {
        IdleStrategy idle = new BackoffIdleStrategy(1, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
        long lastWrite = 0;
        boolean unflushed = false;
        while (true) {
            Tick t = queue.poll();
            if (t != null) {
                try {
                    store.write(t);
                } catch (RuntimeException e) {
                    failed(e);
                }
                handedOn.incrementAndGet();
                unflushed = true;
                lastWrite = System.nanoTime();
                idle.reset();
                continue;
            }
            if (closing) {
                return;
            }
            if (unflushed && System.nanoTime() - lastWrite >= IDLE_FLUSH_NANOS) {
                unflushed = false;
                try {
                    store.flush();
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
            idle.idle();
        }
    }

    private void failed(RuntimeException e) {
        long n = failures.incrementAndGet();
        lastFailure = e;
        failureLog.warn(LOG, "tick store {} failed a write (failure #{}): {}", store.backend(), n,
                io.cift.core.Redact.text(String.valueOf(e)));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OffThreadTickStore.class);
    private final io.cift.core.internal.LogLimiter failureLog = new io.cift.core.internal.LogLimiter(
            java.time.Duration.ofSeconds(10));

    @Override
    public String backend() {
        return store.backend();
    }

    @Override
    public void write(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        if (closing) {
            throw new IllegalStateException("tick store is closed");
        }
        if (!queue.offer(tick)) {
            dropped.incrementAndGet();
            throw new TickStoreException(store.backend() + ": the tick queue is full (" + queue.capacity()
                    + " ticks): tick at " + tick.timestamp() + " dropped", 1, false, null);
        }
        enqueued.incrementAndGet();
    }

    @Override
    public void write(List<Tick> ticks) {
        drain();
        store.write(ticks);
    }

    /** Waits until the writer thread handed on every tick queued before the call. */
    private void drain() {
        long target = enqueued.get();
        for (int spins = 0; handedOn.get() < target && writer.isAlive(); spins++) {
            if (spins < 1_000) {
                Thread.onSpinWait();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);   // a slow store: wait without a core
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new TickStoreException(store.backend() + ": interrupted while waiting for queued ticks", 0, true, null);
            }
        }
    }

    @Override
    public void flush() {
        drain();
        store.flush();
    }

    @Override
    public long confirmed() {
        return store.confirmed();
    }

    @Override
    public List<Tick> ticks(String symbol, Instant from, Instant to) {
        return store.ticks(symbol, from, to);
    }

    @Override
    public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to) {
        return store.bars(symbol, interval, from, to);
    }

    @Override
    public Map<String, Tick> latest(Collection<String> symbols) {
        return store.latest(symbols);
    }

    @Override
    public OptionalDouble vwap(String symbol, Instant from, Instant to) {
        return store.vwap(symbol, from, to);
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public long writeFailures() {
        return failures.get();
    }

    @Override
    public Optional<RuntimeException> lastWriteFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a write that raced close() enqueued after the writer's last look: hand it on here
        for (Tick t = queue.poll(); t != null; t = queue.poll()) {
            try {
                store.write(t);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        store.close();
    }
}
