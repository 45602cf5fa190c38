package org.outdial.engine.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Quartz job that hands its firing to {@link ScheduledWork}. Subclasses are built by
 * {@link ScheduledWorkJobFactory}, never by Quartz's reflection.
 *
 * <p>The subclasses' names are stored in {@code QRTZ_JOB_DETAILS.JOB_CLASS_NAME}: renaming or
 * moving one needs a migration that rewrites that column.
 */
abstract sealed class ScheduledWorkJob implements Job
        permits ScheduledWorkJob.PacingTick, ScheduledWorkJob.WindowEvent, ScheduledWorkJob.Cleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledWorkJob.class);

    /** Key of the autodialer id in a window event's job data (a string: the store keeps properties only). */
    static final String AUTODIALER_ID = "autodialerId";

    final ScheduledWork work;

    ScheduledWorkJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public final void execute(JobExecutionContext context) {
        Instant now = firedAt(context);
        try {
            run(context, now);
        } catch (RuntimeException e) {
            // Quartz would log a job's exception at INFO and forget it; the schedule goes on either way.
            LOG.error("{} failed at {}", context.getJobDetail().getKey(), now, e);
        }
    }

    abstract void run(JobExecutionContext context, Instant now);

    /** See {@link ScheduledWork}: Quartz fires up to 2 ms early, and late after a misfire. */
    static Instant firedAt(JobExecutionContext context) {
        Instant fired = context.getFireTime().toInstant();
        Instant scheduled = context.getScheduledFireTime().toInstant();
        return fired.isAfter(scheduled) ? fired : scheduled;
    }

    @DisallowConcurrentExecution
    static final class PacingTick extends ScheduledWorkJob {

        PacingTick(ScheduledWork work) {
            super(work);
        }

        @Override
        void run(JobExecutionContext context, Instant now) {
            // A tick that ran longer than the period leaves the trigger's next fire times behind;
            // Quartz fires those at once while they are within the misfire threshold. Pacing wants
            // the next tick, not a burst of late ones.
            if (context.getTrigger() instanceof SimpleTrigger trigger
                    && lateness(context) >= trigger.getRepeatInterval()) {
                return;
            }
            work.tick(now);
        }

        private static long lateness(JobExecutionContext context) {
            return context.getFireTime().getTime() - context.getScheduledFireTime().getTime();
        }
    }

    /** One job per autodialer, so two events of one autodialer never run at once. */
    @DisallowConcurrentExecution
    static final class WindowEvent extends ScheduledWorkJob {

        WindowEvent(ScheduledWork work) {
            super(work);
        }

        @Override
        void run(JobExecutionContext context, Instant now) {
            work.windowEvent(context.getMergedJobDataMap().getLongValueFromString(AUTODIALER_ID), now);
        }
    }

    @DisallowConcurrentExecution
    static final class Cleanup extends ScheduledWorkJob {

        Cleanup(ScheduledWork work) {
            super(work);
        }

        @Override
        void run(JobExecutionContext context, Instant now) {
            work.cleanup(now);
        }
    }
}
