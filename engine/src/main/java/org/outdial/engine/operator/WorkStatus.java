package org.outdial.engine.operator;

/**
 * An operator's work status (seed 004, {@code /phones/inner/setStatus} and the users' {@code workStatus}):
 * set by the operator or a supervisor, kept apart from whether the phone is registered. Only a
 * line that is registered <em>and</em> at WORK is offered calls.
 */
public enum WorkStatus {
    /** "Working": offered calls whenever the line is registered and free. */
    WORK("Working"),
    /** "Not working": offered nothing. */
    STOP("Not working"),
    /** "Pause": offered nothing; also where Outdial puts an operator after {@code pauseOperatorNoAnswerLimit}. */
    PAUS("Pause");

    private final String title;

    WorkStatus(String title) {
        this.title = title;
    }

    /** The seed's name for it ("Working"). */
    public String title() {
        return title;
    }

    public boolean working() {
        return this == WORK;
    }
}
