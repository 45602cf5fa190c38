package org.outdial.engine.operator;

import org.outdial.engine.operator.LinePresence.Status;

/**
 * Where one operator line is, for handing out calls (DESIGN.md "Operators"). The state says what
 * holds the line (an offer, a talk, a wrap-up, a call Outdial did not give it); two facts kept
 * beside it, whether the phone is registered and whether the work status is WORK, say where the
 * line rests when nothing holds it: {@link #OFFLINE} when unregistered, else {@link #PAUSED} when
 * not at WORK, else {@link #READY}. A line is offered a call only when READY (and, for incoming
 * scenarios, in a {@code reservedSipsBusyOnlyForAutodials} wrap-up: see {@link OperatorBoard}).
 */
public enum OperatorState {
    /** The phone is not registered. */
    OFFLINE(Status.OFFLINE),
    /** Registered, at WORK, nothing on: may be claimed. */
    READY(Status.ONLINE),
    /** Claimed for a call: the phone is being (or about to be) rung. */
    OFFERED(Status.BUSY),
    /** Answered an offer: on a call Outdial gave it. */
    TALKING(Status.BUSY),
    /** Seed 004 {@code markAsBusySeconds}: busy for a while after a talk of at least {@code markAsBusyMinSecondsTalk}. */
    WRAP_UP(Status.BUSY),
    /** Registered but STOP or PAUS (set through /phones/inner/setStatus, or after too many unanswered offers). */
    PAUSED(Status.ONLINE),
    /** Answered an offer with 486 Busy Here while Outdial gave it no call: on a call of its own, for a while. */
    BUSY_ELSEWHERE(Status.BUSY);

    /** What happens to a line. */
    public enum Event {
        /** The phone registered, or refreshed its registration. */
        REGISTERED,
        /** The registration is gone (un-REGISTER, expiry, keep-alive failed, line removed). */
        UNREGISTERED,
        /** The work status became WORK. */
        WORK,
        /** The work status became STOP or PAUS. */
        STOP,
        /** Claimed for a call. */
        OFFER,
        /** The operator answered the offer. */
        ANSWER,
        /** The offer was not taken (no answer, declined) or not made after all (released). */
        NOT_TAKEN,
        /** The phone said 486 Busy Here to an offer: it has a call Outdial did not give it. */
        BUSY,
        /** The phone could not be reached with the offer. */
        UNREACHABLE,
        /** The talk ended and no wrap-up applies. */
        TALK_ENDED,
        /** The talk ended and {@code markAsBusySeconds} applies. */
        TALK_ENDED_WRAP_UP,
        /** The wrap-up or busy-elsewhere time is over. */
        TIME_UP
    }

    private final Status presence;

    OperatorState(Status presence) {
        this.presence = presence;
    }

    /**
     * UniTalk's /phones/inner status of a line in this state: online (registered and not on a
     * call, ready or paused), busy (offered, talking, wrap-up, busy elsewhere), offline. A line
     * whose phone unregisters mid-call stays OFFERED or TALKING, so it shows busy until the call ends.
     */
    public Status presence() {
        return presence;
    }

    /**
     * The state after {@code event}.
     *
     * @param registered whether the phone is registered, after the event
     * @param working    whether the work status is WORK, after the event
     * @throws IllegalStateException when the event cannot happen in this state (naming both)
     */
    public OperatorState on(Event event, boolean registered, boolean working) {
        OperatorState rest = !registered ? OFFLINE : !working ? PAUSED : READY;
        return switch (this) {
            case OFFLINE, READY, PAUSED -> switch (event) {
                case REGISTERED, UNREGISTERED, WORK, STOP -> rest;
                case OFFER -> {
                    if (this != READY) {
                        throw illegal(event);
                    }
                    yield OFFERED;
                }
                case UNREACHABLE -> {
                    if (this != OFFLINE) {
                        throw illegal(event);
                    }
                    yield OFFLINE;
                }
                case ANSWER, NOT_TAKEN, BUSY, TALK_ENDED, TALK_ENDED_WRAP_UP, TIME_UP -> throw illegal(event);
            };
            case OFFERED -> switch (event) {
                // The claim holds until the call flow resolves it, whatever the phone or the operator does meanwhile.
                case REGISTERED, UNREGISTERED, WORK, STOP -> OFFERED;
                case ANSWER -> TALKING;
                case NOT_TAKEN -> rest;
                case BUSY -> registered ? BUSY_ELSEWHERE : OFFLINE;
                case UNREACHABLE -> OFFLINE;
                case OFFER, TALK_ENDED, TALK_ENDED_WRAP_UP, TIME_UP -> throw illegal(event);
            };
            case TALKING -> switch (event) {
                case REGISTERED, UNREGISTERED, WORK, STOP -> TALKING;
                case TALK_ENDED -> rest;
                // Wrap-up is time to finish a ready operator's paperwork; one who left or paused rests as such.
                case TALK_ENDED_WRAP_UP -> rest == READY ? WRAP_UP : rest;
                case OFFER, ANSWER, NOT_TAKEN, BUSY, UNREACHABLE, TIME_UP -> throw illegal(event);
            };
            case WRAP_UP, BUSY_ELSEWHERE -> switch (event) {
                case REGISTERED, UNREGISTERED, WORK, STOP -> rest == READY ? this : rest;
                case TIME_UP -> rest;
                case OFFER -> {
                    // Seed 004 reservedSipsBusyOnlyForAutodials: a wrap-up may still take an incoming scenario's call.
                    if (this != WRAP_UP) {
                        throw illegal(event);
                    }
                    yield OFFERED;
                }
                case ANSWER, NOT_TAKEN, BUSY, UNREACHABLE, TALK_ENDED, TALK_ENDED_WRAP_UP -> throw illegal(event);
            };
        };
    }

    private IllegalStateException illegal(Event event) {
        return new IllegalStateException("operator line in state " + this + " cannot take event " + event);
    }
}
