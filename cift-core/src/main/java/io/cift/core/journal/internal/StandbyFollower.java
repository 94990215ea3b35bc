package io.cift.core.journal.internal;

import io.cift.core.CiftException;
import io.cift.core.internal.LogLimiter;
import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.StandbyEngine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** {@link StandbyEngine}: a {@link JournaledEngine} in standby mode and the thread that feeds it from the replica. */
public final class StandbyFollower implements StandbyEngine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StandbyFollower.class);

    private final JournaledEngine engine;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final LogLimiter unreachableLog = new LogLimiter(Duration.ofSeconds(10));
    private volatile boolean stopping;
    private volatile Throwable failure;
    private boolean promoted;
    private boolean closed;

    /**
     * Opens the engine (catching up with what the replica holds) and starts following.
     *
     * @param config the configuration, with a replica
     */
    public StandbyFollower(DurableEngineConfig config) {
        if (config.replica() == null) {
            throw new IllegalArgumentException("a standby needs a replica to follow (DurableEngineConfig.Builder.replica)");
        }
        this.engine = new JournaledEngine(config, true);
        applied.set(engine.lastSequence());
        this.thread = new Thread(this::follow, "cift-standby-" + engine.engineId());
        thread.setDaemon(true);
        thread.start();
        LOG.info("engine {}: standby following its replica from command {}", engine.engineId(), applied.get() + 1);
    }

    private void follow() {
        while (!stopping) {
            try {
                engine.follow(4096, Duration.ofMillis(10));
                applied.set(engine.lastSequence());
            } catch (CiftException e) {
                if (e instanceof JournalException) {
                    fail(e);
                    return;
                }
                unreachableLog.warn(LOG, "engine {}: standby cannot read its replica (retrying): {}", engine.engineId(),
                        e.getMessage());
                LockSupport.parkNanos(100_000_000);
            } catch (RuntimeException | Error e) {
                fail(e);
                return;
            }
        }
    }

    private void fail(Throwable e) {
        failure = e;
        LOG.error("engine {}: standby stopped following its replica at command {}", engine.engineId(), engine.lastSequence(), e);
    }

    @Override
    public String engineId() {
        return engine.engineId();
    }

    @Override
    public long appliedSequence() {
        return applied.get();
    }

    @Override
    public boolean awaitApplied(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.get() < sequence) {
            if (failure != null) {
                throw new JournalException("standby " + engine.engineId() + " stopped following at command " + applied.get(),
                        failure);
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized DurableEngine promote(Duration timeout) {
        if (promoted || closed) {
            throw new IllegalStateException("standby " + engine.engineId() + " is already " + (promoted ? "promoted" : "closed"));
        }
        stop();
        if (failure != null) {
            throw new JournalException("standby " + engine.engineId() + " cannot take over: it stopped following at command "
                    + applied.get(), failure);
        }
        engine.promote(timeout);
        applied.set(engine.lastSequence());
        promoted = true;
        return engine;
    }

    private void stop() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while stopping standby " + engine.engineId(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!promoted) {
            stop();
            engine.close();
        }
    }

    @Override
    public String toString() {
        return "StandbyFollower[" + engine + (promoted ? ", promoted" : "") + "]";
    }
}
