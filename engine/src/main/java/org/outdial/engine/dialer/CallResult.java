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
 * @param hangupBy                 who ended the call ("callee", "outdial", ...), null when no call was placed
 * @param secondsDialToClient      INVITE to the callee's final answer or refusal, null without a call
 * @param secondsForClientAnswered INVITE to answer, null when unanswered
 * @param secondsTalk              answer to end, null when unanswered
 * @param endedAt                  when the attempt ended
 * @param detail                   a short explanation for operators (audio error, restart, ...), or null
 */
public record CallResult(long campaignId, AutodialNumber number, NumberState state, Integer sipCode,
                         Integer q850Cause, String hangupBy, Integer secondsDialToClient,
                         Integer secondsForClientAnswered, Integer secondsTalk, Instant endedAt, String detail) {

    /** An attempt that placed no call (audio error before dialing, engine restart, ...). */
    public static CallResult withoutCall(long campaignId, AutodialNumber number, NumberState state, Instant at,
                                         String detail) {
        return new CallResult(campaignId, number, state, null, null, null, null, null, null, at, detail);
    }

    /** The same attempt with another detail. */
    public CallResult withDetail(String newDetail) {
        return new CallResult(campaignId, number, state, sipCode, q850Cause, hangupBy, secondsDialToClient,
                secondsForClientAnswered, secondsTalk, endedAt, newDetail);
    }

    public int talkSeconds() {
        return secondsTalk == null ? 0 : secondsTalk;
    }
}
