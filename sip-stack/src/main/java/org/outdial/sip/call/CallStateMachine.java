package org.outdial.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Classification;
import org.outdial.sip.outcome.LocalCause;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.OutcomeTable;
import org.outdial.sip.outcome.Party;

/**
 * The decisions of one outbound call, with no SIP I/O: {@link CallEvent}s in, {@link CallAction}s
 * out, time handed in. {@link SipCall} feeds it one event at a time (under the call's lock) and
 * carries out what it returns; tests drive it directly.
 *
 * <p>Each event is handled by one method with an exhaustive switch over {@link CallState}. Events
 * that can only come from the network are dropped in states where they mean nothing (a 1xx after
 * the answer, a retransmitted 2xx); none of them ever makes a second {@link CallAction.Finish}.
 */
final class CallStateMachine {

    /** RFC 3261 §9.1: after CANCEL, give the INVITE 64·T1 to end before giving up on it. */
    static final Duration CANCEL_GUARD = Duration.ofSeconds(32);
    /** Q.850 cause 16, "normal call clearing": an answered call ended either way. */
    private static final Classification ANSWERED = new Classification(Outcome.ANSWERED, 16);

    /** The outcome to report once the BYE we sent is over. */
    private record Pending(Classification classification, int sipCode, String reason, Party endedBy) {
    }

    private final Duration ringTimeout;
    private final Duration maxDuration;
    private final boolean hasCredentials;
    private final CallTimeline timeline = new CallTimeline();

    private CallState state = CallState.CREATED;
    private boolean provisionalSeen;
    private boolean cancelSent;
    private boolean mediaConnected;
    private int authAttempts;
    /** Why we CANCEL: the outcome to report when the INVITE ends. */
    private LocalCause cancelCause;
    private Pending pending;

    /** @param hasCredentials whether the trunk has a digest user to answer a 401/407 with */
    CallStateMachine(Duration ringTimeout, Duration maxDuration, boolean hasCredentials) {
        this.ringTimeout = ringTimeout;
        this.maxDuration = maxDuration;
        this.hasCredentials = hasCredentials;
    }

    CallState state() {
        return state;
    }

    /** Handles one event at {@code now}; returns what to do, in order. */
    List<CallAction> on(CallEvent event, Instant now) {
        List<CallAction> out = new ArrayList<>(4);
        switch (event) {
            case CallEvent.InviteSent e -> inviteSent(e, out);
            case CallEvent.NotPlaced e -> notPlaced(e, out);
            case CallEvent.Provisional e -> provisional(e, now, out);
            case CallEvent.Answered e -> answered(e, now, out);
            case CallEvent.Rejected e -> rejected(e, now, out);
            case CallEvent.ChallengeNotAnswered e -> challengeNotAnswered(e, now, out);
            case CallEvent.InviteTimedOut e -> inviteTimedOut(now, out);
            case CallEvent.ByeAnswered e -> byeOver(now, out);
            case CallEvent.ByeTimedOut e -> byeOver(now, out);
            case CallEvent.ByeNotSent e -> byeOver(now, out);
            case CallEvent.RemoteBye e -> remoteBye(e, now, out);
            case CallEvent.ReInvite e -> reInvite(out);
            case CallEvent.TimerFired e -> timerFired(e.timer(), now, out);
            case CallEvent.Hangup e -> hangup(now, out);
            case CallEvent.InternalError e -> internalError(e, now, out);
        }
        return out;
    }

    // ---- placing the call -----------------------------------------------------------------

    private void inviteSent(CallEvent.InviteSent e, List<CallAction> out) {
        requireCreated(e);
        timeline.dialed(e.dialedAt());
        state = state.moveTo(CallState.INVITING);
        out.add(new CallAction.StartTimer(CallTimer.RING, ringTimeout));
    }

