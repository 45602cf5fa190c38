package org.outdial.engine.dialer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberRepository;
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
    private final NumberRepository numbers;
    private final StateCounts counts;
    private final CallHistoryRepository history;
    private final EventOutbox outbox;

    public CallRecorder(CampaignRepository campaigns, NumberRepository numbers, StateCounts counts,
                        CallHistoryRepository history, EventOutbox outbox) {
        this.campaigns = campaigns;
        this.numbers = numbers;
        this.counts = counts;
        this.history = history;
        this.outbox = outbox;
    }

    /**
     * Records {@code result} in the caller's transaction, which may hold other autodialers' row
     * locks already (outcomes share transactions: {@code Transactor.inSharedTransaction}).
     */
    public Recorded record(Connection c, CallResult result, RepeatCallsSettings repeat) throws SQLException {
        // The autodialer's row first, as every writer of an autodialer takes it first: its UPDATE
        // takes the row lock that numbers.recordAttempt needs (NumberRepository's invariant). A
        // gone autodialer has no row and no numbers: only the call record is written.
        boolean locked = campaigns.addCallsDone(c, result.campaignId(), 1);
        AutodialNumber n = result.number();
        RetryDecision retry = RetryPolicy.decide(repeat, result.state(), n.repeatCount(), result.talkSeconds(),
                result.endedAt());
        boolean stillThere = locked && numbers.recordAttempt(c, n.id(), new NumberRepository.Attempt(result.state(),
                result.endedAt(), retry.nextAttemptAt(), retry.highPriority()));
        int called = n.calledCount() + 1;
        long recordId = insertRecord(c, result, stillThere, called, n.realCalledCount() + 1);
        if (stillThere) {
            counts.move(c, result.campaignId(), NumberState.DIALING, result.state(), 1);
        }
        Map<String, Object> payload = payload(result, recordId, called);
        Optional<TriggerEvent> event = OutcomeStates.eventFor(result.state());
        if (event.isPresent()) {
            outbox.append(c, result.campaignId(), event.get(), payload, result.endedAt());
        }
        if (result.liveAnswered()) {
            // The regulator's record: written with the call, counted in memory once it commits (CallRun).
            AbandonmentLedger.insert(c, result.campaignId(), result.ledgerTime(), result.abandoned());
        }
        if (retry.attemptsEnded()) {
            outbox.append(c, result.campaignId(), TriggerEvent.AUTODIAL_REPEAT_ATTEMPTS_ENDED, payload,
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
        // The autodialer's row first, as every writer takes it (NumberRepository's invariant).
        boolean locked = campaigns.lock(c, result.campaignId()).isPresent();
        AutodialNumber n = result.number();
        boolean stillThere = locked && numbers.returnToQueue(c, n);
        long recordId = insertRecord(c, result, stillThere, n.calledCount(), n.realCalledCount());
        if (stillThere) {
            counts.move(c, result.campaignId(), NumberState.DIALING, n.state(), 1);
        }
        return recordId;
    }

    private long insertRecord(Connection c, CallResult result, boolean stillThere, int called, int realCalled)
            throws SQLException {
        AutodialNumber n = result.number();
        CallResult.OperatorLeg op = result.operator() == null ? CallResult.OperatorLeg.NOT_REACHED : result.operator();
        return history.insert(c, new CallRecord(0, result.campaignId(), stillThere ? n.id() : null,
                n.phone(), result.state(), result.endedAt(), op.operatorNumber(), null, called, realCalled,
                result.seconds(), result.secondsForClientAnswered(), result.secondsDialToClient(),
                op.secondsClientWaitOperator(), op.secondsOperatorWaitCall(), op.secondsForOperatorAnswered(),
                result.secondsTalk(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), n.data().name(),
                n.data().note(), n.data().link(), n.data().params(), result.sipCode(), result.q850Cause(),
                result.hangupBy(), result.detail()));
    }

    private static Map<String, Object> payload(CallResult r, long recordId, int called) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("autodialerId", r.campaignId());
        payload.put("callId", recordId);
        payload.put("phone", r.number().phone());
        // Standard JSON's callName and callNote (seed 004, "autodialers calls completion events").
        payload.put("name", r.number().data().name());
        payload.put("note", r.number().data().note());
        payload.put("state", r.state().name());
        payload.put("calledCount", called);
        payload.put("sipCode", r.sipCode());
        payload.put("q850Cause", r.q850Cause());
        payload.put("secondsTalk", r.secondsTalk());
        if (r.operator() != null) {
            payload.put("operatorNumber", r.operator().operatorNumber());
            payload.put("hangupBy", r.hangupBy());
        }
        return payload;
    }
}
