package org.outdial.engine.dialer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the dialer's work runs: looks at campaigns one at a time ({@code evaluations} must run
 * one task at a time, in order), each call flow on its own virtual thread ({@code calls}), and
 * the delayed work ({@code scheduler}). Tests hand in executors they drain themselves.
 *
 * @param stop what {@link #close()} does to the executors; nothing for executors owned elsewhere
 */
public record DialerThreads(Executor evaluations, Executor calls, Scheduler scheduler, Runnable stop)
        implements AutoCloseable {

    /** One daemon thread for the looks and the timers, a virtual thread per call. */
    public static DialerThreads start() {
        ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outdial-dialer");
            t.setDaemon(true);
            return t;
        });
        // close() drops the looks scheduled for later and lets the running one finish.
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Cancelled watchdogs (one per call, an hour or more ahead) leave the queue at once.
        loop.setRemoveOnCancelPolicy(true);
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        return new DialerThreads(loop, calls, Scheduler.of(loop), () -> {
            // Not shutdownNow: an interrupt that lands while the loop's claim writes the database
            // file closes the file channel, and H2 closes the database with it (see Transactions).
            loop.shutdown();
            calls.shutdown();
            try {
                if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                    loop.shutdownNow();
                }
                if (!calls.awaitTermination(5, TimeUnit.SECONDS)) {
                    calls.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        stop.run();
    }
}
