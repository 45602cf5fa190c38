package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * How the dialer places calls (configuration sections {@code dialer} and {@code trunks}).
 *
 * @param ringTimeout     how long a call rings before Outdial cancels it ({@code dialer.ring-timeout});
 *                        15 s is the usual legal minimum for outbound campaigns
 * @param maxCallDuration the longest an answered autodialer call may last
 * @param trunks          the configured trunks; calls go to the first unless the campaign's outgoing
 *                        scenario names another
 * @param breaker         when a trunk that does not answer is marked down, and how it is probed
 */
public record DialerSettings(Duration ringTimeout, Duration maxCallDuration, List<TrunkSettings> trunks,
                             BreakerSettings breaker) {

    /** The longest an autodialer call may last once answered, unless said otherwise. */
    public static final Duration MAX_CALL = Duration.ofHours(1);

    public DialerSettings {
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("dialer.ring-timeout must be positive, was " + ringTimeout);
        }
        if (maxCallDuration == null || maxCallDuration.isNegative() || maxCallDuration.isZero()) {
            throw new IllegalArgumentException("dialer.max-call-duration must be positive, was " + maxCallDuration);
        }
        trunks = List.copyOf(trunks);
        if (trunks.isEmpty()) {
            throw new IllegalArgumentException("trunks must not be empty: the dialer places calls only through trunks");
        }
        Objects.requireNonNull(breaker, "breaker");
    }

    /** A one-hour call cap and the default trunk breaker. */
    public static DialerSettings of(Duration ringTimeout, List<TrunkSettings> trunks) {
        return new DialerSettings(ringTimeout, MAX_CALL, trunks, BreakerSettings.DEFAULTS);
    }

    /** The trunks' names, in configuration order. */
    public List<String> trunkNames() {
        return trunks.stream().map(TrunkSettings::name).toList();
    }
}
