package org.outdial.engine.retry;

import java.time.Instant;

/**
 * What to do with a number after a call.
 *
 * @param nextAttemptAt  the earliest time of the repeat call, or null when the number is not repeated
 * @param attemptsEnded  a rule for the state existed and its attempts are used up: the number is done
 *                       and seed 004's AUTODIAL_REPEAT_ATTEMPTS_ENDED fires
 * @param highPriority   the repeat goes to the priority queue ({@code repeatCallsSettings.highPriority})
 */
public record RetryDecision(Instant nextAttemptAt, boolean attemptsEnded, boolean highPriority) {

    /** No repeat, and no rule ran out. */
    public static final RetryDecision NO_RETRY = new RetryDecision(null, false, false);
    /** No repeat because the rule's attempts are used up. */
    public static final RetryDecision ATTEMPTS_ENDED = new RetryDecision(null, true, false);

    public RetryDecision {
        if (nextAttemptAt != null && attemptsEnded) {
            throw new IllegalArgumentException("a retry at " + nextAttemptAt + " cannot also end the attempts");
        }
        if (nextAttemptAt == null && highPriority) {
            throw new IllegalArgumentException("highPriority needs a retry");
        }
    }

    public static RetryDecision retryAt(Instant at, boolean highPriority) {
        return new RetryDecision(at, false, highPriority);
    }

    public boolean retry() {
        return nextAttemptAt != null;
    }
}
