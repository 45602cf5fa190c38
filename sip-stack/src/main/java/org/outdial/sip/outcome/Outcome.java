package org.outdial.sip.outcome;

/**
 * How a call ended, in the terms a dialer acts on. The engine maps each to a number state
 * (DESIGN.md "Telephony"); {@link OutcomeTable} says which SIP responses lead to which.
 */
public enum Outcome {
    /** The callee answered (2xx); the call may since have ended either way. */
    ANSWERED,
    /** 486 Busy Here, 600 Busy Everywhere. */
    BUSY,
    /** Rang without an answer: our ring timeout (CANCEL, 487), 480, 408. */
    NO_ANSWER,
    /** The number does not exist: 404, 484, 485, 604, 410. */
    NOT_EXIST,
    /** The callee declined: 603. */
    REJECTED,
    /** The trunk refuses this destination or offer: 403, 488, 606. */
    WRONG_DIRECTION,
    /** No line free: 503 Service Unavailable from the trunk. */
    CONGESTION,
    /** Ended by us before an answer, for a reason other than the ring timeout. */
    CANCELLED,
    /** Anything else: other 4xx/5xx, 3xx, no response at all, transport errors, bad SDP. */
    FAILED
}
