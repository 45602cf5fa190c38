package org.outdial.engine.schedule;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds our jobs with the {@link ScheduledWork} they call, instead of Quartz's no-argument reflection. */
final class ScheduledWorkJobFactory implements JobFactory {

    private final ScheduledWork work;

    ScheduledWorkJobFactory(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type == ScheduledWorkJob.PacingTick.class) {
            return new ScheduledWorkJob.PacingTick(work);
        }
        if (type == ScheduledWorkJob.WindowEvent.class) {
            return new ScheduledWorkJob.WindowEvent(work);
        }
        if (type == ScheduledWorkJob.Cleanup.class) {
            return new ScheduledWorkJob.Cleanup(work);
        }
        throw new SchedulerException("not an Outdial job: " + type.getName());
    }
}
