package org.outdial.sip.call;

/**
 * Where an outbound call is, from Outdial's side of the INVITE transaction and dialog
 * (RFC 3261 §13, §15).
 */
enum CallState {
    /** Not sent yet. */
    CREATED,
    /** INVITE sent, no provisional response (also after a digest-authenticated retry). */
    INVITING,
    /** A 1xx arrived: ringing or early media. */
    EARLY,
    /** CANCEL sent, or due as soon as a 1xx allows it (RFC 3261 §9.1); waiting for the final response. */
    CANCELLING,
    /** 2xx received and ACKed: the call is up. */
    CONFIRMED,
    /** BYE sent, waiting for its response. */
    ENDING,
    /** Over; the outcome is known. */
    ENDED;

    /** The one transition method: returns {@code next}, or throws naming both states. */
    CallState moveTo(CallState next) {
        boolean allowed = switch (this) {
            case CREATED -> next == INVITING || next == ENDED;
            case INVITING, EARLY -> next == INVITING || next == EARLY || next == CANCELLING
                    || next == CONFIRMED || next == ENDING || next == ENDED;
            // ENDING: a 2xx raced our CANCEL; it is ACKed and BYEd at once (RFC 3261 §9.1).
            case CANCELLING -> next == ENDING || next == ENDED;
            case CONFIRMED -> next == ENDING || next == ENDED;
            case ENDING -> next == ENDED;
            case ENDED -> false;
        };
        if (!allowed) {
            throw new IllegalStateException("call state " + this + " cannot become " + next);
        }
        return next;
    }
}
