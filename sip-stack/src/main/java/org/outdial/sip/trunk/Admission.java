package org.outdial.sip.trunk;

/** Whether a trunk takes one more call now. */
public enum Admission {
    ADMITTED,
    /** {@code max-calls} calls are already in flight on the trunk. */
    TOO_MANY_CALLS,
    /** The trunk's {@code max-cps} budget for this second is spent. */
    TOO_FAST
}
