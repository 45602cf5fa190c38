package org.outdial.testbed.baresip;

/** baresip is missing, would not start, or did not do what was awaited in time. */
public final class BaresipException extends RuntimeException {

    public BaresipException(String message) {
        super(message);
    }

    public BaresipException(String message, Throwable cause) {
        super(message, cause);
    }
}
