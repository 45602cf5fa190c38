package org.outdial.testbed.phones;

/** The simulated phones could not start: no SIP port, no RTP ports, a bad address. */
public final class PhonesException extends Exception {

    public PhonesException(String message, Throwable cause) {
        super(message, cause);
    }

    public PhonesException(String message) {
        super(message);
    }
}
