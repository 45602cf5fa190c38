package org.outdial.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.testing.Await;

class QuartzThreadPoolTest {

    @Test
    void aJobHandedOverWhileTheSchedulerThreadIsInterruptedStillRunsAndTheInterruptIsKept() throws Exception {
        QuartzThreadPool pool = new QuartzThreadPool();
        pool.setThreadCount(1);
        pool.setThreadNamePrefix("pool-test");
        pool.initialize();
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        pool.runInThread(() -> await(firstMayEnd));
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread scheduler = Thread.ofPlatform().name("scheduler").start(() -> {
            accepted.complete(pool.runInThread(secondRan::countDown));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        Await.until("the scheduler thread waits for the busy worker", Duration.ofSeconds(5),
                () -> scheduler.getState() == Thread.State.WAITING);

        scheduler.interrupt(); // what Quartz's halt() does at shutdown
        firstMayEnd.countDown();

        assertTrue(accepted.get(5, TimeUnit.SECONDS), "the job was accepted, not refused (Quartz logs a refusal as ERROR)");
        assertTrue(secondRan.await(5, TimeUnit.SECONDS), "and it ran");
        assertEquals(true, stillInterrupted.get(5, TimeUnit.SECONDS), "the interrupt is kept for the next wait");
        pool.shutdown(true);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
