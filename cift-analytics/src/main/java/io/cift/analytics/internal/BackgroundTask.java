package io.cift.analytics.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A task repeated with a fixed delay that nothing can stop but cancelling it: whatever one run throws,
 * an {@link Error} included, is handed to a handler and the next run still comes (a task scheduled
 * directly is cancelled for good by its first exception).
 */
final class BackgroundTask {

    private BackgroundTask() {
    }

    /**
     * Schedules {@code task} now and then every {@code delay} after each run ends.
     *
     * @param executor the executor
     * @param delay the delay, positive
     * @param task the work
     * @param failed told of every run that threw (must not throw itself; what it throws is ignored)
     * @return the schedule, to cancel it
     */
    static ScheduledFuture<?> every(ScheduledExecutorService executor, Duration delay, Runnable task, Consumer<Throwable> failed) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                try {
                    failed.accept(t);
                } catch (Throwable ignored) {
                    // the schedule must survive its own reporting
                }
            }
        }, 0, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
