package io.cift.analytics.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundTaskTest {

    @Test
    void runsThatThrowAnythingAreReportedAndTheScheduleGoesOn() throws Exception {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch fifth = new CountDownLatch(1);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            BackgroundTask.every(ex, Duration.ofMillis(5), () -> {
                int n = runs.incrementAndGet();
                if (n == 1) {
                    throw new ArithmeticException("long overflow");   // e.g. a far-future timestamp
                }
                if (n == 2) {
                    throw new StackOverflowError("deep");
                }
                if (n == 5) {
                    fifth.countDown();
                }
            }, t -> {
                failures.add(t);
                throw new IllegalStateException("a failing reporter must not stop it either");
            });
            assertThat(fifth.await(10, TimeUnit.SECONDS)).as("the task ran on after its failures").isTrue();
            assertThat(failures).hasSize(2);
            assertThat(failures.get(0)).isInstanceOf(ArithmeticException.class);
            assertThat(failures.get(1)).isInstanceOf(StackOverflowError.class);
        } finally {
            ex.shutdownNow();
        }
    }
}