    private void notPlaced(CallEvent.NotPlaced e, List<CallAction> out) {
        requireCreated(e);
        timeline.dialed(e.dialedAt());
        finish(OutcomeTable.forLocal(e.cause()), 0, e.reason(), Party.LOCAL, e.dialedAt(), out);
    }

    private void requireCreated(CallEvent e) {
        if (state != CallState.CREATED) {
            throw new IllegalStateException(e + " in call state " + state + ": a call is placed once");
        }
    }

    // ---- responses to the INVITE ----------------------------------------------------------

    private void provisional(CallEvent.Provisional p, Instant now, List<CallAction> out) {
        switch (state) {
            case CREATED, CONFIRMED, ENDING, ENDED ->
                    nothing("not sent yet, or a 1xx overtaken by the final response");
            case INVITING, EARLY -> {
                boolean early = false;
                if (p.status() > 100 && p.sdp() instanceof RemoteSdp.Usable usable) {
                    connect(usable, out); // early media (RFC 3960)
                    early = true;
                }
                progress(p, early, now, out);
                state = state.moveTo(CallState.EARLY);
            }
            case CANCELLING -> {
                progress(p, false, now, out);
                if (!cancelSent) {
                    sendCancel(out); // RFC 3261 §9.1: a CANCEL waits for the first provisional response
                }
            }
        }
    }

    private void progress(CallEvent.Provisional p, boolean early, Instant now, List<CallAction> out) {
        provisionalSeen = true;
        CallProgress progress = new CallProgress(p.status(), p.reason(), early, now);
        timeline.provisional(now, progress.ringing());
        out.add(new CallAction.ReportProgress(progress));
    }

    private void answered(CallEvent.Answered a, Instant now, List<CallAction> out) {
        switch (state) {
            case CREATED, CONFIRMED, ENDING, ENDED ->
                    nothing("a retransmitted 2xx: the stack re-sends our ACK by itself");
            case INVITING, EARLY -> {
                timeline.answered(now);
                out.add(new CallAction.SendAck());
                out.add(new CallAction.StopTimer(CallTimer.RING));
                switch (a.sdp()) {
                    case RemoteSdp.Usable usable -> {
                        connect(usable, out);
                        confirm(out);
                    }
                    // A 2xx without SDP after a 183 that had it: keep the early-media path. Strictly
                    // the 2xx must repeat an answer sent unreliably (RFC 3261 §13.2.1); some gateways do not.
                    case RemoteSdp.None none when mediaConnected -> confirm(out);
                    case RemoteSdp.None none -> badAnswer(now, out);
                    case RemoteSdp.Unusable unusable -> badAnswer(now, out);
                }
            }
            case CANCELLING -> {
                // The 2xx raced our CANCEL: the call is ours to end at once (RFC 3261 §9.1, §15).
                timeline.answered(now);
                out.add(new CallAction.SendAck());
                Classification c = OutcomeTable.forLocal(cancelCause);
                pending = new Pending(c, 200, "answered as we cancelled; hung up", Party.LOCAL);
                sendBye(c.q850(), now, out);
            }
        }
    }

    private void confirm(List<CallAction> out) {
        state = state.moveTo(CallState.CONFIRMED);
        out.add(new CallAction.StartTimer(CallTimer.LENGTH, maxDuration));
        out.add(new CallAction.ReportAnswer());
    }

    private void badAnswer(Instant now, List<CallAction> out) {
        Classification c = OutcomeTable.forLocal(LocalCause.BAD_ANSWER);
        pending = new Pending(c, 200, "answer SDP unusable", Party.LOCAL);
        sendBye(c.q850(), now, out);
    }

