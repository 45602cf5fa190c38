package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.Objects;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.campaign.Campaign;

/**
 * How long an answered callee of one campaign waits for an operator, and what the end of the wait
 * means: the mode's rule, decided here and nowhere else in the dialer (docs/DIALER.md, "Calls with
 * operators", and docs/PACING.md, "Abandonment").
 *
 * @param limit          the longest wait before Outdial gives up
 * @param grace          past this wait without an operator on the line, the call counts as
 *                       abandoned (FCC 47 CFR 64.1200(a)(7): 2 s)
 * @param abandonAtLimit the limit is the grace itself: at its end the callee hears the abandonment
 *                       message and is hung up, and an operator still ringing is cancelled
 */
public record OperatorWait(Duration limit, Duration grace, boolean abandonAtLimit) {

    public OperatorWait {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(grace, "grace");
        if (!limit.isPositive() || !grace.isPositive()) {
            throw new IllegalArgumentException("limit and grace must be positive, was " + limit + ", " + grace);
        }
    }

    /** Wait up to {@code limit} (FIXED, FREE, GUARANTEED_DIAL), counting as abandoned past {@code grace}. */
    public static OperatorWait upTo(Duration limit, Duration grace) {
        return new OperatorWait(limit, grace, false);
    }

    /** Wait the grace, then play the message and hang up (SMART: a predictive dialer's overdial is capped by it). */
    public static OperatorWait abandonAfter(Duration grace) {
        return new OperatorWait(grace, grace, true);
    }

    /**
     * The campaign's wait. SMART dials more numbers than there are free operators, so the person it
     * answers must not hold on: FCC 47 CFR 64.1200(a)(7) wants an operator within 2 s, or a message
     * and the hang-up. FIXED and FREE dial no more calls than the operators they see, and their
     * callees keep waiting up to {@code dialer.operator-wait-limit}.
     */
    public static OperatorWait of(Campaign campaign, DialerSettings dialer, AbandonmentSettings abandonment) {
        return switch (campaign.mode()) {
            case FIXED, FREE -> upTo(dialer.operatorWaitLimit(), abandonment.grace());
            case SMART -> abandonAfter(abandonment.grace());
        };
    }
}
