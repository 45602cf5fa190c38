package org.outdial.engine.schedule;

import java.time.Instant;

/**
 * What the engine does when Quartz says it is time. {@link DialerScheduler}'s jobs are thin shells
 * that call these methods and nothing else.
 *
 * <p>{@code now} is the later of the trigger's scheduled fire time and the moment Quartz actually
 * fired it: never earlier than the time the work was scheduled for (Quartz may fire up to 2 ms
 * early), and later when Quartz fired late (a busy thread pool, a misfire, a restart after the
 * scheduled time). Implementations decide from {@code now} and must not read the clock.
 *
 * <p>Methods run on Quartz's worker threads. An exception is logged and the schedule goes on; it
 * is not retried.
 */
public interface ScheduledWork {

    /** The global pacing tick, every {@link SchedulerSettings#tick()}; never two at once. */
    void tick(Instant now);

    /**
     * The one pending event of an autodialer fired ({@link DialerScheduler#scheduleWindowEvent}):
     * its calling window opens or closes, or its end date passed. The implementation works out
     * which from the autodialer and {@code now}, and schedules the next event.
     */
    void windowEvent(long campaignId, Instant now);

    /** The daily cleanup at 04:00 server time (temporary audio and the like). */
    void cleanup(Instant now);

    /** Work that does nothing, for tests and for tools that only manage schedules. */
    static ScheduledWork none() {
        return new ScheduledWork() {
            @Override
            public void tick(Instant now) {
            }

            @Override
            public void windowEvent(long campaignId, Instant now) {
            }

            @Override
            public void cleanup(Instant now) {
            }
        };
    }
}
