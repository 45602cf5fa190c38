package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay (Caffeine's {@code Scheduler}): the dialer's wake-ups (call delay,
 * the next cps second), its watchdogs and its trunk probes. Tests hand in one driven by a manual clock.
 */
@FunctionalInterface
public interface Scheduler {

    /** A task scheduled for later; cancelling one that ran, or was cancelled, does nothing. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }

    Scheduled after(Duration delay, Runnable task);

    static Scheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
