package io.cift.core.journal.internal;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.EngineEventHandler;
import io.cift.core.journal.LagPolicy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The event hand-off: a single-producer LMAX Disruptor ring of preallocated {@link EventSlot}s, one
 * processor thread per consumer. Each consumer's handler first waits until the event's command is
 * durable; an event whose command can no longer become durable (the journal failed) is skipped.
 * Consumer exceptions are contained and counted.
 */
final class EventRing implements Sequencer.Sink {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventRing.class);

    private final Disruptor<EventSlot> disruptor;
    private final RingBuffer<EventSlot> ring;
    private final LagPolicy policy;
    private final int reserve;
    private final long timeoutNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final int publishEvery;
    private final Gated[] handlers;
    private long claimed = -1;
    private long firstUnpublished = -1;

    EventRing(int size, Map<String, EngineEventHandler> consumers, Map<String, Set<EngineEvent.Kind>> kinds,
              LagPolicy policy, int reserve, long timeoutNanos, LongSupplier durable, JournalWriter writer,
              SymbolTable symbols) {
        this.policy = policy;
        this.reserve = reserve;
        this.timeoutNanos = timeoutNanos;
        this.publishEvery = Math.max(1, size / 4);
        List<String> names = new ArrayList<>(consumers.keySet());
        int[] next = {0};
        this.disruptor = new Disruptor<>(() -> new EventSlot(symbols), size, r -> {
            Thread t = new Thread(r, "cift-consumer-" + names.get(Math.min(next[0]++, names.size() - 1)));
            t.setDaemon(true);
            return t;
        }, ProducerType.SINGLE, new SleepingWaitStrategy(20, 20_000));   // a few yields, then 20 µs naps: spares the cores
        this.handlers = new Gated[consumers.size()];
        int i = 0;
        for (Map.Entry<String, EngineEventHandler> c : consumers.entrySet()) {
            handlers[i++] = new Gated(c.getKey(), c.getValue(), kinds.get(c.getKey()), durable, writer);
        }
        disruptor.handleEventsWith(handlers);
        disruptor.setDefaultExceptionHandler(new Contain());
        this.ring = disruptor.start();
    }

    /**
     * Checks, before a command, that the ring has room for it under the lag policy.
     *
     * @return true when the command may go ahead
     */
    boolean admit() {
        if (policy == LagPolicy.DROP || ring.hasAvailableCapacity(reserve)) {
            return true;
        }
        if (policy == LagPolicy.REJECT) {
            return false;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        IdleStrategy idle = admitIdle;
        idle.reset();
        while (!ring.hasAvailableCapacity(reserve)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    /** The matching thread's wait for room (the strategy keeps state: one per ring, not one for every engine). */
    private final IdleStrategy admitIdle = new BackoffIdleStrategy(10, 10, 1_000, 100_000);

    @Override
    public EventSlot claim() {
        long c;
        if (policy == LagPolicy.DROP) {
            try {
                c = ring.tryNext();
            } catch (InsufficientCapacityException e) {
                dropped.incrementAndGet();
                return null;
            }
        } else {
            // tryNext rather than next: the producing thread may change at a standby's promotion (handed over
            // by a join), which next()'s single-producer assertion would take for two producers at once
            while (true) {
                try {
                    c = ring.tryNext();
                    break;
                } catch (InsufficientCapacityException e) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1);
                }
            }
        }
        claimed = c;
        if (firstUnpublished < 0) {
            firstUnpublished = c;
        }
        return ring.get(c);
    }

    /** Slots are published together at the end of the command (one cursor store), or every quarter ring. */
    @Override
    public void publish() {
        if (claimed - firstUnpublished + 1 >= publishEvery) {
            endCommand();
        }
    }

    /** Publishes every slot the command claimed. */
    void endCommand() {
        if (firstUnpublished >= 0) {
            ring.publish(firstUnpublished, claimed);
            firstUnpublished = -1;
        }
    }

    long dropped() {
        return dropped.get();
    }

    long failures() {
        return failures.get();
    }

    long undeliverable() {
        return undeliverable.get();
    }

    /**
     * Waits until every consumer has processed everything published, then stops their threads.
     *
     * @param timeoutNanos how long to wait
     * @return false when the consumers did not finish in time (they are stopped anyway)
     */
    boolean shutdown(long timeoutNanos) {
        // not Disruptor.shutdown: it counts only consumers whose thread is already running, so an engine closed
        // before a consumer's thread started would halt it with every event undelivered
        long deadline = System.nanoTime() + timeoutNanos;
        long cursor = ring.getCursor();
        for (Gated h : handlers) {
            while (disruptor.getSequenceValueFor(h) < cursor) {
                if (System.nanoTime() - deadline >= 0) {
                    disruptor.halt();
                    return false;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        }
        disruptor.halt();
        return true;
    }

    /** Waits for durability, then calls the consumer, containing what it throws. */
    private final class Gated implements EventHandler<EventSlot> {
        private final String name;
        private final EngineEventHandler handler;
        private final boolean[] wanted = new boolean[EngineEvent.Kind.values().length];
        private final LongSupplier durable;
        private final JournalWriter writer;
        private final IdleStrategy idle = new BackoffIdleStrategy(20, 0, 10_000, 100_000);

        Gated(String name, EngineEventHandler handler, Set<EngineEvent.Kind> kinds, LongSupplier durable, JournalWriter writer) {
            this.name = name;
            this.handler = handler;
            for (EngineEvent.Kind k : kinds) {
                wanted[k.ordinal()] = true;
            }
            this.durable = durable;
            this.writer = writer;
        }

        @Override
        public void onEvent(EventSlot e, long sequence, boolean endOfBatch) {
            if (!wanted[e.kind]) {
                return;
            }
            if (durable.getAsLong() < e.commandSeq) {
                idle.reset();
                while (durable.getAsLong() < e.commandSeq) {
                    if (writer.failure() != null) {
                        undeliverable.incrementAndGet();
                        return;
                    }
                    idle.idle();
                }
            }
            try {
                handler.onEvent(e, endOfBatch);
            } catch (Throwable t) {
                long n = failures.incrementAndGet();
                if (n == 1 || n % 10_000 == 0) {
                    LOG.warn("consumer '{}' threw on {} (failure #{}; the event counts as delivered, later failures are"
                            + " counted and logged every 10,000th)", name, e, n, t);
                }
            }
        }
    }

    private final class Contain implements ExceptionHandler<EventSlot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, EventSlot event) {
            failures.incrementAndGet();
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failures.incrementAndGet();
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failures.incrementAndGet();
        }
    }
}
