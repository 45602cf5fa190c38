package org.outdial.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.number.NumberState;

class RetryPolicyTest {

    private static final Instant END = Instant.parse("2024-06-03T10:00:00Z");

    /** The seed's example: ANSWER 2 attempts every 15 min under 20 s; NOANSWER every 60 min. */
    private static RepeatCallsSettings seed(boolean highPriority) {
        return new RepeatCallsSettings(true, highPriority, Map.of(
                NumberState.ANSW_RJCT, new StateRepeat(2, 15, 20),
                NumberState.NOANSWER, new StateRepeat(3, 60, null),
                NumberState.BUSY, new StateRepeat(0, 5, null)));
    }

    @Test
    void aCampaignWithoutRepeatSettingsNeverRetriesAndNeverEndsAttempts() {
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(null, NumberState.NOANSWER, 0, 0, END));
    }

    @Test
    void aStateWithoutARuleIsNotRetriedAndNotEnded() {
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(seed(false), NumberState.FAIL, 0, 0, END));
    }

    @Test
    void zeroAttemptsDisablesTheRule() {
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(seed(false), NumberState.BUSY, 0, 0, END));
    }

    @Test
    void aStateTheSeedDoesNotRepeatIsNotRetriedEvenWithARule() {
        RepeatCallsSettings s = new RepeatCallsSettings(true, false, Map.of(NumberState.WRONG_DIR, new StateRepeat(3, 5, null)));
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(s, NumberState.WRONG_DIR, 0, 0, END));
    }

    @Test
    void theIntervalIsCountedFromTheCallsEnd() {
        RetryDecision d = RetryPolicy.decide(seed(false), NumberState.NOANSWER, 0, 0, END);
        assertEquals(END.plusSeconds(60 * 60), d.nextAttemptAt());
        assertFalse(d.attemptsEnded());
        assertFalse(d.highPriority());
    }

    @Test
    void repeatsGoToThePriorityQueueWhenTheSettingsSaySo() {
        assertTrue(RetryPolicy.decide(seed(true), NumberState.NOANSWER, 0, 0, END).highPriority());
    }

    @Test
    void attemptsEndWhenTheRepeatsDoneReachTheRulesAttempts() {
        assertTrue(RetryPolicy.decide(seed(false), NumberState.NOANSWER, 2, 0, END).retry(), "third repeat of three");
        RetryDecision d = RetryPolicy.decide(seed(false), NumberState.NOANSWER, 3, 0, END);
        assertNull(d.nextAttemptAt());
        assertTrue(d.attemptsEnded());
        assertFalse(d.highPriority());
    }

    @Test
    void repeatsDoneCountAcrossStates() {
        // Two repeats already made after NOANSWER; an answered call now meets the ANSW_RJCT rule of 2.
        RetryDecision d = RetryPolicy.decide(seed(false), NumberState.ANSW_RJCT, 2, 5, END);
        assertTrue(d.attemptsEnded());
    }

    @Test
    void anAnsweredCallShorterThanTheThresholdIsRepeated() {
        RetryDecision d = RetryPolicy.decide(seed(false), NumberState.ANSW_RJCT, 0, 19, END);
        assertEquals(END.plusSeconds(15 * 60), d.nextAttemptAt());
    }

    @Test
    void anAnsweredCallReachingTheThresholdIsDoneWithoutEndingAttempts() {
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(seed(false), NumberState.ANSW_RJCT, 0, 20, END));
        assertEquals(RetryDecision.NO_RETRY, RetryPolicy.decide(seed(false), NumberState.ANSW_RJCT, 2, 300, END),
                "a long talk is a success even with no attempts left");
    }

    @Test
    void anAnsweredRuleWithoutThresholdRepeatsWhateverTheLength() {
        RepeatCallsSettings s = new RepeatCallsSettings(true, false, Map.of(NumberState.ANSWER, new StateRepeat(1, 30, null)));
        assertTrue(RetryPolicy.decide(s, NumberState.ANSWER, 0, 600, END).retry());
    }

    @Test
    void theThresholdIsIgnoredForStatesThatWereNotAnswered() {
        RepeatCallsSettings s = new RepeatCallsSettings(true, false, Map.of(NumberState.BUSY, new StateRepeat(1, 5, 10)));
        assertTrue(RetryPolicy.decide(s, NumberState.BUSY, 0, 600, END).retry());
    }
}
