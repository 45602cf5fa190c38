package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The dialer's threads as a test drives them: looks run only when the test drains them, on the
 * test's thread; call flows run on virtual threads that are counted; delayed work runs when the
 * test's clock has passed it and the test drains. {@link #drain} returns once nothing is left to
 * do, so a test can assert that something did not happen without sleeping.
 */
final class ManualThreads {

    private record Timed(Instant due, Runnable task, boolean[] cancelled) {
    }

    private final InstantSource clock;
    private final ConcurrentLinkedQueue<Runnable> looks = new ConcurrentLinkedQueue<>();
    private final List<Timed> timed = new ArrayList<>();
    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger running = new AtomicInteger();

    ManualThreads(InstantSource clock) {
        this.clock = clock;
    }

    DialerThreads threads() {
        Executor calls = task -> {
            running.incrementAndGet();
            virtual.execute(() -> {
                try {
                    task.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        };
        Scheduler scheduler = (delay, task) -> {
            boolean[] cancelled = {false};
            synchronized (timed) {
                timed.add(new Timed(clock.instant().plus(delay), task, cancelled));
            }
            return () -> cancelled[0] = true;
        };
        return new DialerThreads(looks::add, calls, scheduler, virtual::shutdownNow);
    }

    /**
     * Runs looks, due timers and call flows until none is left, except the call flows that stay up
     * on purpose ({@code parked}: held or silent calls of the fake telephony).
     */
    void drain(IntSupplier parked) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            boolean ran = false;
            for (Runnable look; (look = looks.poll()) != null; ) {
                look.run();
                ran = true;
            }
            for (Runnable task : due()) {
                task.run();
                ran = true;
            }
            // Flows queue their look before they count themselves out: read the count first.
            if (!ran && running.get() <= parked.getAsInt() && looks.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the dialer did not settle: " + running.get() + " call flows running, "
                        + parked.getAsInt() + " parked, " + looks.size() + " looks queued");
            }
            Thread.onSpinWait();
        }
    }

    /** Scheduled tasks pending and not cancelled (watchdogs, wake-ups, probes). */
    int pendingTimers() {
        synchronized (timed) {
            return (int) timed.stream().filter(t -> !t.cancelled()[0]).count();
        }
    }

    private List<Runnable> due() {
        Instant now = clock.instant();
        List<Runnable> due = new ArrayList<>();
        synchronized (timed) {
            timed.removeIf(t -> {
                if (t.cancelled()[0]) {
                    return true;
                }
                if (!t.due().isAfter(now)) {
                    due.add(t.task());
                    return true;
                }
                return false;
            });
        }
        return due;
    }
}
