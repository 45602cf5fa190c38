package org.outdial.media.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * The answering-machine detector's decision.
 *
 * @param result  what answered
 * @param cause   the rule that decided
 * @param after   how much audio (from the first frame fed, normally the answer) the decision took
 */
public record AmdVerdict(AmdResult result, AmdCause cause, Duration after) {

    public AmdVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(after, "after");
    }
}
