package org.outdial.sip.call;

import java.time.Duration;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.sdp.NegotiatedAudio;

/**
 * What {@link CallStateMachine} asks {@link SipCall} to do, in order. Each is carried out on the
 * event's thread under the call's lock, except that what reaches the flow (progress listeners,
 * the {@code answered} and {@code outcome} futures) is completed after the lock is released.
 */
sealed interface CallAction {

    /** ACK the 2xx just received (RFC 3261 §13.2.2.4). */
    record SendAck() implements CallAction {
    }

    /** CANCEL the INVITE (RFC 3261 §9.1). */
    record SendCancel() implements CallAction {
    }

    /** BYE in the dialog with {@code Reason: Q.850;cause=q850} (RFC 3326). */
    record SendBye(int q850) implements CallAction {
    }

    /**
     * Send the INVITE again with credentials for the challenge just received (RFC 3261 §22.2):
     * same Call-ID and From tag, CSeq + 1, a new branch; {@code attempt} is the nonce count.
     */
    record ResendInviteWithAuth(int attempt) implements CallAction {
    }

    /** Stop waiting for the INVITE's final response: terminate its client transaction. */
    record AbandonInvite() implements CallAction {
    }

    record StartTimer(CallTimer timer, Duration delay) implements CallAction {
    }

    record StopTimer(CallTimer timer) implements CallAction {
    }

    /** Send RTP to, and accept it from, what the peer's SDP names. */
    record ConnectMedia(NegotiatedAudio audio) implements CallAction {
    }

    /** Release the RTP leg. */
    record CloseMedia() implements CallAction {
    }

    /** Tell the flow about a provisional response. */
    record ReportProgress(CallProgress progress) implements CallAction {
    }

    /** Tell the flow the call is answered. */
    record ReportAnswer() implements CallAction {
    }

    /** Answer the re-INVITE just received with our SDP (RFC 3264 §8). */
    record AnswerReInvite() implements CallAction {
    }

    /** Refuse the re-INVITE just received with {@code status}. */
    record RefuseReInvite(int status) implements CallAction {
    }

    /**
     * The call is over: every timer stops, media and the dialog are released, the flow gets the
     * outcome. Emitted once per call.
     */
    record Finish(CallOutcome outcome) implements CallAction {
        /** What {@code Call.answered()} completes with: true only for a call that was answered and stayed so. */
        boolean answered() {
            return outcome.answered() && outcome.outcome() == Outcome.ANSWERED;
        }
    }
}
