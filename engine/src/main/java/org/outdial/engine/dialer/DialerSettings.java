package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.outdial.sip.call.DialRequest;
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
 * @param operatorRingTimeout how long an operator's phone rings with an answered callee before the
 *                        next free operator is offered the call (not in the configuration file yet:
 *                        {@link #OPERATOR_RING_TIMEOUT})
 * @param operatorWaitLimit how long an answered callee waits for an operator to take the call before
 *                        Outdial gives up (ANSW_NF_OP or ANSW_OP_NA); the seed has no field for it
 *                        (not in the configuration file yet: {@link #OPERATOR_WAIT_LIMIT})
 */
public record DialerSettings(Duration ringTimeout, Duration maxCallDuration, List<TrunkSettings> trunks,
                             BreakerSettings breaker, Duration operatorRingTimeout, Duration operatorWaitLimit) {

    /** The longest an autodialer call may last once answered, unless said otherwise. */
    public static final Duration MAX_CALL = Duration.ofHours(1);
    /** An operator's phone rings this long before the next one is tried: four or five rings. */
    public static final Duration OPERATOR_RING_TIMEOUT = Duration.ofSeconds(20);
    /**
     * An answered callee waits this long for an operator: a minute on hold is what call centres
     * commonly target as the longest acceptable answer time, and past it most callers have hung up.
     */
    public static final Duration OPERATOR_WAIT_LIMIT = Duration.ofSeconds(60);

    /** With the default operator ring timeout and wait limit. */
    public DialerSettings(Duration ringTimeout, Duration maxCallDuration, List<TrunkSettings> trunks,
                          BreakerSettings breaker) {
        this(ringTimeout, maxCallDuration, trunks, breaker, OPERATOR_RING_TIMEOUT, OPERATOR_WAIT_LIMIT);
    }

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
        if (operatorRingTimeout == null || !operatorRingTimeout.isPositive()
                || operatorRingTimeout.compareTo(DialRequest.MAX_RING_TIMEOUT) > 0) {
            throw new IllegalArgumentException("dialer.operator-ring-timeout must be 1 ms..5 min, was "
                    + operatorRingTimeout);
        }
        if (operatorWaitLimit == null || !operatorWaitLimit.isPositive()) {
            throw new IllegalArgumentException("dialer.operator-wait-limit must be positive, was " + operatorWaitLimit);
        }
    }

    /** The same settings with another operator ring timeout and wait limit. */
    public DialerSettings withOperatorTimes(Duration ring, Duration waitLimit) {
        return new DialerSettings(ringTimeout, maxCallDuration, trunks, breaker, ring, waitLimit);
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
