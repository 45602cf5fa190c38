package org.outdial.engine.event;

import java.util.Arrays;
import java.util.List;

/** Autodialer events that handlers (webhooks) can be attached to (seed 004, "triggerActionEvent"). */
public enum TriggerEvent {
    AUTODIAL_ANSWER("Call completed \u2013 answered by subscriber and operator"),
    AUTODIAL_ANSW_RJCT("Call completed \u2013 answered by the subscriber and there was no call to the operators"),
    AUTODIAL_ANSW_NF_OP("Call completed \u2013 answered by a subscriber and there were no available operators"),
    AUTODIAL_ANSW_OP_NA("Call completed \u2013 answered by the subscriber and the operators did not accept the call"),
    AUTODIAL_NOANSWER("Call completed \u2013 no answer"),
    AUTODIAL_BUSY("Call completed \u2013 busy or reset"),
    AUTODIAL_CALL_FAIL("Call completed \u2013 connection failure"),
    AUTODIAL_TALKING("Call completed \u2013 the caller is talking"),
    AUTODIAL_UNREACHABLE("Call completed \u2013 the caller is unavailable"),
    AUTODIAL_NOT_EXIST("Call completed \u2013 the number does not exist"),
    AUTODIAL_BUSYOUT("Call completed \u2013 not enough lines"),
    AUTODIAL_WRONG_DIR("Call completed \u2013 wrong direction"),
    AUTODIAL_AUDIO_ERR("Call completed \u2013 audio error"),
    AUTODIAL_NUMBER_BLOCKED("Phone number is blocked by the project settings"),
    AUTODIAL_REPEAT_ATTEMPTS_ENDED("Call completed unsuccessfully and the number of re-ring attempts has been exceeded"),
    AUTODIAL_CLIENT_CALLED("The caller made the call himself or it was an outgoing call"),
    AUTODIAL_USER_PAUSED("User paused by autodialer. Only available for guaranteed autodial"),
    AUTODIAL_STATUS_CHANGED("Autodialer status changed"),
    AUTODIAL_CANCEL("Autodialer is canceled"),
    AUTODIAL_AUTOCANCEL("Autodialer canceled automatically"),
    AUTODIAL_FINISH("Autodialing completed"),
    /** Outdial's addition (not in seed 004): the autodialer's trunk stopped answering; calls wait until it does. */
    AUTODIAL_TRUNK_DOWN("The autodialer's trunk does not answer: calls wait until it answers again");

    private final String title;

    TriggerEvent(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * The event's sequence number in GET_WITH_DATA's {@code triggerActionEventsData}. Seed 004
     * shows one: AUTODIAL_FINISH is 200. The others are Outdial's, by tens in the seed's order of
     * the events, with AUTODIAL_AUTOCANCEL between AUTODIAL_CANCEL (190) and AUTODIAL_FINISH.
     */
    public int order() {
        return switch (this) {
            case AUTODIAL_AUTOCANCEL -> 195;
            case AUTODIAL_FINISH -> 200;
            default -> (ordinal() + 1) * 10;
        };
    }

    /** Whether the event is about one number (a call's end) rather than the whole autodialer. */
    public boolean concernsNumber() {
        return switch (this) {
            case AUTODIAL_STATUS_CHANGED, AUTODIAL_CANCEL, AUTODIAL_AUTOCANCEL, AUTODIAL_FINISH,
                 AUTODIAL_USER_PAUSED, AUTODIAL_TRUNK_DOWN -> false;
            default -> true;
        };
    }

    /**
     * Whether the event is the seed's (seed 004, "triggerActionEvent"). Outdial's additions go to
     * the outbox only: they are not in the dictionary and cannot be bound to handlers.
     */
    public boolean seed() {
        return this != AUTODIAL_TRUNK_DOWN;
    }

    /** The seed's events, in the seed's order: the dictionary's. */
    public static List<TriggerEvent> seedEvents() {
        return Arrays.stream(values()).filter(TriggerEvent::seed).toList();
    }
}
