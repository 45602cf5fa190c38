package org.outdial.sip.call;

/** The timers a call runs; {@link CallStateMachine} starts and stops them, {@link CallTimers} runs them. */
enum CallTimer {
    /** The caller's ring timeout: CANCEL when it passes before an answer. */
    RING,
    /** The call-length cap: BYE when it passes after the answer. */
    LENGTH,
    /** RFC 3261 §9.1: after CANCEL, give the INVITE 64·T1 to end before giving up on it. */
    CANCEL_GUARD
}
