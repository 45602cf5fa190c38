package org.outdial.sip.call;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.call.CallAction.Finish;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.LocalCause;
import org.outdial.sip.stack.SipEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call on the JAIN-SIP stack: the {@link Call} a flow holds, and the SIP I/O that
 * carries out what the call's {@link CallStateMachine} decides. Every event for the call
 * (responses, requests in its dialog, timers, {@link #hangup()}) is one {@link CallLock} update:
 * turned into a {@link CallEvent}, fed to the machine, and its {@link CallAction}s carried out
 * in order. Requests inside the dialog are {@link DialogRequests}', the RTP leg and SDP
 * {@link CallMedia}'s, timers {@link CallTimers}'.
 */
final class SipCall implements Call {

    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    private final SipTelephony telephony;
    private final SipMessages messages;
    private final CallTarget target;
    private final DialRequest request;
    private final CallLock lock = new CallLock();
    private final CallStateMachine machine;
    private final CallTimers timers;
    private final DialogRequests dialogRequests;
    private final InviteDialog invite;
    private final CompletableFuture<Boolean> answered = new CompletableFuture<>();
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private final List<CallProgress> progress = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallProgress>> progressListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DtmfEvent>> dtmfListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<short[]>> audioListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<short[]>> sentAudioListeners = new CopyOnWriteArrayList<>();
    private final DigitBuffer digits = new DigitBuffer();

    private volatile String callId = "";
    /** Null until the RTP leg is open. */
    private CallMedia media;

    SipCall(SipTelephony telephony, SipMessages messages, CallTarget target, DialRequest request) {
        this.telephony = telephony;
        this.messages = messages;
        this.target = target;
        this.request = request;
        this.machine = new CallStateMachine(request.ringTimeout(), request.maxDuration(), target.hasCredentials());
        this.timers = new CallTimers(telephony::schedule);
        this.dialogRequests = new DialogRequests(messages, target.transport(), this);
        this.invite = new InviteDialog(messages, target, this);
    }

    // ---- the flow's side ------------------------------------------------------------------

    @Override
    public String id() {
        return callId;
    }

    @Override
    public DialRequest request() {
        return request;
    }

    @Override
    public List<CallProgress> progress() {
        return List.copyOf(progress);
    }

    @Override
    public void onProgress(Consumer<CallProgress> listener) {
        // In one update, so no provisional response is missed or reported twice.
        lock.update(after -> {
            progress.forEach(listener);
            progressListeners.add(listener);
        });
    }

    @Override
    public CompletableFuture<Boolean> answered() {
        return answered;
    }

    @Override
    public CompletableFuture<CallOutcome> outcome() {
        return outcome;
    }

    @Override
    public CompletableFuture<Void> play(AudioSource audio) {
        MediaLeg current = connectedLeg();
        return current == null ? noMedia() : current.play(audio);
    }

    @Override
    public void stopPlayback() {
        MediaLeg current = connectedLeg();
        if (current != null) {
            current.stopPlayback();
        }
    }

    @Override
    public CompletableFuture<Void> sendDtmf(String digits) {
        MediaLeg current = connectedLeg();
        return current == null ? noMedia() : current.sendDtmf(digits);
    }

    @Override
    public void onDtmf(Consumer<DtmfEvent> listener) {
        dtmfListeners.add(listener);
    }

    @Override
    public Optional<Character> nextDigit(Duration within) throws InterruptedException {
        return digits.next(within);
    }

    @Override
    public void onAudio(Consumer<short[]> listener) {
        audioListeners.add(listener);
    }

    @Override
    public void onSentAudio(Consumer<short[]> listener) {
        sentAudioListeners.add(listener);
        // The leg decodes what it sends only once someone listens (a recording): most calls never
        // pay for it. Set here when the leg exists, else by place() (under the lock, so one of the two sees the other).
        MediaLeg leg = lock.read(() -> media == null ? null : media.leg());
        if (leg != null) {
            leg.onSentAudio(this::sentFrame);
        }
    }

    private void sentFrame(short[] frame) {
        for (Consumer<short[]> l : sentAudioListeners) {
            l.accept(frame);
        }
    }

    @Override
    public RtpStats mediaStats() {
        CallMedia current = lock.read(() -> media);
        return current == null ? RtpStats.EMPTY : current.stats();
    }

    @Override
    public void bridge(Call other) {
        CallMedia[] both = media(other);
        both[0].bridge(both[1]);
    }

    @Override
    public void bridge(Call other, AudioSource cue) {
        java.util.Objects.requireNonNull(cue, "cue");
        CallMedia[] both = media(other);
        both[0].bridgeAfterCue(both[1], cue);
    }

    /** This call's connected media and {@code other}'s, after checking they can be bridged. */
    private CallMedia[] media(Call other) {
        if (!(other instanceof SipCall peer) || peer.telephony != telephony) {
            throw new IllegalArgumentException("can bridge only to another call of the same telephony, not " + other);
        }
        if (peer == this) {
            throw new IllegalArgumentException("cannot bridge " + this + " to itself");
        }
        CallMedia mine = connectedMedia();
        CallMedia theirs = peer.connectedMedia();
        if (mine == null || theirs == null) {
            throw new IllegalStateException("cannot bridge " + this + " (state " + lock.read(machine::state) + ") to "
                    + peer + " (state " + peer.lock.read(peer.machine::state) + "): "
                    + (mine == null ? "this call" : "the other call") + " has no media path");
        }
        // Either call ending closes its RTP session, which ends both directions of the relay; the
        // other call stays up (the engine decides whether to hang it up).
        return new CallMedia[] {mine, theirs};
    }

    @Override
    public void unbridge() {
        CallMedia current = lock.read(() -> media);
        if (current != null) {
            current.unbridge();
        }
    }

    /** The call's media while it is connected to a far end; null before that and once ended. */
    private CallMedia connectedMedia() {
        return lock.read(() -> media == null || media.connectedLeg() == null ? null : media);
    }

    @Override
    public void hangup() {
        lock.update(after -> feed(new CallEvent.Hangup(), null, after));
    }

    @Override
    public String toString() {
        return "call " + callId + " to " + request.number() + " via " + target.name();
    }

    private MediaLeg connectedLeg() {
        return lock.read(() -> media == null ? null : media.connectedLeg());
    }

    private CompletableFuture<Void> noMedia() {
        return CompletableFuture.failedFuture(new IllegalStateException(this + " has no media path in state "
                + lock.read(machine::state)));
    }

    // ---- start ----------------------------------------------------------------------------

    /** Opens the RTP leg and sends the INVITE. Called once, by the telephony. */
    void start(MediaLegs legs) {
        lock.update(after -> feed(place(legs, telephony.now()), null, after));
    }

    private CallEvent place(MediaLegs legs, Instant dialed) {
        if (target instanceof CallTarget.Line line && line.registration() == null) {
            return new CallEvent.NotPlaced(LocalCause.LOCAL_ERROR, "line " + line.call().line() + " is not registered",
                    dialed);
        }
        MediaLeg leg;
        try {
            leg = legs.open();
        } catch (IOException e) {
            return new CallEvent.NotPlaced(LocalCause.LOCAL_ERROR, "no RTP port: " + e.getMessage(), dialed);
        }
        leg.onDtmf(event -> {
            digits.add(event.digit());
            dtmfListeners.forEach(l -> l.accept(event));
        });
        leg.onAudio(frame -> audioListeners.forEach(l -> l.accept(frame)));
        media = new CallMedia(leg, telephony.nextSessionId());
        if (!sentAudioListeners.isEmpty()) {
            leg.onSentAudio(this::sentFrame);
        }
        try {
            callId = invite.prepare(request, media.offer());
            // Registered before sending: the first response can beat the return of sendRequest.
            telephony.register(this);
            invite.send();
            return new CallEvent.InviteSent(dialed);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("{}: cannot send INVITE: {}", this, e.toString());
            return new CallEvent.NotPlaced(LocalCause.TRANSPORT_ERROR, "cannot send INVITE: " + e.getMessage(),
                    dialed);
        }
    }

    // ---- events: SIP in, machine events out -----------------------------------------------

    void onEvent(SipEvent event) {
        lock.update(after -> {
            try {
                switch (event) {
                    case SipEvent.ResponseReceived r -> onResponse(r, after);
                    case SipEvent.RequestReceived r -> {
                        dialogRequests.handle(r, e -> feed(e, r, after));
                        InDialogRequest handled = new InDialogRequest(callId, r.request().getMethod());
                        after.add(() -> telephony.handled(handled));
                    }
                    case SipEvent.TransactionTimedOut t -> onTimeout(t, after);
                    case SipEvent.TransportFailed t -> LOG.debug("{}: transport failure to {}:{}", this, t.host(),
                            t.port());
                    case SipEvent.TransactionEnded t -> LOG.trace("{}: transaction ended", this);
                    case SipEvent.DialogEnded d -> LOG.trace("{}: dialog ended", this);
                }
            } catch (RuntimeException e) {
                LOG.error("{}: failed handling {} in state {}", this, event.getClass().getSimpleName(),
                        machine.state(), e);
                feed(new CallEvent.InternalError("internal error: " + e), null, after);
            }
        });
    }

    private void onResponse(SipEvent.ResponseReceived r, List<Runnable> after) {
        Response response = r.response();
        switch (r.method()) {
            case Request.BYE -> {
                if (response.getStatusCode() >= 200) {
                    feed(new CallEvent.ByeAnswered(), r, after);
                }
            }
            case Request.INVITE -> {
                if (r.transaction() == null || invite.isCurrent(r.transaction())) {
                    feed(inviteResponse(response), r, after);
                } // else a late response to an INVITE replaced by its authenticated retry
            }
            default -> {
                // 200 or 481 to our CANCEL: the INVITE's own final response decides
            }
        }
    }

    private CallEvent inviteResponse(Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            return new CallEvent.Provisional(status, response.getReasonPhrase(),
                    status > 100 ? sdpOf(response) : RemoteSdp.NONE);
        }
        if (status < 300) {
            return new CallEvent.Answered(sdpOf(response));
        }
        return rejected(response);
    }

    private static CallEvent.Rejected rejected(Response response) {
        return new CallEvent.Rejected(response.getStatusCode(), response.getReasonPhrase(),
                SipMessages.q850Reason(response));
    }

    private RemoteSdp sdpOf(Message message) {
        RemoteSdp sdp = RemoteSdp.of(SipMessages.sdpBody(message));
        if (sdp instanceof RemoteSdp.Unusable unusable) {
            LOG.info("{}: unusable SDP: {}", this, unusable.why());
        }
        return sdp;
    }

    private void onTimeout(SipEvent.TransactionTimedOut t, List<Runnable> after) {
        if (!t.client() || t.transaction() == null) {
            return;
        }
        switch (t.transaction().getRequest().getMethod()) {
            case Request.INVITE -> {
                if (invite.isCurrent(t.transaction())) {
                    feed(new CallEvent.InviteTimedOut(), t, after);
                }
            }
            case Request.BYE -> feed(new CallEvent.ByeTimedOut(), t, after);
            default -> {
                // a CANCEL that got no answer: the INVITE's final response or the guard decides
            }
        }
    }

    private void onTimer(CallTimer timer) {
        lock.update(after -> feed(new CallEvent.TimerFired(timer), null, after));
    }

    // ---- machine actions: decisions in, SIP out -------------------------------------------

    /**
     * Feeds one event to the machine and carries out its actions. An action that fails (BYE or
     * the authenticated INVITE cannot be sent) feeds its own event back; the machine makes such
     * actions the last of their batch.
     *
     * @param cause the SIP event that led here (the response to ACK or answer with credentials, the
     *              re-INVITE to answer), or null
     */
    private void feed(CallEvent event, SipEvent cause, List<Runnable> after) {
        for (CallAction action : machine.on(event, telephony.now())) {
            switch (action) {
                case CallAction.SendAck a -> invite.ack(responseOf(cause));
                case CallAction.SendCancel c -> invite.cancel();
                case CallAction.SendBye b -> {
                    if (!invite.bye(b.q850())) {
                        feed(new CallEvent.ByeNotSent(), cause, after);
                    }
                }
                case CallAction.ResendInviteWithAuth a -> {
                    Response challenge = responseOf(cause);
                    if (!invite.resendWithAuth(challenge, a.attempt())) {
                        feed(new CallEvent.ChallengeNotAnswered(rejected(challenge)), cause, after);
                    }
                }
                case CallAction.AbandonInvite a -> invite.abandon();
                case CallAction.StartTimer t -> timers.start(t.timer(), t.delay(), () -> onTimer(t.timer()));
                case CallAction.StopTimer t -> timers.stop(t.timer());
                case CallAction.ConnectMedia m -> media.connect(m.audio());
                case CallAction.CloseMedia c -> closeMedia();
                case CallAction.ReportProgress p -> report(p.progress(), after);
                case CallAction.ReportAnswer a -> after.add(() -> answered.complete(true));
                case CallAction.AnswerReInvite a -> dialogRequests.answerReInvite(requestOf(cause), media);
                case CallAction.RefuseReInvite r -> dialogRequests.respond(requestOf(cause), r.status());
                case Finish f -> finish(f, after);
            }
        }
    }

    private void report(CallProgress event, List<Runnable> after) {
        progress.add(event);
        for (Consumer<CallProgress> listener : progressListeners) {
            after.add(() -> listener.accept(event));
        }
    }

    /** The call is over: timers off, media and dialog released, then the flow's futures. */
    private void finish(Finish finish, List<Runnable> after) {
        timers.stopAll();
        closeMedia();
        digits.close();
        invite.release(finish.outcome().answered());
        if (!callId.isEmpty()) {
            telephony.unregister(this);
        }
        LOG.debug("{}: {}", this, finish.outcome());
        after.add(() -> answered.complete(finish.answered()));
        after.add(() -> outcome.complete(finish.outcome()));
    }

    private void closeMedia() {
        if (media != null) {
            media.close();
        }
    }

    private static Response responseOf(SipEvent cause) {
        if (cause instanceof SipEvent.ResponseReceived r) {
            return r.response();
        }
        throw new IllegalStateException("an action that answers a response, caused by " + cause);
    }

    private static SipEvent.RequestReceived requestOf(SipEvent cause) {
        if (cause instanceof SipEvent.RequestReceived r) {
            return r;
        }
        throw new IllegalStateException("an action that answers a request, caused by " + cause);
    }
}
