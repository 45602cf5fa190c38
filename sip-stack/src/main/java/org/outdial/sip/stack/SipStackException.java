package org.outdial.sip.stack;

/** The SIP stack could not start, or a request could not be built or sent. */
public final class SipStackException extends Exception {

    public SipStackException(String message, Throwable cause) {
        super(message, cause);
    }

    public SipStackException(String message) {
        super(message);
    }
}
