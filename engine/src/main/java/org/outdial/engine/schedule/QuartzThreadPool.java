package org.outdial.engine.schedule;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's worker threads, set up by {@link DialerScheduler} ({@code org.quartz.threadPool.class});
 * public only because Quartz instantiates it by name.
 *
 * <p>Quartz's {@code SimpleThreadPool} takes up to 500 ms to stop even when idle, because its
 * workers poll every 500 ms; this one stops at once when idle, and waits a bounded time for jobs
 * that still run, including Quartz's own bookkeeping after a job returns.
 */
public final class QuartzThreadPool implements ThreadPool {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzThreadPool.class);

    private final Object lock = new Object();
    private int threadCount = 1;
    private String threadNamePrefix = "quartz";
    private long shutdownWaitMillis = 10_000;
    private ExecutorService executor;
    private int busy;
    private boolean shutdown;

    /** Property {@code org.quartz.threadPool.threadCount}. */
    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    /** Property {@code org.quartz.threadPool.threadNamePrefix}. */
    public void setThreadNamePrefix(String threadNamePrefix) {
        this.threadNamePrefix = threadNamePrefix;
    }

    /** Property {@code org.quartz.threadPool.shutdownWaitMillis}: how long a waiting shutdown waits for jobs. */
    public void setShutdownWaitMillis(long shutdownWaitMillis) {
        this.shutdownWaitMillis = shutdownWaitMillis;
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        if (threadCount < 1) {
            throw new SchedulerConfigException("threadCount must be at least 1, was " + threadCount);
        }
        // Daemons: a forgotten close() must not keep the JVM alive.
        executor = Executors.newFixedThreadPool(threadCount,
                Thread.ofPlatform().name(threadNamePrefix + "-", 1).daemon(true).factory());
    }

    @Override
    public boolean runInThread(Runnable runnable) {
        synchronized (lock) {
            awaitFreeThread();
            busy++;
        }
        try {
            executor.execute(() -> {
                try {
                    runnable.run();
                } finally {
                    release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Shut down under Quartz's feet. Refusing would put the trigger in ERROR state for
            // good, so the job runs on a thread of its own, as SimpleThreadPool does.
            Thread.ofPlatform().name(threadNamePrefix + "-last").daemon(true).start(() -> {
                try {
                    runnable.run();
                } finally {
                    release();
                }
            });
        }
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        synchronized (lock) {
            // An interrupt (Quartz's halt) ends this wait: the scheduler thread then sees it is halted.
            while (busy >= threadCount && !shutdown) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return Math.max(0, threadCount - busy);
        }
    }

    /**
     * Waits, holding {@link #lock}, until a thread is free or the pool shuts down, for
     * {@link #runInThread}. An interrupt does not end this wait: Quartz interrupts its scheduler
     * thread at shutdown only to wake it, and {@link #shutdown} wakes this wait anyway, while
     * answering "no thread" would make Quartz log an ERROR and put the job's triggers in ERROR
     * state, where Quartz fires them no more. The interrupt is put back for the
     * thread's next wait.
     */
    private void awaitFreeThread() {
        boolean interrupted = false;
        while (busy >= threadCount && !shutdown) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        synchronized (lock) {
            busy--;
            lock.notifyAll();
        }
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        synchronized (lock) {
            shutdown = true;
            lock.notifyAll();
        }
        executor.shutdown();
        if (!waitForJobsToComplete) {
            return;
        }
        try {
            if (!executor.awaitTermination(shutdownWaitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: jobs still running {} ms after shutdown; not waiting longer", threadNamePrefix,
                        shutdownWaitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void setInstanceId(String schedInstId) {
    }

    @Override
    public void setInstanceName(String schedName) {
    }
}
