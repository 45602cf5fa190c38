package org.outdial.sip.call;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The running {@link CallTimer}s of one call. Only touched under the call's lock; a timer that
 * fires as it is stopped still reaches the state machine, which drops it in a state where it
 * means nothing.
 */
final class CallTimers {

    /** Runs a task once after a delay. */
    @FunctionalInterface
    interface Scheduler {
        ScheduledFuture<?> schedule(Runnable task, Duration delay);
    }

    private final Scheduler scheduler;
    private final Map<CallTimer, ScheduledFuture<?>> running = new EnumMap<>(CallTimer.class);

    CallTimers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void start(CallTimer timer, Duration delay, Runnable fire) {
        stop(timer);
        running.put(timer, scheduler.schedule(fire, delay));
    }

    void stop(CallTimer timer) {
        ScheduledFuture<?> future = running.remove(timer);
        if (future != null) {
            future.cancel(false);
        }
    }

    void stopAll() {
        running.values().forEach(future -> future.cancel(false));
        running.clear();
    }
}