    private void rejected(CallEvent.Rejected r, Instant now, List<CallAction> out) {
        switch (state) {
            case CREATED, CONFIRMED, ENDING, ENDED -> nothing("the INVITE is not pending: nothing to decide");
            case INVITING, EARLY -> {
                if (r.challenge() && authAttempts == 0 && hasCredentials) {
                    // One retry with credentials; a second challenge ends the call with its own row.
                    authAttempts++;
                    provisionalSeen = false; // a new INVITE transaction: its CANCEL waits for its own 1xx
                    state = state.moveTo(CallState.INVITING);
                    out.add(new CallAction.ResendInviteWithAuth(authAttempts));
                } else {
                    finishRejected(r, now, out);
                }
            }
            case CANCELLING -> {
                if (r.status() == 487) {
                    finish(OutcomeTable.forLocal(cancelCause), 487, cancelCause.reason(), Party.LOCAL, now, out);
                } else {
                    finishRejected(r, now, out); // the trunk's own answer crossed our CANCEL
                }
            }
        }
    }

    private void challengeNotAnswered(CallEvent.ChallengeNotAnswered e, Instant now, List<CallAction> out) {
        switch (state) {
            case INVITING, EARLY -> finishRejected(e.challenge(), now, out);
            case CREATED, CANCELLING, CONFIRMED, ENDING, ENDED ->
                    nothing("only follows our own ResendInviteWithAuth, which leaves the call INVITING");
        }
    }

    private void finishRejected(CallEvent.Rejected r, Instant now, List<CallAction> out) {
        Classification c = OutcomeTable.forResponse(r.status());
        Classification reported = r.q850() > 0 ? new Classification(c.outcome(), r.q850()) : c;
        finish(reported, r.status(), r.status() + " " + r.reason(), Party.REMOTE, now, out);
    }

    private void inviteTimedOut(Instant now, List<CallAction> out) {
        switch (state) {
            case INVITING, EARLY -> finishLocal(LocalCause.NO_RESPONSE, now, out);
            // No 1xx ever came, so the CANCEL was never sent: the INVITE's own timeout ends the call.
            case CANCELLING -> finishLocal(cancelCause, now, out);
            case CREATED, CONFIRMED, ENDING, ENDED ->
                    nothing("the INVITE transaction ended with its 2xx or final response");
        }
    }

    // ---- the dialog -----------------------------------------------------------------------

    private void byeOver(Instant now, List<CallAction> out) {
        switch (state) {
            case ENDING -> finishPending(now, out);
            case CREATED, INVITING, EARLY, CANCELLING, CONFIRMED, ENDED -> nothing("no BYE of ours is pending");
        }
    }

    private void remoteBye(CallEvent.RemoteBye bye, Instant now, List<CallAction> out) {
        switch (state) {
            case CONFIRMED -> finish(new Classification(Outcome.ANSWERED, bye.q850() > 0 ? bye.q850() : 16), 200,
                    "callee hung up", Party.REMOTE, now, out);
            case ENDING -> finishPending(now, out); // BYEs crossed; ours will get 200 or 481, either is fine
            case CREATED, INVITING, EARLY, CANCELLING, ENDED -> nothing("no confirmed dialog to end");
        }
    }

    private void reInvite(List<CallAction> out) {
        switch (state) {
            case CONFIRMED -> out.add(new CallAction.AnswerReInvite());
            // RFC 3261 §14.2: 491 Request Pending while we are mid-change (ending, or not yet up).
            case CREATED, INVITING, EARLY, CANCELLING, ENDING, ENDED -> out.add(new CallAction.RefuseReInvite(491));
        }
    }

    // ---- timers and the flow --------------------------------------------------------------

    private void timerFired(CallTimer timer, Instant now, List<CallAction> out) {
        switch (timer) {
            case RING -> ringTimedOut(out);
            case LENGTH -> lengthCapReached(now, out);
            case CANCEL_GUARD -> cancelGuardExpired(now, out);
        }
    }

    private void ringTimedOut(List<CallAction> out) {
        switch (state) {
            case INVITING, EARLY -> cancel(LocalCause.RING_TIMEOUT, out);
            case CREATED, CANCELLING, CONFIRMED, ENDING, ENDED -> nothing("answered, cancelled or ended meanwhile");
        }
    }

