package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

class AutodialFlowTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    private static CallOutcome unanswered(Outcome outcome, int sipCode, int q850, Instant firstProvisional) {
        return new CallOutcome(outcome, sipCode, q850, "test", Party.LOCAL,
                new CallTimings(T0, firstProvisional, null, null, T0.plusSeconds(37)));
    }

    @Test
    void aRingTimeoutWithoutAnyResponseFromTheTrunkIsTheTrunksSilenceNotNoAnswer() {
        // sip-stack: our ring timeout came first, no CANCEL before a 1xx (RFC 3261 §9.1), NO_ANSWER 19.
        assertTrue(AutodialFlow.trunkNeverResponded(unanswered(Outcome.NO_ANSWER, 0, 19, null)));
    }

    @Test
    void aCallThatRangAndWasNotAnsweredIsNoAnswer() {
        assertFalse(AutodialFlow.trunkNeverResponded(unanswered(Outcome.NO_ANSWER, 0, 19, T0.plusMillis(30))));
        assertFalse(AutodialFlow.trunkNeverResponded(unanswered(Outcome.NO_ANSWER, 480, 18, null)), "480 is an answer");
        assertFalse(AutodialFlow.trunkNeverResponded(unanswered(Outcome.FAILED, 0, 102, null)),
                "Timer B is FAILED already");
    }
}
