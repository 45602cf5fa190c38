package org.outdial.engine.dialer;

import java.time.Instant;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberState;

/**
 * How one attempt on one number ended, ready to be recorded.
 *
 * @param number                   the number as it was claimed
 * @param state                    the number state the attempt leaves it in
 * @param sipCode                  the final SIP response (200 when answered), null when no call was placed
 * @param q850Cause                the Q.850 cause, null when no call was placed
 * @param hangupBy                 who ended the call ("callee", "operator", "outdial"), null when no call was placed
 * @param secondsDialToClient      INVITE to the callee's final answer or refusal, null without a call
 * @param secondsForClientAnswered INVITE to answer, null when unanswered
 * @param secondsTalk              answer to end, null when unanswered; for a call with operators, the
 *                                 bridged talk with the operator, null when nobody took it
 * @param endedAt                  when the attempt ended
 * @param detail                   a short explanation for operators (audio error, restart, ...), or null
 * @param operator                 the operator side, for a campaign whose calls go to operators
 *                                 (GUARANTEED_DIAL, FREE, SMART, an AUTODIAL transfer); null for the others
 */
public record CallResult(long campaignId, AutodialNumber number, NumberState state, Integer sipCode,
                         Integer q850Cause, String hangupBy, Integer secondsDialToClient,
                         Integer secondsForClientAnswered, Integer secondsTalk, Instant endedAt, String detail,
                         OperatorLeg operator) {

    /** An attempt of a campaign without operators. */
    public CallResult(long campaignId, AutodialNumber number, NumberState state, Integer sipCode, Integer q850Cause,
                      String hangupBy, Integer secondsDialToClient, Integer secondsForClientAnswered,
                      Integer secondsTalk, Instant endedAt, String detail) {
        this(campaignId, number, state, sipCode, q850Cause, hangupBy, secondsDialToClient, secondsForClientAnswered,
                secondsTalk, endedAt, detail, null);
    }

    /**
     * The operator side of a call (seed 004 GET_CALLS_HISTORY), each null where it does not apply.
     *
     * @param operatorNumber             the line that took the call, or the last one offered it
     * @param secondsClientWaitOperator  from the start of the wait (the callee's answer; for an AUTODIAL
     *                                   transfer, the transfer) to the operator's answer or the give-up
     * @param secondsOperatorWaitCall    how long the operator had been free before this call rang them
     * @param secondsForOperatorAnswered INVITE to the operator's answer
     * @param secondsCharged             the callee's answered time, the seed's charged {@code seconds}
     * @param waitStart                  when the callee started waiting for an operator (after any audio);
     *                                   null when the call never reached the operator side
     * @param abandoned                  no operator on the line within the grace of {@code waitStart}
     *                                   (FCC 47 CFR 64.1200(a)(7); {@link OperatorConnect.Connection#abandoned})
     */
    public record OperatorLeg(String operatorNumber, Integer secondsClientWaitOperator,
                              Integer secondsOperatorWaitCall, Integer secondsForOperatorAnswered,
                              Integer secondsCharged, Instant waitStart, boolean abandoned) {

        /** A call of an operator campaign that never reached the operator side (unanswered, hung up during the audio). */
        public static final OperatorLeg NOT_REACHED = new OperatorLeg(null, null, null, null, null, null, false);
    }

    /** An attempt that placed no call (audio error before dialing, engine restart, ...). */
    public static CallResult withoutCall(long campaignId, AutodialNumber number, NumberState state, Instant at,
                                         String detail) {
        return new CallResult(campaignId, number, state, null, null, null, null, null, null, at, detail);
    }

    /** The same attempt with another detail. */
    public CallResult withDetail(String newDetail) {
        return new CallResult(campaignId, number, state, sipCode, q850Cause, hangupBy, secondsDialToClient,
                secondsForClientAnswered, secondsTalk, endedAt, newDetail, operator);
    }

    /** The same attempt as a call of an operator campaign that did not reach an operator. */
    public CallResult withOperatorSide() {
        return new CallResult(campaignId, number, state, sipCode, q850Cause, hangupBy, secondsDialToClient,
                secondsForClientAnswered, secondsTalk, endedAt, detail, OperatorLeg.NOT_REACHED);
    }

    /** The same attempt with what happened on the operator side. */
    public CallResult withOperator(OperatorConnect.Connection c) {
        Integer charged = secondsTalk; // the callee's answered time, from the callee's own outcome
        return new CallResult(campaignId, number, c.state(), sipCode, q850Cause, c.hangupBy(), secondsDialToClient,
                secondsForClientAnswered, c.secondsTalk(), endedAt, c.detail() != null ? c.detail() : detail,
                new OperatorLeg(c.operatorNumber(), c.secondsClientWaitOperator(), c.secondsOperatorWaitCall(),
                        c.secondsForOperatorAnswered(), charged, c.waitStart(), c.abandoned()));
    }

    public int talkSeconds() {
        return secondsTalk == null ? 0 : secondsTalk;
    }

    /** The seed's charged {@code seconds}: the callee's answered time. */
    public Integer seconds() {
        return operator != null && operator.secondsCharged() != null ? operator.secondsCharged() : secondsTalk;
    }

    /**
     * Whether the call counts as answered for pacing (the last call's {@code callDelayOnlyAnswered},
     * answer statistics): for a campaign with operators, answered by an operator (seed 004: "the
     * pause between calls will work only after calls answered by the operator"); otherwise by the callee.
     */
    public boolean answered() {
        return operator != null ? state == NumberState.ANSWER : secondsTalk != null;
    }

    /**
     * A person answered a call of a campaign with operators: one call of the abandonment ledger's
     * denominator (FCC 47 CFR 64.1200(a)(7) counts "calls answered by a live person"; without
     * answering-machine detection every answer is taken as a person's).
     */
    public boolean liveAnswered() {
        return operator != null && secondsForClientAnswered != null;
    }

    /** Live-answered, and no operator was on the line within the grace: the abandonment SMART is held under. */
    public boolean abandoned() {
        return liveAnswered() && operator.abandoned();
    }

    /** When the ledger counts a live-answered call: when its callee started waiting, or its end if it never did. */
    public Instant ledgerTime() {
        return operator != null && operator.waitStart() != null ? operator.waitStart() : endedAt;
    }
}
