package io.cift.cache.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SingleFlightTest {

    @Test
    void anErrorInTheComputationReachesEveryWaiterInsteadOfBlockingThem() throws Exception {
        SingleFlight flight = new SingleFlight();
        CountDownLatch leaderStarted = new CountDownLatch(1);
        CountDownLatch waiterQueued = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> leader = pool.submit(() -> flight.run("k", () -> {
                leaderStarted.countDown();
                try {
                    waiterQueued.await(5, TimeUnit.SECONDS);
                    Thread.sleep(100);   // let the waiter reach join()
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new StackOverflowError("computation failed");
            }));
            leaderStarted.await();
            Future<Object> waiter = pool.submit(() -> {
                waiterQueued.countDown();
                return flight.run("k", () -> "never computed: the leader is running");
            });
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThatThrownBy(leader::get).hasCauseInstanceOf(StackOverflowError.class);
                assertThatThrownBy(waiter::get).hasCauseInstanceOf(StackOverflowError.class)
                        .hasRootCauseMessage("computation failed");
            });
            // and the key is free again
            assertThat(flight.run("k", () -> "next")).isEqualTo("next");
        } finally {
            pool.shutdownNow();
        }
    }
}
