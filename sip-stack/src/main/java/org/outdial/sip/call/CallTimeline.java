package org.outdial.sip.call;

import java.time.Instant;
import org.outdial.sip.outcome.CallTimings;

/** The moments of one call as they happen, each kept the first time; {@link CallTimings} is its value. */
final class CallTimeline {

    private Instant dialed;
    private Instant firstProvisional;
    private Instant ringing;
    private Instant answered;
    private Instant ended;

    /** The call was dialed: the INVITE left, or the call could not be placed. */
    void dialed(Instant at) {
        dialed = at;
    }

    void provisional(Instant at, boolean alerting) {
        if (firstProvisional == null) {
            firstProvisional = at;
        }
        if (alerting && ringing == null) {
            ringing = at;
        }
    }

    void answered(Instant at) {
        answered = at;
    }

    /** The call ended for us: BYE sent, or the final word. Later calls keep the first moment. */
    void ended(Instant at) {
        if (ended == null) {
            ended = at;
        }
    }

    CallTimings timings() {
        return new CallTimings(dialed, firstProvisional, ringing, answered, ended);
    }
}
