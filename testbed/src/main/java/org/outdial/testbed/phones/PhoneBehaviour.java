package org.outdial.testbed.phones;

import java.time.Duration;
import java.util.Optional;

/**
 * What an operator does with an offered call, drawn per call.
 *
 * @param answerDelay    how long the phone rings before the operator picks up (or declines)
 * @param talk           how long the operator talks before hanging up; empty: the operator never
 *                       hangs up and waits for the far end's BYE
 * @param refuseShare    0..1: share of offers the operator declines after {@code answerDelay},
 *                       half with 486 Busy Here, half with 603 Decline
 * @param noAnswerShare  0..1: share of offers left ringing until the caller cancels
 * @param ringCap        a phone left ringing gives up with 480 after this, for a caller that never cancels
 */
public record PhoneBehaviour(DurationDraw answerDelay, Optional<DurationDraw> talk, double refuseShare,
                             double noAnswerShare, Duration ringCap) {

    public static final Duration DEFAULT_RING_CAP = Duration.ofMinutes(3);

    public PhoneBehaviour {
        if (answerDelay == null || talk == null || ringCap == null || !ringCap.isPositive()) {
            throw new IllegalArgumentException("answerDelay, talk and a positive ringCap must be given");
        }
        if (!(refuseShare >= 0 && noAnswerShare >= 0 && refuseShare + noAnswerShare <= 1)) {
            throw new IllegalArgumentException("refuseShare and noAnswerShare must be >= 0 with a sum <= 1, were "
                    + refuseShare + " and " + noAnswerShare);
        }
    }

    /** Always answers after {@code delay} and talks for {@code talk}. */
    public static PhoneBehaviour answers(Duration delay, DurationDraw talk) {
        return new PhoneBehaviour(DurationDraw.fixed(delay), Optional.of(talk), 0, 0, DEFAULT_RING_CAP);
    }

    /** Always answers after {@code delay} and stays until the far end hangs up. */
    public static PhoneBehaviour answersUntilHungUp(Duration delay) {
        return new PhoneBehaviour(DurationDraw.fixed(delay), Optional.empty(), 0, 0, DEFAULT_RING_CAP);
    }

    /** Rings every offer until the caller cancels. */
    public static PhoneBehaviour neverAnswers() {
        return new PhoneBehaviour(DurationDraw.fixed(Duration.ZERO), Optional.empty(), 0, 1, DEFAULT_RING_CAP);
    }

    /** Declines every offer after {@code delay} with 486 or 603 (half each). */
    public static PhoneBehaviour refuses(Duration delay) {
        return new PhoneBehaviour(DurationDraw.fixed(delay), Optional.empty(), 1, 0, DEFAULT_RING_CAP);
    }

    /** The demo's operators: pick up in 1-3 s, talk about 8 s (exponential), 5 % decline, 5 % let it ring. */
    public static PhoneBehaviour realistic() {
        return new PhoneBehaviour(DurationDraw.uniform(Duration.ofSeconds(1), Duration.ofSeconds(3)),
                Optional.of(DurationDraw.exponential(Duration.ofSeconds(8))), 0.05, 0.05, DEFAULT_RING_CAP);
    }
}
