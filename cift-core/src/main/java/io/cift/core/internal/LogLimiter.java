package io.cift.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated log message through the first time, then at most once per interval, and says how many
 * were held back meanwhile, so that a failure repeated on every call logs a line now and then, not a line
 * a call. Thread-safe, lock-free.
 */
public final class LogLimiter {
    private static final long NEVER = Long.MIN_VALUE;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(NEVER);
    private final AtomicLong held = new AtomicLong();

    /**
     * Creates a limiter.
     *
     * @param interval the least time between two messages let through
     */
    public LogLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Asks whether this occurrence may be logged.
     *
     * @return -1 when it must not; otherwise how many occurrences were held back since the last one logged
     */
    public long admit() {
        long now = System.nanoTime();
        long n = next.get();
        if ((n != NEVER && now - n < 0) || !next.compareAndSet(n, now + intervalNanos)) {
            held.incrementAndGet();
            return -1;
        }
        return held.getAndSet(0);
    }

    /**
     * Logs a warning when {@link #admit()} lets it through, saying how many were held back since the last
     * one.
     *
     * @param log the logger
     * @param format the message, with {@code {}} placeholders
     * @param args the placeholders' values
     */
    public void warn(org.slf4j.Logger log, String format, Object... args) {
        long held = admit();
        if (held >= 0) {
            log.warn(held > 0 ? format + " (" + held + " more since the last message)" : format, args);
        }
    }
}
