package org.outdial.sip.call;

import org.outdial.sip.outcome.CallOutcome;

/**
 * What a {@link SipTelephony} tells whoever watches it (the metrics, docs/METRICS.md): every
 * response that reaches the stack and every call that ends. Keeps sip-stack free of any metrics
 * library: the engine's {@code SipMeters} implements it. Called on SIP threads, so an
 * implementation must be quick and must not throw.
 */
public interface SipObserver {

    /** A response arrived: {@code method} is its CSeq method (INVITE, BYE, OPTIONS, ...). */
    void response(String method, int status);

    /** A call ended; {@code route} is its trunk's name, or {@link Telephony#LINES} for an operator line. */
    void callEnded(String route, CallOutcome outcome);

    /** Watches nothing. */
    static SipObserver none() {
        return NONE;
    }

    SipObserver NONE = new SipObserver() {
        @Override
        public void response(String method, int status) {
        }

        @Override
        public void callEnded(String route, CallOutcome outcome) {
        }
    };
}
