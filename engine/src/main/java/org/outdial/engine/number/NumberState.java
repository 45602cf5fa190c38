package org.outdial.engine.number;

import java.util.Arrays;
import java.util.List;

/**
 * The state of one number in an autodialer: UniTalk's "callState" dictionary, with the flags of
 * its table (seed 004, "callState"): available for automatic repeat calling, available for
 * REFRESH, indicates a problem in the autodialer or telephony settings, and whether it is the
 * state of a finished call.
 */
public enum NumberState {
    NEW("Not processed", false, false, false, false),
    DIALING("In the process of calling", false, false, false, false),
    ANSWER("Answered by subscriber and operator", false, true, false, true),
    ANSW_RJCT("Answered by the subscriber and there was no call to the operators", true, true, false, true),
    NOANSWER("No answer", true, true, false, true),
    BUSY("Busy or reset", true, true, false, true),
    FAIL("Connection failure", true, true, false, true),
    BLOCKED("Blocked", false, true, false, false),
    TALKING("Answering machine: the caller is talking", true, true, false, true),
    UNREACHABLE("Answering machine: the caller is unavailable", true, true, false, true),
    NOT_EXIST("Answering machine: number does not exist", true, true, false, true),
    VOICE_MAIL("Answering machine: voice mail", true, true, false, true),
    CLIENT_CALLED("The caller made the call himself or it was an outgoing call", false, true, false, false),
    CANCEL("Canceled", false, true, false, false),
    ANSW_NF_OP("Answered by a subscriber and there were no available operators", true, true, true, true),
    ANSW_OP_NA("Answered by a subscriber and operators did not accept the call", true, true, true, true),
    BUSYOUT("Not enough lines", true, true, true, true),
    AUDIO_ERR("Audio error", false, true, true, true),
    WRONG_DIR("Wrong direction", false, true, true, true),
    AUTOCANCEL("Canceled automatically", false, true, true, false);

    private final String title;
    private final boolean repeatable;
    private final boolean refreshable;
    private final boolean warning;
    private final boolean callState;

    NumberState(String title, boolean repeatable, boolean refreshable, boolean warning, boolean callState) {
        this.title = title;
        this.repeatable = repeatable;
        this.refreshable = refreshable;
        this.warning = warning;
        this.callState = callState;
    }

    public String title() {
        return title;
    }

    /** Available for automatic repeat calling (the deprecated {@code repeatCallStates} field). */
    public boolean repeatable() {
        return repeatable;
    }

    /** Available for the REFRESH action. */
    public boolean refreshable() {
        return refreshable;
    }

    /** Indicates possible problems in the autodialer or telephony settings. */
    public boolean warning() {
        return warning;
    }

    /** The state a finished call leaves a number in. */
    public boolean callState() {
        return callState;
    }

    /** A number in this state has been processed: everything but NEW and DIALING. */
    public boolean done() {
        return this != NEW && this != DIALING;
    }

    /** The seed's ordinal number for the state ({@code "order": 10} for NEW, then by tens). */
    public int order() {
        return (ordinal() + 1) * 10;
    }

    /**
     * May carry a per-state retry rule in {@code repeatCallsSettings.statesSettings}: the
     * repeatable states, plus ANSWER, whose rule retries calls shorter than {@code secondsThreshold}.
     */
    public boolean retryConfigurable() {
        return repeatable || this == ANSWER;
    }

    /** Whether a retry rule for this state may use {@code secondsThreshold} (answered calls only). */
    public boolean answered() {
        return this == ANSWER || this == ANSW_RJCT;
    }

    public static List<NumberState> matching(java.util.function.Predicate<NumberState> filter) {
        return Arrays.stream(values()).filter(filter).toList();
    }

    /** Parses a state name as clients send it, or returns null when it is not a state. */
    public static NumberState parse(String name) {
        if (name == null) {
            return null;
        }
        for (NumberState state : values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
    }
}
