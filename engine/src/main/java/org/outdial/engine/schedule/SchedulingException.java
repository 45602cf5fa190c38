package org.outdial.engine.schedule;

/** Quartz could not start, store or read a schedule. */
public final class SchedulingException extends RuntimeException {

    public SchedulingException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public SchedulingException(String message) {
        super(message);
    }
}
