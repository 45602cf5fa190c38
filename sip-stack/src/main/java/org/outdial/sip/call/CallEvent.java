package org.outdial.sip.call;

import java.time.Instant;
import org.outdial.sip.outcome.LocalCause;

/**
 * What happens to a call, as {@link CallStateMachine} sees it: SIP responses and requests already
 * matched to the call's INVITE or dialog, its timers, and the flow's {@code hangup()}. Values only;
 * the SIP messages stay with {@link SipCall}.
 */
sealed interface CallEvent {

    /** The INVITE left at {@code dialedAt}. */
    record InviteSent(Instant dialedAt) implements CallEvent {
    }

    /** The call could not be placed (no RTP port, the INVITE could not be sent); nothing left. */
    record NotPlaced(LocalCause cause, String reason, Instant dialedAt)
            implements CallEvent {
    }

    /** A 1xx to the current INVITE; {@code sdp} is {@link RemoteSdp#NONE} for 100 Trying. */
    record Provisional(int status, String reason, RemoteSdp sdp) implements CallEvent {
    }

    /** A 2xx to the current INVITE. */
    record Answered(RemoteSdp sdp) implements CallEvent {
    }

    /**
     * A final response of 300 or more to the current INVITE.
     *
     * @param q850 the cause of its {@code Reason: Q.850} header (RFC 3326), 0 when it has none
     */
    record Rejected(int status, String reason, int q850) implements CallEvent {
        boolean challenge() {
            return status == 401 || status == 407;
        }
    }

    /** The authenticated INVITE asked for by {@code challenge} could not be built or sent. */
    record ChallengeNotAnswered(Rejected challenge) implements CallEvent {
    }

    /** No final response to the INVITE (RFC 3261 Timer B, 64·T1). */
    record InviteTimedOut() implements CallEvent {
    }

    /** A final response to our BYE, whatever its status (200 or 481 both end the call). */
    record ByeAnswered() implements CallEvent {
    }

    /** No response to our BYE (Timer F). */
    record ByeTimedOut() implements CallEvent {
    }

    /** Our BYE could not be sent. */
    record ByeNotSent() implements CallEvent {
    }

    /** A BYE from the callee, already answered 200; {@code q850} as in {@link Rejected}. */
    record RemoteBye(int q850) implements CallEvent {
    }

    /** A re-INVITE in the call's dialog (RFC 3261 §14.2), not answered yet. */
    record ReInvite() implements CallEvent {
    }

    record TimerFired(CallTimer timer) implements CallEvent {
    }

    /** The flow's {@code Call.hangup()}. */
    record Hangup() implements CallEvent {
    }

    /** Handling an event failed unexpectedly; the call must still end. */
    record InternalError(String reason) implements CallEvent {
    }
}
