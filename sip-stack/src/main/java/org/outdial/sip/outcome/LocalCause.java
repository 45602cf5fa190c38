package org.outdial.sip.outcome;

import java.util.Locale;

/** Ways a call ends that are not a final response from the trunk. */
public enum LocalCause {
    /** Our ring timeout passed; we sent CANCEL (the 487 that follows is ours, not the callee's). */
    RING_TIMEOUT,
    /** The caller of {@code Call.hangup()} gave up before an answer. */
    ABANDONED,
    /** No response to the INVITE at all (RFC 3261 Timer B, 64*T1). */
    NO_RESPONSE,
    /** The transport failed (TCP connection refused or reset, ICMP unreachable). */
    TRANSPORT_ERROR,
    /** The answer's SDP is unusable: no G.711 codec in common, no address. */
    BAD_ANSWER,
    /** A local error before or while sending (no RTP port left, malformed request). */
    LOCAL_ERROR;

    /** The words a call outcome gives this cause as its reason. */
    public String reason() {
        return switch (this) {
            case RING_TIMEOUT -> "ring timeout";
            case ABANDONED -> "hung up before answer";
            case NO_RESPONSE -> "no response from the trunk";
            case TRANSPORT_ERROR, BAD_ANSWER, LOCAL_ERROR -> name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
