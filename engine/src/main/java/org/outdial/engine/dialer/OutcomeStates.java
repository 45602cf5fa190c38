package org.outdial.engine.dialer;

import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.sip.outcome.Outcome;

/**
 * The one table from a call's outcome to the number's state, and from a number state to the seed's
 * trigger event (seed 004, "callState" and "triggerActionEvent"). docs/DIALER.md, "Outcome to
 * number state", is the same table in prose; change both together.
 */
public final class OutcomeStates {

    private OutcomeStates() {
    }

    /** The state an AUTODIAL call without operators leaves its number in. */
    public static NumberState forAutodial(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return switch (outcome) {
            // "Answered by the subscriber and there was no call to the operators": audio campaigns have none.
            case ANSWERED -> NumberState.ANSW_RJCT;
            // "Busy or reset": a 603 Decline is the callee pressing reject.
            case BUSY, REJECTED -> NumberState.BUSY;
            case NO_ANSWER -> NumberState.NOANSWER;
            case NOT_EXIST -> NumberState.NOT_EXIST;
            case WRONG_DIRECTION -> NumberState.WRONG_DIR;
            // "Not enough lines": the trunk's 503 or its max-calls / max-cps reached.
            case CONGESTION -> NumberState.BUSYOUT;
            // "Connection failure": the call never reached the callee, whoever ended it.
            case FAILED, CANCELLED -> NumberState.FAIL;
        };
    }

    /** The seed's event for a number reaching {@code state}, or empty when the seed has none. */
    public static Optional<TriggerEvent> eventFor(NumberState state) {
        Objects.requireNonNull(state, "state");
        TriggerEvent event = switch (state) {
            case ANSWER -> TriggerEvent.AUTODIAL_ANSWER;
            case ANSW_RJCT -> TriggerEvent.AUTODIAL_ANSW_RJCT;
            case ANSW_NF_OP -> TriggerEvent.AUTODIAL_ANSW_NF_OP;
            case ANSW_OP_NA -> TriggerEvent.AUTODIAL_ANSW_OP_NA;
            case NOANSWER -> TriggerEvent.AUTODIAL_NOANSWER;
            case BUSY -> TriggerEvent.AUTODIAL_BUSY;
            case FAIL -> TriggerEvent.AUTODIAL_CALL_FAIL;
            case TALKING -> TriggerEvent.AUTODIAL_TALKING;
            case UNREACHABLE -> TriggerEvent.AUTODIAL_UNREACHABLE;
            case NOT_EXIST -> TriggerEvent.AUTODIAL_NOT_EXIST;
            case BUSYOUT -> TriggerEvent.AUTODIAL_BUSYOUT;
            case WRONG_DIR -> TriggerEvent.AUTODIAL_WRONG_DIR;
            case AUDIO_ERR -> TriggerEvent.AUTODIAL_AUDIO_ERR;
            case BLOCKED -> TriggerEvent.AUTODIAL_NUMBER_BLOCKED;
            case CLIENT_CALLED -> TriggerEvent.AUTODIAL_CLIENT_CALLED;
            // The seed's AUTODIAL_CANCEL and AUTODIAL_AUTOCANCEL are about the whole autodialer
            // ("Autodialer is canceled"), fired once with its status change, not once per number.
            case CANCEL, AUTOCANCEL -> null;
            // No call has ended yet.
            case NEW, DIALING -> null;
            // The seed has no voice-mail event (its triggerActionEvent list stops at UNREACHABLE and NOT_EXIST).
            case VOICE_MAIL -> null;
        };
        return Optional.ofNullable(event);
    }
}
