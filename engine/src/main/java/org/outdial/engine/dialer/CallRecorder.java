package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.retry.RetryDecision;
import org.outdial.engine.retry.RetryPolicy;

/**
 * Records one attempt in one transaction (DESIGN.md "Record"): the call record, the number's
 * new state, counters and next attempt, the statistics, and the events in the outbox. A number
 * removed while it was being dialed still gets its call record.
 */
public final class CallRecorder {

    /** What the recording decided for the number. */
    public record Recorded(long callRecordId, NumberState state, Instant nextAttemptAt, boolean attemptsEnded) {
    }

    private final CampaignRepository campaigns;
    private final StateCounts counts;
    private final CallHistoryRepository history;
    private final EventOutbox outbox;

    public CallRecorder(CampaignRepository campaigns, StateCounts counts, CallHistoryRepository history,
                        EventOutbox outbox) {
        this.campaigns = campaigns;
        this.counts = counts;
        this.history = history;
        this.outbox = outbox;
    }

    public Recorded record(Connection c, CallResult result, RepeatCallsSettings repeat) throws SQLException {
        // The autodialer's row first, as every writer of an autodialer takes it first: no lock cycle.
        campaigns.addCallsDone(c, result.autodialerId(), 1);
        AutodialNumber n = result.number();
        RetryDecision retry = RetryPolicy.decide(repeat, result.state(), n.repeatCount(), result.talkSeconds(),
                result.endedAt());
        boolean stillThere = update(c, n, result, retry);
        int called = n.calledCount() + 1;
        long recordId = insertRecord(c, result, stillThere, called, n.realCalledCount() + 1);
        if (stillThere) {
            counts.move(c, result.autodialerId(), NumberState.DIALING, result.state(), 1);
        }
        Map<String, Object> payload = payload(result, recordId, called);
        Optional<TriggerEvent> event = OutcomeStates.eventFor(result.state());
        if (event.isPresent()) {
            outbox.append(c, result.autodialerId(), event.get(), payload, result.endedAt());
        }
        if (retry.attemptsEnded()) {
            outbox.append(c, result.autodialerId(), TriggerEvent.AUTODIAL_REPEAT_ATTEMPTS_ENDED, payload,
                    result.endedAt());
        }
        return new Recorded(recordId, result.state(), retry.nextAttemptAt(), retry.attemptsEnded());
    }

    /**
     * An attempt its trunk did not answer at all (docs/DIALER.md, "Trunk health"): a call record
     * that says so, and the number back in the queue as it was claimed, in its state, with its
     * counters and next attempt unchanged, so that it uses up no attempt. No event: the trunk's
     * going down has its own.
     */
    public long requeue(Connection c, CallResult result) throws SQLException {
        campaigns.lock(c, result.autodialerId()); // the autodialer's row first, as every writer takes it
        AutodialNumber n = result.number();
        boolean stillThere;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE autodial_number SET state = ?, next_attempt_at = ? WHERE id = ? AND state = 'DIALING'")) {
            ps.setString(1, n.state().name());
            if (n.nextAttemptAt() != null) {
                ps.setTimestamp(2, Timestamp.from(n.nextAttemptAt()));
            } else {
                ps.setNull(2, Types.TIMESTAMP);
            }
            ps.setLong(3, n.id());
            stillThere = ps.executeUpdate() == 1;
        }
        long recordId = insertRecord(c, result, stillThere, n.calledCount(), n.realCalledCount());
        if (stillThere) {
            counts.move(c, result.autodialerId(), NumberState.DIALING, n.state(), 1);
        }
        return recordId;
    }

    private long insertRecord(Connection c, CallResult result, boolean stillThere, int called, int realCalled)
            throws SQLException {
        AutodialNumber n = result.number();
        return history.insert(c, new CallRecord(0, result.autodialerId(), stillThere ? n.id() : null,
                n.phone(), result.state(), result.endedAt(), null, null, called, realCalled,
                result.secondsTalk(), result.secondsForClientAnswered(), result.secondsDialToClient(), null, null, null,
                result.secondsTalk(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), n.data().name(),
                n.data().note(), n.data().link(), n.data().params(), result.sipCode(), result.q850Cause(),
                result.hangupBy(), result.detail()));
    }

    /** Updates the number unless it was removed meanwhile; says whether it was there. */
    private static boolean update(Connection c, AutodialNumber n, CallResult result, RetryDecision retry)
            throws SQLException {
        boolean retrying = retry.nextAttemptAt() != null;
        try (PreparedStatement ps = c.prepareStatement("UPDATE autodial_number SET state = ?, state_at = ?, "
                + "called_count = called_count + 1, real_called_count = real_called_count + 1, "
                + "repeat_count = repeat_count + ?, next_attempt_at = ?, high_priority = high_priority OR ? "
                + "WHERE id = ? AND state = 'DIALING'")) {
            ps.setString(1, result.state().name());
            ps.setTimestamp(2, Timestamp.from(result.endedAt()));
            ps.setInt(3, retrying ? 1 : 0);
            if (retrying) {
                ps.setTimestamp(4, Timestamp.from(retry.nextAttemptAt()));
            } else {
                ps.setNull(4, Types.TIMESTAMP);
            }
            ps.setBoolean(5, retrying && retry.highPriority());
            ps.setLong(6, n.id());
            return ps.executeUpdate() == 1;
        }
    }

    private static Map<String, Object> payload(CallResult r, long recordId, int called) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("autodialerId", r.autodialerId());
        payload.put("callId", recordId);
        payload.put("phone", r.number().phone());
        payload.put("state", r.state().name());
        payload.put("calledCount", called);
        payload.put("sipCode", r.sipCode());
        payload.put("q850Cause", r.q850Cause());
        payload.put("secondsTalk", r.secondsTalk());
        return payload;
    }
}
