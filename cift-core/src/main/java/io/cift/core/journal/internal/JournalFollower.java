package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.internal.LogLimiter;
import io.cift.core.journal.EngineEventHandler;
import io.cift.core.journal.JournalException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A journal follower: a copy of the engine's state, taken when the engine opened, that replays the journal's
 * commands on a thread of its own as they become durable, and hands the events they make to a handler. The
 * events are the engine's own, numbered alike, yet the matching thread hands over nothing for them: a consumer
 * of every event (an order feed) costs it no more than the journal already does. The follower's book is a second
 * copy of the engine's, with the memory that takes.
 * <p>
 * The handler runs on the follower's thread; what it throws is counted and logged (at most once a second), and
 * the follower goes on. A follower that cannot read the journal stops, and says why in the log.
 */
final class JournalFollower implements Runnable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JournalFollower.class);

    private final String name;
    private final EngineEventHandler handler;
    private final Sequencer sequencer;
    private final EngineState state;
    private final JournalTail tail;
    private final LongSupplier durable;
    private final RecordCodec codec = new RecordCodec();
    private final JournalTail.Visitor apply = this::apply;
    /** Two slots in turn: an event is handed on when the next one is made, or with end of batch after the last. */
    private final EventSlot[] slots;
    private int held = -1;
    private int free;
    private final AtomicLong failures;
    private final LogLimiter failureLog = new LogLimiter(Duration.ofSeconds(1));
    private volatile boolean stopping;
    private final Thread thread;

    /**
     * Creates a follower (not started).
     *
     * @param name its name (it names the thread)
     * @param handler gets the events
     * @param engineId the engine's id, which the events carry
     * @param engine the engine's configuration
     * @param gated whether a risk gate stands in front of the engine
     * @param image the engine's state when it opened ({@link Snapshots#serialize}'s bytes)
     * @param dir the journal directory
     * @param segment the segment the engine appends to
     * @param position where its next record goes
     * @param durable the engine's durable sequence number
     * @param failures where handler failures are counted
     * @throws IOException when the segment cannot be opened
     */
    JournalFollower(String name, EngineEventHandler handler, String engineId, MatchingEngineConfig engine, boolean gated,
                    byte[] image, Path dir, Path segment, long position, LongSupplier durable, AtomicLong failures)
            throws IOException {
        this.name = name;
        this.handler = handler;
        this.durable = durable;
        this.failures = failures;
        this.sequencer = new Sequencer(new EngineCounters());
        sequencer.symbols.engineId = engineId;
        this.state = new EngineState(engine, sequencer, gated);
        Snapshots.Loaded loaded = Snapshots.parse(image, null);
        if (loaded == null) {
            throw new JournalException("follower " + name + ": the engine's state image does not check out");
        }
        loaded.restore(state, sequencer.counters);
        this.slots = new EventSlot[]{new EventSlot(sequencer.symbols), new EventSlot(sequencer.symbols)};
        sequencer.sink(new Sequencer.Sink() {
            @Override
            public EventSlot claim() {
                return slots[free];
            }

            @Override
            public void publish() {
                if (held >= 0) {
                    deliver(slots[held], false);
                }
                held = free;
                free ^= 1;
            }
        });
        this.tail = new JournalTail(dir, segment, position, sequencer.counters.commandSeq + 1);
        this.thread = new Thread(this, "cift-follower-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Gives up a follower that was never started (the engine failed to open): closes the journal file it opened. */
    void abandon() {
        try {
            tail.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /**
     * Lets the follower replay what is durable now, then stop; waits for it. Call it once the journal writer
     * has stopped, so that nothing more becomes durable.
     *
     * @param timeoutMillis how long to wait
     * @return whether it finished in time
     * @throws InterruptedException when interrupted while waiting
     */
    boolean finish(long timeoutMillis) throws InterruptedException {
        stopping = true;
        thread.join(timeoutMillis);
        return !thread.isAlive();
    }

    @Override
    public void run() {
        IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        try (JournalTail t = tail) {
            while (true) {
                boolean stop = stopping;   // read first: once set, what is durable no longer grows
                long last = durable.getAsLong();
                if (t.next() <= last) {
                    t.read(last, apply);
                    if (held >= 0) {
                        deliver(slots[held], true);
                        held = -1;
                    }
                    idle.reset();
                } else if (stop) {
                    return;
                } else {
                    idle.idle();
                }
            }
        } catch (Throwable e) {
            LOG.error("journal follower {} stopped at command {}: {}", name, sequencer.counters.commandSeq, e.toString(), e);
        }
    }

    private void apply(UnsafeBuffer b, int at, long seq) {
        sequencer.counters.commandSeq = seq;
        codec.apply(b, at, state);
    }

    private void deliver(EventSlot e, boolean endOfBatch) {
        try {
            handler.onEvent(e, endOfBatch);
        } catch (Throwable t) {
            failures.incrementAndGet();
            failureLog.warn(LOG, "journal follower {} failed on event {} of command {}: {}", name, e.eventSequence(),
                    e.commandSequence(), t.toString());
        }
    }
}
