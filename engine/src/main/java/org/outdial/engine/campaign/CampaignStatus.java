package org.outdial.engine.campaign;

import org.outdial.engine.error.EngineException;

/**
 * An autodialer's status (seed 004, dictionary "taskStatus"), with every transition in
 * {@link #on(CampaignEvent)}. User commands that the seed forbids (PAUSE on a finished task, ...)
 * throw {@link EngineException} with the seed's message; an internal event that makes no sense
 * in the current status is a bug and throws {@link IllegalStateException} naming both.
 */
public enum CampaignStatus {
    NO_NUMBERS("No numbers have been added"),
    IN_PROGRESS("Dialling at the moment"),
    WAITING("Waiting for the start of the autodial"),
    WAITING_OPERATORS("Waiting for free operators"),
    WAITING_REPEAT("Waiting for the \u201cRepeat call\u201d setting to be triggered"),
    PAUSED("On pause"),
    CANCELED("Canceled, but not completed yet (some of the call numbers are in DIALING status)"),
    FINISHED("Completed");

    private final String title;

    CampaignStatus(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** WAITING, IN_PROGRESS and the two waiting variants: the dialer may place calls. */
    public boolean active() {
        return switch (this) {
            case WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT -> true;
            case NO_NUMBERS, PAUSED, CANCELED, FINISHED -> false;
        };
    }

    /** What happens to an autodialer in this status when {@code event} occurs. */
    public CampaignStatus on(CampaignEvent event) {
        return switch (event) {
            case PAUSE -> switch (this) {
                case WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT -> PAUSED;
                case NO_NUMBERS, PAUSED -> this;
                case CANCELED -> throw canceled();
                case FINISHED -> throw finished();
            };
            case UNPAUSE -> switch (this) {
                case PAUSED -> WAITING;
                case NO_NUMBERS, WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT -> this;
                case CANCELED -> throw canceled();
                case FINISHED -> throw finished();
            };
            case CANCEL -> switch (this) {
                case WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT, PAUSED -> CANCELED;
                case NO_NUMBERS -> this;
                case CANCELED -> throw canceled();
                case FINISHED -> throw finished();
            };
            case NUMBERS_ADDED, NUMBERS_REFRESHED -> switch (this) {
                case NO_NUMBERS, FINISHED -> WAITING;
                case WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT, PAUSED, CANCELED -> this;
            };
            case NUMBERS_EMPTIED -> switch (this) {
                case WAITING, IN_PROGRESS, WAITING_OPERATORS, WAITING_REPEAT -> NO_NUMBERS;
                case NO_NUMBERS, PAUSED, CANCELED, FINISHED -> this;
            };
            case DIALING_STARTED -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS -> IN_PROGRESS;
                default -> throw illegal(event);
            };
            case WINDOW_CLOSED -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS -> WAITING;
                default -> this;
            };
            case ONLY_REPEATS_LEFT -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS -> WAITING_REPEAT;
                default -> throw illegal(event);
            };
            case NO_FREE_OPERATORS -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS -> WAITING_OPERATORS;
                default -> throw illegal(event);
            };
            case COMPLETED -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS, CANCELED, FINISHED -> FINISHED;
                default -> throw illegal(event);
            };
            case END_DATE_PASSED -> switch (this) {
                case WAITING, WAITING_OPERATORS, WAITING_REPEAT, IN_PROGRESS, PAUSED -> CANCELED;
                case NO_NUMBERS, CANCELED, FINISHED -> this;
            };
        };
    }

    private IllegalStateException illegal(CampaignEvent event) {
        return new IllegalStateException("autodialer in status " + this + " cannot take event " + event);
    }

    private static EngineException finished() {
        return EngineException.conflict("Task is finished");
    }

    private static EngineException canceled() {
        return EngineException.conflict("Task is canceled");
    }

    public static CampaignStatus parse(String name) {
        return valueOf(name);
    }
}
