package org.outdial.testbed.carrier;

/** The simulated carrier could not start: its SIP port is taken or the stack refused to start. */
public final class CarrierException extends Exception {

    public CarrierException(String message, Throwable cause) {
        super(message, cause);
    }
}
