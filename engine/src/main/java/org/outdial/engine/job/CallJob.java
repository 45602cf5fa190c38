package org.outdial.engine.job;

import java.time.Instant;
import java.util.List;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.NumberState;

/**
 * A call job as stored, with its calls (the rows GET_CALLS_HISTORY shows for it).
 *
 * @param id            the job's id: its {@code autodial_number} id
 * @param queuedByJobs  whether {@link CallJobs#add} queued it (only those can be canceled)
 * @param nextAttemptAt when its pending retry (or its deferred first call) is due, or null
 * @param canceledAt    when {@link CallJobs#cancel} canceled it, or null
 * @param calls         its calls, oldest first
 */
public record CallJob(long id, long campaignId, String phone, NumberState state, Instant stateAt, int calledCount,
                      Instant nextAttemptAt, boolean queuedByJobs, Instant canceledAt, String payload,
                      List<CallRecord> calls) {

    public CallJob {
        calls = List.copyOf(calls);
    }

    /** The last call, or null before the first one ended. */
    public CallRecord lastCall() {
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    /** Whether a retry (or a deferred first call) is pending: the job will be called again. */
    public boolean pending() {
        return nextAttemptAt != null && state != NumberState.DIALING;
    }
}
