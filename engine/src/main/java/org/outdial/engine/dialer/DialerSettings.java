package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.List;

/**
 * How the dialer places calls (configuration section {@code dialer}).
 *
 * @param ringTimeout     how long a call rings before Outdial cancels it ({@code dialer.ring-timeout});
 *                        15 s is the usual legal minimum for outbound campaigns
 * @param maxCallDuration the longest an answered autodialer call may last
 * @param trunks          the configured trunks' names; calls go to the first unless the autodialer's
 *                        outgoing scenario names another
 */
public record DialerSettings(Duration ringTimeout, Duration maxCallDuration, List<String> trunks) {

    public DialerSettings {
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("dialer.ring-timeout must be positive, was " + ringTimeout);
        }
        if (maxCallDuration == null || maxCallDuration.isNegative() || maxCallDuration.isZero()) {
            throw new IllegalArgumentException("dialer.max-call-duration must be positive, was " + maxCallDuration);
        }
        trunks = List.copyOf(trunks);
    }
}
