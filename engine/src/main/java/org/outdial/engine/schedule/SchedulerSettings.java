package org.outdial.engine.schedule;

import java.time.Duration;

/**
 * How the engine's Quartz scheduler runs.
 *
 * @param instanceName Quartz's scheduler name ({@code SCHED_NAME} in the {@code QRTZ_} tables): every
 *                     node of one cluster uses the same name, and a restart must keep it to find its
 *                     schedules again; one process runs at most one scheduler per name
 * @param clustered    whether several engine processes share the database (Quartz then takes row
 *                     locks and moves a dead node's work to the others)
 * @param tick         period of the global pacing tick
 * @param threadCount  Quartz worker threads: the tick, window events and cleanup run on them
 */
public record SchedulerSettings(String instanceName, boolean clustered, Duration tick, int threadCount) {

    /** {@code SCHED_NAME VARCHAR(120)} in Quartz's DDL. */
    private static final int MAX_INSTANCE_NAME = 120;
    private static final Duration MIN_TICK = Duration.ofMillis(10);
    private static final Duration MAX_TICK = Duration.ofMinutes(10);

    public SchedulerSettings {
        if (instanceName == null || instanceName.isBlank() || instanceName.length() > MAX_INSTANCE_NAME) {
            throw new IllegalArgumentException(
                    "scheduler.instance-name must be 1.." + MAX_INSTANCE_NAME + " characters, was " + instanceName);
        }
        if (tick == null || tick.compareTo(MIN_TICK) < 0 || tick.compareTo(MAX_TICK) > 0) {
            throw new IllegalArgumentException("scheduler.tick must be 10ms..10m, was " + tick);
        }
        if (threadCount < 1 || threadCount > 100) {
            throw new IllegalArgumentException("scheduler.thread-count must be 1..100, was " + threadCount);
        }
    }

    /** Name {@code outdial}, not clustered, a 1 s tick, 4 threads. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings("outdial", false, Duration.ofSeconds(1), 4);
    }

    public SchedulerSettings withInstanceName(String name) {
        return new SchedulerSettings(name, clustered, tick, threadCount);
    }

    public SchedulerSettings withTick(Duration period) {
        return new SchedulerSettings(instanceName, clustered, period, threadCount);
    }
}
