package org.outdial.engine.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.number.NumberState;

/**
 * Whether and when a number is called again after a call, by the campaign's
 * {@code repeatCallsSettings.statesSettings} (seed 004, ADD/UPDATE). Pure: the call's end is handed
 * in as {@code now}.
 */
public final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * @param settings    the campaign's repeat settings, or null when it has none
     * @param outcome     the state the call left the number in
     * @param repeatsDone repeat calls already made to this number since it was added or last
     *                    refreshed, in any state (the first call is not a repeat)
     * @param talkSeconds how long the callee talked; only read for answered states
     * @param now         when the call ended
     */
    public static RetryDecision decide(RepeatCallsSettings settings, NumberState outcome, int repeatsDone,
                                       int talkSeconds, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        if (repeatsDone < 0) {
            throw new IllegalArgumentException("repeatsDone must be >= 0, was " + repeatsDone);
        }
        if (talkSeconds < 0) {
            throw new IllegalArgumentException("talkSeconds must be >= 0, was " + talkSeconds);
        }

        if (settings == null) {
            return RetryDecision.NO_RETRY; // Seed 004: repeatCallsSettings "can be null": no repeats at all.
        }
        if (!outcome.retryConfigurable()) {
            return RetryDecision.NO_RETRY; // Not "available for automatic repeat calling" in the callState table.
        }
        StateRepeat rule = settings.ruleFor(outcome);
        if (rule == null) {
            return RetryDecision.NO_RETRY; // No rule for this state, or attempts 0 ("0 or null disable repeat calling").
        }
        if (outcome.answered() && rule.secondsThreshold() != null && talkSeconds >= rule.secondsThreshold()) {
            return RetryDecision.NO_RETRY; // A conversation this long is a success: "call again if ... less than" the threshold.
        }
        if (repeatsDone >= rule.attempts()) {
            return RetryDecision.ATTEMPTS_ENDED; // Used up: AUTODIAL_REPEAT_ATTEMPTS_ENDED.
        }
        // "Minimum interval between repeat calls": the claim query may call it later, never earlier.
        Instant next = now.plus(Duration.ofMinutes(rule.intervalMinutes()));
        return RetryDecision.retryAt(next, settings.highPriority());
    }
}
