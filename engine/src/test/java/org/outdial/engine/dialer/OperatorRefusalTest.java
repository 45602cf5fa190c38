package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.outdial.engine.operator.OperatorClaims.Refusal;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

/** How an operator's leg that was not taken is reported to the claims. */
class OperatorRefusalTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    private static CallOutcome ended(Outcome outcome, int sipCode, boolean rang) {
        return new CallOutcome(outcome, sipCode, 0, "test", Party.REMOTE,
                new CallTimings(T0, rang ? T0 : null, rang ? T0 : null, null, T0.plusSeconds(5)));
    }

    @Test
    void ringingOutIsNoAnswer() {
        assertEquals(Refusal.NO_ANSWER, OperatorConnect.refusal(ended(Outcome.NO_ANSWER, 487, true)));
        assertEquals(Refusal.NO_ANSWER, OperatorConnect.refusal(null), "no word from the network at all");
    }

    @Test
    void busyIsBusyAndADeclineIsDeclined() {
        assertEquals(Refusal.BUSY, OperatorConnect.refusal(ended(Outcome.BUSY, 486, false)));
        assertEquals(Refusal.DECLINED, OperatorConnect.refusal(ended(Outcome.REJECTED, 603, true)));
    }

    @Test
    void aLegThatFailedBeforeRingingIsUnreachableAndOneThatRangIsDeclined() {
        assertEquals(Refusal.UNREACHABLE, OperatorConnect.refusal(ended(Outcome.FAILED, 0, false)),
                "not registered, a transport error");
        assertEquals(Refusal.UNREACHABLE, OperatorConnect.refusal(ended(Outcome.CANCELLED, 0, false)));
        assertEquals(Refusal.DECLINED, OperatorConnect.refusal(ended(Outcome.FAILED, 500, true)));
    }
}
