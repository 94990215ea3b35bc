package io.cift.core.risk;

/**
 * A source of monotonic nanoseconds, injected so that time-driven checks are deterministic in tests. Called on
 * the thread that runs the risk checks (the matching thread), so it must be cheap and must not block.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /**
     * The current time.
     *
     * @return monotonic nanoseconds from an arbitrary origin
     */
    long nanoTime();
}