    private void lengthCapReached(Instant now, List<CallAction> out) {
        switch (state) {
            case CONFIRMED -> bye("call-length cap of " + maxDuration + " reached", now, out);
            case CREATED, INVITING, EARLY, CANCELLING, ENDING, ENDED -> nothing("already ending");
        }
    }

    private void cancelGuardExpired(Instant now, List<CallAction> out) {
        switch (state) {
            case CANCELLING -> {
                out.add(new CallAction.AbandonInvite());
                finishLocal(cancelCause, now, out);
            }
            case CREATED, INVITING, EARLY, CONFIRMED, ENDING, ENDED -> nothing("the INVITE ended in time");
        }
    }

    private void hangup(Instant now, List<CallAction> out) {
        switch (state) {
            case CREATED -> finish(OutcomeTable.forLocal(LocalCause.ABANDONED), 0, "hung up before dialing",
                    Party.LOCAL, now, out);
            case INVITING, EARLY -> cancel(LocalCause.ABANDONED, out);
            case CONFIRMED -> bye("hung up", now, out);
            case CANCELLING, ENDING, ENDED -> nothing("already on its way out");
        }
    }

    private void internalError(CallEvent.InternalError e, Instant now, List<CallAction> out) {
        switch (state) {
            case CREATED, INVITING, EARLY, CANCELLING, CONFIRMED, ENDING ->
                    finish(OutcomeTable.forLocal(LocalCause.LOCAL_ERROR), 0, e.reason(), Party.LOCAL, now, out);
            case ENDED -> nothing("already over");
        }
    }

    // ---- ending ---------------------------------------------------------------------------

    private void cancel(LocalCause cause, List<CallAction> out) {
        cancelCause = cause;
        out.add(new CallAction.StopTimer(CallTimer.RING));
        state = state.moveTo(CallState.CANCELLING);
        if (provisionalSeen) {
            sendCancel(out);
        }
        out.add(new CallAction.StartTimer(CallTimer.CANCEL_GUARD, CANCEL_GUARD));
        closeMedia(out);
    }

    private void sendCancel(List<CallAction> out) {
        cancelSent = true;
        out.add(new CallAction.SendCancel());
    }

    private void bye(String why, Instant now, List<CallAction> out) {
        out.add(new CallAction.StopTimer(CallTimer.LENGTH));
        pending = new Pending(ANSWERED, 200, why, Party.LOCAL);
        sendBye(16, now, out);
    }

    /** Sends BYE and waits in ENDING for it to be over; the call ended for us now. */
    private void sendBye(int q850, Instant now, List<CallAction> out) {
        timeline.ended(now);
        state = state.moveTo(CallState.ENDING);
        closeMedia(out);
        out.add(new CallAction.SendBye(q850));
    }

    private void finishPending(Instant now, List<CallAction> out) {
        finish(pending.classification(), pending.sipCode(), pending.reason(), pending.endedBy(), now, out);
    }

    private void finishLocal(LocalCause cause, Instant now, List<CallAction> out) {
        finish(OutcomeTable.forLocal(cause), 0, cause.reason(), Party.LOCAL, now, out);
    }

    private void finish(Classification c, int sipCode, String reason, Party by, Instant now, List<CallAction> out) {
        state = state.moveTo(CallState.ENDED);
        timeline.ended(now);
        out.add(new CallAction.Finish(new CallOutcome(c.outcome(), sipCode, c.q850(), reason, by, timeline.timings())));
    }

    private void connect(RemoteSdp.Usable sdp, List<CallAction> out) {
        mediaConnected = true;
        out.add(new CallAction.ConnectMedia(sdp.audio()));
    }

    private void closeMedia(List<CallAction> out) {
        mediaConnected = false;
        out.add(new CallAction.CloseMedia());
    }

    /** A case that needs no action, with why. */
    private static void nothing(String why) {
        // the event means nothing in this state
    }
}
