package org.outdial.sip.outcome;

/** Who ended a call. */
public enum Party {
    /** Outdial: hangup, ring timeout, call-length cap, or shutdown. */
    LOCAL,
    /** The callee or the network: a BYE or a final response. */
    REMOTE
}
