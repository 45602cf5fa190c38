package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One trunk's health, a circuit breaker: after {@code failuresToOpen} calls in a row that the
 * trunk did not answer at all (no response to the INVITE, a transport failure) or refused with
 * 503, the trunk is DOWN: it gets no new calls and is probed with OPTIONS every
 * {@code probeInterval}; the first probe it answers brings it UP again. Pure: time is handed in.
 * Not thread-safe; {@link Dispatcher} guards it.
 */
final class TrunkBreaker {

    /** What a call's end says about its trunk. */
    enum Signal {
        /** The trunk answered (any response but 503): it is alive, whatever the callee did. */
        ANSWERED,
        /** No response at all, or the transport failed: Q.850 102 or 38 without a SIP code. */
        UNREACHABLE,
        /** 503 Service Unavailable from the trunk. */
        OVERLOADED,
        /** No call was placed (audio error, a flow that failed before dialing): says nothing. */
        NONE;

        static Signal of(CallResult result) {
            Integer code = result.sipCode();
            if (code != null) {
                return code == 503 ? OVERLOADED : ANSWERED;
            }
            Integer cause = result.q850Cause();
            // sip-stack's OutcomeTable: NO_RESPONSE (Timer B) is 102, TRANSPORT_ERROR is 38, both without a response.
            if (cause != null && (cause == 102 || cause == 38)) {
                return UNREACHABLE;
            }
            return NONE;
        }
    }

    private final BreakerSettings settings;
    private int failuresInARow;
    private Instant downSince;
    private Instant nextProbeAt;
    private Instant lastAnsweredAt;

    TrunkBreaker(BreakerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    BreakerSettings settings() {
        return settings;
    }

    boolean up() {
        return downSince == null;
    }

    /** When the trunk went down, or null while it is up. */
    Instant downSince() {
        return downSince;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    /**
     * Whether a call started at {@code startedAt} that got no response is the trunk's fault: yes
     * unless the trunk answered another call since, in which case it is this call's (a number the
     * trunk drops is an attempt like any other, or it would be dialed again forever).
     */
    boolean blames(Instant startedAt) {
        return lastAnsweredAt == null || !lastAnsweredAt.isAfter(startedAt);
    }

    /** A call ended; returns true when this end took the trunk down. */
    boolean onCall(Signal signal, Instant now) {
        switch (signal) {
            case ANSWERED -> {
                failuresInARow = 0;
                lastAnsweredAt = now;
                return false;
            }
            case UNREACHABLE, OVERLOADED -> {
                failuresInARow++;
                if (up() && failuresInARow >= settings.failuresToOpen()) {
                    downSince = now;
                    nextProbeAt = now.plus(settings.probeInterval());
                    return true;
                }
                return false;
            }
            case NONE -> {
                return false;
            }
        }
        throw new AssertionError(signal);
    }

    /** When the next probe is due, or null while the trunk is up. */
    Instant nextProbeAt() {
        return nextProbeAt;
    }

    /** A probe ended; returns true when it brought the trunk back up. */
    boolean onProbe(boolean answered, Instant now) {
        if (up()) {
            return false;
        }
        if (!answered) {
            nextProbeAt = now.plus(settings.probeInterval());
            return false;
        }
        downSince = null;
        nextProbeAt = null;
        failuresInARow = 0;
        lastAnsweredAt = now;
        return true;
    }
}
