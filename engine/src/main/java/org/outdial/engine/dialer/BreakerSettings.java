package org.outdial.engine.dialer;

import java.time.Duration;

/**
 * A trunk breaker's timings (docs/DIALER.md, "Trunk health").
 *
 * @param failuresToOpen calls in a row the trunk failed before it is marked down
 * @param probeInterval  how long after going down, and after each unanswered probe, the next OPTIONS is sent
 * @param probeTimeout   how long a probe waits for an answer
 */
public record BreakerSettings(int failuresToOpen, Duration probeInterval, Duration probeTimeout) {

    /**
     * Five failures in a row: one call that gets no answer is a lost packet or a callee's
     * proxy, five in a row across numbers is the trunk. A probe every 5 s: a trunk that comes
     * back is used again within seconds, and 12 OPTIONS a minute cost it nothing. 5 s for an
     * answer: a live trunk answers OPTIONS in milliseconds (RFC 3261 §11 allows any final
     * response, which is all a probe needs).
     */
    public static final BreakerSettings DEFAULTS = new BreakerSettings(5, Duration.ofSeconds(5), Duration.ofSeconds(5));

    public BreakerSettings {
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be >= 1, was " + failuresToOpen);
        }
        if (probeInterval == null || probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("probeInterval must be positive, was " + probeInterval);
        }
        if (probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("probeTimeout must be positive, was " + probeTimeout);
        }
    }
}
