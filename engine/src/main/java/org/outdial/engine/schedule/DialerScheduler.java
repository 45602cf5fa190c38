package org.outdial.engine.schedule;

import static org.quartz.CronScheduleBuilder.dailyAtHourAndMinute;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its JDBC job store in the engine's database, owning what happens at a time: the
 * global pacing tick, each autodialer's next window event (window opens or closes, end date), and
 * the daily cleanup. Schedules live in the {@code QRTZ_} tables (migration {@code V2__Quartz}), so
 * they survive a restart and the same setup clusters. The jobs only call {@link ScheduledWork}.
 */
public final class DialerScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DialerScheduler.class);

    private static final String GROUP = "outdial";
    private static final String WINDOW_GROUP = "window-events";
    private static final JobKey TICK_JOB = JobKey.jobKey("pacing-tick", GROUP);
    private static final TriggerKey TICK_TRIGGER = TriggerKey.triggerKey("pacing-tick", GROUP);
    private static final JobKey CLEANUP_JOB = JobKey.jobKey("daily-cleanup", GROUP);
    private static final TriggerKey CLEANUP_TRIGGER = TriggerKey.triggerKey("daily-cleanup", GROUP);

    /** The seed deletes temporary audio at 04:00 server time. */
    private static final int CLEANUP_HOUR = 4;

    /**
     * A trigger later than this is misfired and follows its misfire instruction; Quartz's
     * misfire scan also runs about this often. Late ticks skip to the next one, late window events
     * fire at once, a missed cleanup runs once.
     */
    private static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(5);

    /** How long {@link #close()} waits for running jobs before shutting down under them. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Quartz fires by the system clock; an event asked for in the past is placed on the same clock. */
    private static final InstantSource QUARTZ_CLOCK = InstantSource.system();

    private final Scheduler scheduler;
    /**
     * The window event this process last stored per autodialer and that has not fired yet. The
     * dialer asks for the same event on every look at an autodialer (after every call); storing it
     * again each time was two Quartz transactions per call, the most frequent commits while dialing
     * (docs/BENCHMARKS.md, mixed-load).
     */
    private final Map<Long, Instant> pending;

    private DialerScheduler(Scheduler scheduler, Map<Long, Instant> pending) {
        this.scheduler = scheduler;
        this.pending = pending;
    }

    /**
     * Starts Quartz on {@code dataSource}, whose database has the {@code QRTZ_} tables, (re)places
     * the pacing tick and the daily cleanup, and resumes the window events stored by an earlier run
     * (those missed while stopped fire at once).
     *
     * @throws SchedulingException if the database is neither H2 nor PostgreSQL or Quartz fails to start
     * @throws IllegalStateException if a scheduler with the same instance name runs in this process
     */
    public static DialerScheduler start(DataSource dataSource, SchedulerSettings settings, ScheduledWork work) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(work, "work");
        String name = settings.instanceName();
        if (SchedulerRepository.getInstance().lookup(name) != null) {
            throw new IllegalStateException("a scheduler named " + name + " already runs in this process");
        }
        QuartzDialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = QuartzDialect.of(connection);
        } catch (SQLException e) {
            throw new SchedulingException("cannot start the scheduler", e);
        }
        // Quartz finds connection providers by name in a process-wide registry; one name per
        // scheduler name, replaced on each start so that a restart uses the new pool.
        String dataSourceName = "outdial-scheduler-" + name;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
                new DataSourceConnectionProvider(dataSource));
        Scheduler scheduler = null;
        Map<Long, Instant> pending = new ConcurrentHashMap<>();
        try {
            scheduler = new StdSchedulerFactory(properties(settings, dialect, dataSourceName)).getScheduler();
            scheduler.setJobFactory(new ScheduledWorkJobFactory(forgettingFired(work, pending)));
            placeTick(scheduler, settings.tick());
            placeCleanup(scheduler);
            scheduler.start();
            return new DialerScheduler(scheduler, pending);
        } catch (SchedulerException e) {
            if (scheduler != null) {
                try {
                    scheduler.shutdown(false);
                } catch (SchedulerException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new SchedulingException("cannot start the scheduler", e);
        }
    }

    /** {@code work}, and a fired window event is no longer pending (before the work schedules the next). */
    private static ScheduledWork forgettingFired(ScheduledWork work, Map<Long, Instant> pending) {
        return new ScheduledWork() {
            @Override
            public void tick(Instant now) {
                work.tick(now);
            }

            @Override
            public void windowEvent(long campaignId, Instant now) {
                pending.remove(campaignId);
                work.windowEvent(campaignId, now);
            }

            @Override
            public void cleanup(Instant now) {
                work.cleanup(now);
            }
        };
    }

    private static Properties properties(SchedulerSettings settings, QuartzDialect dialect, String dataSourceName) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.instanceName());
        // Cluster nodes need distinct ids; a single node keeps Quartz's fixed one.
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, settings.clustered() ? "AUTO" : "NON_CLUSTERED");
        // A forgotten close() must not keep the JVM alive.
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", QuartzThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + settings.instanceName());
        p.setProperty("org.quartz.threadPool.shutdownWaitMillis", Long.toString(CLOSE_WAIT.toMillis()));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.delegateClass());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        p.setProperty("org.quartz.jobStore.makeThreadsDaemons", "true");
        // Job data as strings, not Java serialization: readable in the table, safe across versions.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        // Quartz 2.5 has no update check any more; nothing to switch off.
        return p;
    }

    /** Keeps a stored tick of the same period (and its rhythm); otherwise replaces it. */
    private static void placeTick(Scheduler scheduler, Duration tick) throws SchedulerException {
        if (scheduler.getTrigger(TICK_TRIGGER) instanceof SimpleTrigger stored
                && stored.getRepeatInterval() == tick.toMillis()) {
            return;
        }
        JobDetail job = newJob(ScheduledWorkJob.PacingTick.class).withIdentity(TICK_JOB).storeDurably().build();
        Trigger trigger = newTrigger().withIdentity(TICK_TRIGGER).forJob(job).startNow()
                .withSchedule(simpleSchedule().withIntervalInMilliseconds(tick.toMillis()).repeatForever()
                        // After a stop or a stall: the next tick on the rhythm, never catch-up ticks.
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    /**
     * Keeps a stored cleanup at the same hour in the same zone, so that one missed while the
     * engine was stopped still runs once at start; otherwise replaces it.
     */
    private static void placeCleanup(Scheduler scheduler) throws SchedulerException {
        TimeZone zone = TimeZone.getDefault();
        CronTrigger wanted = newTrigger().withIdentity(CLEANUP_TRIGGER).forJob(CLEANUP_JOB)
                .withSchedule(dailyAtHourAndMinute(CLEANUP_HOUR, 0).inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (scheduler.getTrigger(CLEANUP_TRIGGER) instanceof CronTrigger stored
                && stored.getCronExpression().equals(wanted.getCronExpression())
                && stored.getTimeZone().getID().equals(zone.getID())) {
            return;
        }
        JobDetail job = newJob(ScheduledWorkJob.Cleanup.class).withIdentity(CLEANUP_JOB).storeDurably().build();
        scheduler.scheduleJob(job, Set.of(wanted), true);
    }

    /**
     * Sets the one pending event of {@code campaignId} to {@code at}, replacing any earlier one.
     * An {@code at} in the past fires at once. Quartz keeps milliseconds: a finer {@code at} is
     * rounded up, so that the event never fires before it. Calling this from inside
     * {@link ScheduledWork#windowEvent} is how the next event is chained. Asking again for the
     * event already pending stores nothing.
     */
    public void scheduleWindowEvent(long campaignId, Instant at) {
        Objects.requireNonNull(at, "at");
        Instant present = QUARTZ_CLOCK.instant();
        Instant start = at.isBefore(present) ? present : roundUpToMillis(at);
        if (start.equals(pending.get(campaignId))) {
            return;
        }
        JobDetail job = newJob(ScheduledWorkJob.WindowEvent.class).withIdentity(windowJob(campaignId))
                .usingJobData(ScheduledWorkJob.AUTODIALER_ID, Long.toString(campaignId))
                .build();
        Trigger trigger = newTrigger().withIdentity(windowTrigger(campaignId)).forJob(job)
                .startAt(Date.from(start))
                .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            // Job and trigger are stored in one transaction; replace = the earlier event is gone.
            scheduler.scheduleJob(job, Set.of(trigger), true);
            pending.put(campaignId, start);
        } catch (SchedulerException e) {
            pending.remove(campaignId);
            throw new SchedulingException("cannot schedule the window event of autodialer " + campaignId, e);
        }
    }

    private static Instant roundUpToMillis(Instant at) {
        Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(at) ? at : millis.plusMillis(1);
    }

    /** Removes the pending event of {@code campaignId}, if any. */
    public void cancelWindowEvents(long campaignId) {
        pending.remove(campaignId);
        try {
            scheduler.deleteJob(windowJob(campaignId));
        } catch (SchedulerException e) {
            throw new SchedulingException("cannot cancel the window event of autodialer " + campaignId, e);
        }
    }

    /** When the pending event of {@code campaignId} fires; empty when none is pending (or it is firing). */
    public Optional<Instant> nextWindowEvent(long campaignId) {
        return nextFireTime(windowTrigger(campaignId));
    }

    /** When the daily cleanup fires next. */
    public Optional<Instant> nextCleanup() {
        return nextFireTime(CLEANUP_TRIGGER);
    }

    /** When the pacing tick fires next. */
    public Optional<Instant> nextTick() {
        return nextFireTime(TICK_TRIGGER);
    }

    private Optional<Instant> nextFireTime(TriggerKey key) {
        try {
            Trigger trigger = scheduler.getTrigger(key);
            return trigger == null ? Optional.empty() : Optional.ofNullable(trigger.getNextFireTime()).map(Date::toInstant);
        } catch (SchedulerException e) {
            throw new SchedulingException("cannot read trigger " + key, e);
        }
    }

    private static JobKey windowJob(long campaignId) {
        return JobKey.jobKey("autodialer-" + campaignId, WINDOW_GROUP);
    }

    private static TriggerKey windowTrigger(long campaignId) {
        return TriggerKey.triggerKey("autodialer-" + campaignId, WINDOW_GROUP);
    }

    /**
     * Stops firing, waits up to 10 s for running jobs to return, and shuts Quartz down. Stored
     * schedules stay; the next {@link #start} on the same database resumes them. The data source
     * stays open.
     */
    @Override
    public void close() {
        try {
            if (scheduler.isShutdown()) {
                return;
            }
            scheduler.standby();
            boolean idle = awaitIdle();
            if (!idle) {
                LOG.warn("scheduler {}: jobs still running after {}, shutting down under them: {}",
                        scheduler.getSchedulerName(), CLOSE_WAIT, scheduler.getCurrentlyExecutingJobs());
            }
            // Waiting also covers Quartz's bookkeeping after a job returns (QuartzThreadPool); not
            // waiting, because a job hangs, must not wait for it either.
            scheduler.shutdown(idle);
        } catch (SchedulerException e) {
            throw new SchedulingException("cannot shut the scheduler down", e);
        }
    }

    private boolean awaitIdle() throws SchedulerException {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
