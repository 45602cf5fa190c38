package org.outdial.sip.call;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.rtp.RtpStats;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Classification;
import org.outdial.sip.outcome.LocalCause;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.OutcomeTable;
import org.outdial.sip.outcome.Party;
import org.outdial.sip.sdp.AudioOffer;
import org.outdial.sip.sdp.MediaDescription;
import org.outdial.sip.sdp.NegotiatedAudio;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SdpParser;
import org.outdial.sip.sdp.SessionDescription;
import org.outdial.sip.stack.SipEvent;
import org.outdial.sip.trunk.TrunkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call on the JAIN-SIP stack. Every event for the call (responses, requests in its
 * dialog, timers, {@link #hangup()}) runs under the call's lock, so the state machine sees one
 * event at a time; futures are completed after the lock is released, so a flow waiting on them
 * never runs inside it.
 */
final class SipCall implements Call {

    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);
    /** RFC 3261 §9.1: after CANCEL, give the INVITE 64*T1 to end before giving up on it. */
    private static final Duration CANCEL_GUARD = Duration.ofSeconds(32);

    private final SipTelephony telephony;
    private final SipMessages messages;
    private final TrunkSettings trunk;
    private final DialRequest request;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Boolean> answered = new CompletableFuture<>();
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private final List<CallProgress> progress = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallProgress>> progressListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DtmfEvent>> dtmfListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<short[]>> audioListeners = new CopyOnWriteArrayList<>();

    private volatile String callId = "";
    private CallState state = CallState.CREATED;
    private MediaLeg leg;
    private boolean mediaConnected;
    private SessionDescription localSdp;
    private NegotiatedAudio remoteAudio;
    private Request invite;
    private ClientTransaction inviteTx;
    private Dialog dialog;
    private boolean provisionalSeen;
    private boolean cancelSent;
    private int authAttempts;
    /** Why we CANCEL or BYE: the outcome to report when the peer confirms. */
    private LocalCause cancelCause;
    private CallOutcome pendingOutcome;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> lengthTimer;
    private ScheduledFuture<?> cancelGuard;

    private Instant inviteSent;
    private Instant firstProvisional;
    private Instant ringing;
    private Instant answeredAt;
    private Instant endedAt;

    SipCall(SipTelephony telephony, SipMessages messages, TrunkSettings trunk, DialRequest request) {
        this.telephony = telephony;
        this.messages = messages;
        this.trunk = trunk;
        this.request = request;
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
        lock.lock();
        try {
            progress.forEach(listener);
            progressListeners.add(listener);
        } finally {
            lock.unlock();
        }
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
    public void onAudio(Consumer<short[]> listener) {
        audioListeners.add(listener);
    }

    @Override
    public RtpStats mediaStats() {
        MediaLeg current;
        lock.lock();
        try {
            current = leg;
        } finally {
            lock.unlock();
        }
        return current == null ? RtpStats.EMPTY : current.stats();
    }

    @Override
    public void hangup() {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            switch (state) {
                case CREATED -> finish(OutcomeTable.forLocal(LocalCause.ABANDONED), 0, "hung up before dialing",
                        Party.LOCAL, after);
                case INVITING, EARLY -> cancel(LocalCause.ABANDONED);
                case CONFIRMED -> bye("hung up", after);
                case CANCELLING, ENDING, ENDED -> {
                    // already on its way out
                }
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "call " + callId + " to " + request.number() + " via " + trunk.name();
    }

    // ---- start ----------------------------------------------------------------------------

    /** Opens the RTP leg, sends the INVITE, starts the ring timer. Called once, by the telephony. */
    void start(MediaLegs legs) {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            inviteSent = telephony.now();
            try {
                leg = legs.open();
            } catch (IOException e) {
                finish(OutcomeTable.forLocal(LocalCause.LOCAL_ERROR), 0, "no RTP port: " + e.getMessage(),
                        Party.LOCAL, after);
                return;
            }
            leg.onDtmf(event -> dtmfListeners.forEach(l -> l.accept(event)));
            leg.onAudio(frame -> audioListeners.forEach(l -> l.accept(frame)));
            localSdp = AudioOffer.create(telephony.nextSessionId(), leg.localAddress(), leg.localPort());
            try {
                invite = messages.invite(trunk, request, localSdp);
                callId = ((javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME))
                        .getCallId();
                // Registered before sending: the first response can beat the return of sendRequest.
                telephony.register(this);
                send(invite);
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                LOG.warn("{}: cannot send INVITE: {}", this, e.toString());
                finish(OutcomeTable.forLocal(LocalCause.TRANSPORT_ERROR), 0, "cannot send INVITE: " + e.getMessage(),
                        Party.LOCAL, after);
                return;
            }
            state = state.moveTo(CallState.INVITING);
            ringTimer = telephony.schedule(this::ringTimeout, request.ringTimeout());
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void send(Request newInvite) throws SipException {
        SipProvider provider = messages.stack().provider();
        ClientTransaction tx = provider.getNewClientTransaction(newInvite);
        Dialog newDialog = provider.getNewDialog(tx);
        inviteTx = tx;
        dialog = newDialog;
        invite = newInvite;
        provisionalSeen = false;
        tx.sendRequest();
    }

    // ---- SIP events -----------------------------------------------------------------------

    void onEvent(SipEvent event) {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            switch (event) {
                case SipEvent.ResponseReceived r -> onResponse(r, after);
                case SipEvent.RequestReceived r -> onRequest(r, after);
                case SipEvent.TransactionTimedOut t -> onTimeout(t, after);
                case SipEvent.TransportFailed t -> LOG.debug("{}: transport failure to {}:{}", this, t.host(), t.port());
                case SipEvent.TransactionEnded t -> LOG.trace("{}: transaction ended", this);
                case SipEvent.DialogEnded d -> LOG.trace("{}: dialog ended", this);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: failed handling {} in state {}", this, event.getClass().getSimpleName(), state, e);
            if (state != CallState.ENDED) {
                finish(OutcomeTable.forLocal(LocalCause.LOCAL_ERROR), 0, "internal error: " + e, Party.LOCAL, after);
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void onResponse(SipEvent.ResponseReceived r, List<Runnable> after) {
        Response response = r.response();
        int status = response.getStatusCode();
        String method = r.method();
        if (method.equals(Request.BYE)) {
            if (status >= 200 && state == CallState.ENDING) {
                finishPending(after);
            }
            return;
        }
        if (!method.equals(Request.INVITE)) {
            return; // 200 or 481 to our CANCEL: the INVITE's own final response decides
        }
        if (r.transaction() != null && r.transaction() != inviteTx) {
            return; // a late response to an INVITE replaced by its authenticated retry
        }
        if (status < 200) {
            onProvisional(response, after);
        } else if (status < 300) {
            onAnswer(response, after);
        } else {
            onFailure(response, after);
        }
    }

    private void onProvisional(Response response, List<Runnable> after) {
        if (!state.beforeAnswer() && state != CallState.CANCELLING) {
            return;
        }
        Instant now = telephony.now();
        provisionalSeen = true;
        if (firstProvisional == null) {
            firstProvisional = now;
        }
        int status = response.getStatusCode();
        boolean early = false;
        if (status > 100) {
            String body = SipMessages.sdpBody(response);
            if (body != null && state != CallState.CANCELLING) {
                early = connectMedia(body);
            }
        }
        CallProgress event = new CallProgress(status, response.getReasonPhrase(), early, now);
        if (event.ringing() && ringing == null) {
            ringing = now;
        }
        progress.add(event);
        for (Consumer<CallProgress> listener : progressListeners) {
            after.add(() -> listener.accept(event));
        }
        if (state == CallState.CANCELLING) {
            if (!cancelSent) {
                sendCancel(); // RFC 3261 §9.1: CANCEL waits for the first provisional response
            }
        } else if (state == CallState.INVITING) {
            state = state.moveTo(CallState.EARLY);
        }
    }

    private void onAnswer(Response response, List<Runnable> after) {
        if (!state.beforeAnswer() && state != CallState.CANCELLING) {
            return; // a retransmitted 2xx: the stack re-sends our ACK by itself
        }
        answeredAt = telephony.now();
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            LOG.warn("{}: cannot ACK the 2xx: {}", this, e.toString());
        }
        cancel(ringTimer);
        if (state == CallState.CANCELLING) {
            // The 2xx raced our CANCEL: the call is ours to end at once (RFC 3261 §9.1, §15).
            Classification c = OutcomeTable.forLocal(cancelCause);
            pendingOutcome = outcome(c, 200, "answered as we cancelled; hung up", Party.LOCAL);
            sendBye(c.q850(), after);
            return;
        }
        String body = SipMessages.sdpBody(response);
        if (body == null && mediaConnected) {
            // A 2xx without SDP after a 183 that had it: keep the early-media path. Strictly the
            // 2xx must repeat an answer sent unreliably (RFC 3261 §13.2.1); some gateways do not.
            body = "";
        }
        if (body == null || (!body.isEmpty() && !connectMedia(body))) {
            Classification c = OutcomeTable.forLocal(LocalCause.BAD_ANSWER);
            pendingOutcome = outcome(c, 200, "answer SDP unusable", Party.LOCAL);
            sendBye(c.q850(), after);
            return;
        }
        state = state.moveTo(CallState.CONFIRMED);
        lengthTimer = telephony.schedule(this::maxLengthReached, request.maxDuration());
        after.add(() -> answered.complete(true));
    }

    private void onFailure(Response response, List<Runnable> after) {
        int status = response.getStatusCode();
        if (state == CallState.ENDED) {
            return;
        }
        boolean challenge = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
        if (challenge && state != CallState.CANCELLING && authAttempts == 0 && trunk.username() != null) {
            authAttempts++;
            try {
                Request retry = messages.authenticated(invite, response, trunk, authAttempts);
                send(retry);
                state = state.moveTo(CallState.INVITING);
                return;
            } catch (ParseException | InvalidArgumentException | SipException | IllegalArgumentException e) {
                LOG.warn("{}: cannot answer the {} challenge: {}", this, status, e.toString());
            }
        }
        if (state == CallState.CANCELLING && status == Response.REQUEST_TERMINATED) {
            finish(OutcomeTable.forLocal(cancelCause), status, reasonOf(cancelCause), Party.LOCAL, after);
            return;
        }
        Classification c = OutcomeTable.forResponse(status);
        int cause = SipMessages.q850Reason(response);
        finish(cause > 0 ? new Classification(c.outcome(), cause) : c, status,
                status + " " + response.getReasonPhrase(), Party.REMOTE, after);
    }

    private void onRequest(SipEvent.RequestReceived r, List<Runnable> after) {
        Request req = r.request();
        switch (req.getMethod()) {
            case Request.BYE -> {
                respond(r, Response.OK);
                if (state == CallState.CONFIRMED) {
                    int cause = SipMessages.q850Reason(req);
                    finish(new Classification(Outcome.ANSWERED, cause > 0 ? cause : 16), 200, "callee hung up",
                            Party.REMOTE, after);
                } else if (state == CallState.ENDING) {
                    finishPending(after); // BYEs crossed; ours will get 200 or 481, either is fine
                }
            }
            case Request.INVITE -> reInvite(r);
            case Request.ACK -> {
                // ACK for our 200 to a re-INVITE: nothing to do (an offer in it is not used)
            }
            case Request.OPTIONS -> {
                try {
                    reply(r, messages.optionsOk(req));
                } catch (ParseException e) {
                    LOG.warn("{}: cannot answer OPTIONS: {}", this, e.toString());
                }
            }
            case Request.CANCEL -> respond(r, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            default -> respond(r, Response.NOT_IMPLEMENTED);
        }
    }

    /**
     * Answers a re-INVITE (RFC 3261 §14.2) with our current SDP: a session refresh or a hold
     * changes nothing on our side, except that a stream put on hold (sendonly/inactive) is
     * answered with the matching direction (RFC 3264 §8.4) and a moved far end is followed.
     */
    private void reInvite(SipEvent.RequestReceived r) {
        if (state != CallState.CONFIRMED) {
            respond(r, Response.REQUEST_PENDING); // RFC 3261 §14.2: 491 while we are mid-change
            return;
        }
        String body = SipMessages.sdpBody(r.request());
        SessionDescription answer = localSdp;
        if (body != null) {
            try {
                SessionDescription offer = SdpParser.parse(body);
                NegotiatedAudio audio = NegotiatedAudio.fromAnswer(offer);
                MediaDescription ours = localSdp.media().getFirst();
                var direction = audio.direction().answer();
                if (direction != ours.direction()) {
                    MediaDescription changed = new MediaDescription(ours.media(), ours.port(), ours.protocol(),
                            ours.formats(), ours.connection(), ours.rtpMaps(), ours.fmtp(), ours.ptime(), direction);
                    answer = new SessionDescription(localSdp.origin().nextVersion(), localSdp.sessionName(),
                            localSdp.connection(), List.of(changed));
                }
                applyRemote(audio);
            } catch (SdpFormatException e) {
                LOG.info("{}: re-INVITE SDP not acceptable: {}", this, e.getMessage());
                respond(r, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
        }
        localSdp = answer;
        try {
            Response ok = messages.response(Response.OK, r.request());
            ok.addHeader(messages.contact(trunk.transport()));
            messages.setSdp(ok, answer);
            reply(r, ok);
        } catch (ParseException e) {
            LOG.warn("{}: cannot answer re-INVITE: {}", this, e.toString());
        }
    }

    private void onTimeout(SipEvent.TransactionTimedOut t, List<Runnable> after) {
        if (!t.client() || t.transaction() == null) {
            return;
        }
        String method = t.transaction().getRequest().getMethod();
        if (method.equals(Request.INVITE) && t.transaction() == inviteTx && state != CallState.ENDED) {
            LocalCause cause = state == CallState.CANCELLING ? cancelCause : LocalCause.NO_RESPONSE;
            finish(OutcomeTable.forLocal(cause), 0, reasonOf(cause), Party.LOCAL, after);
        } else if (method.equals(Request.BYE) && state == CallState.ENDING) {
            finishPending(after);
        }
    }

    // ---- timers ---------------------------------------------------------------------------

    private void ringTimeout() {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            if (state == CallState.INVITING || state == CallState.EARLY) {
                cancel(LocalCause.RING_TIMEOUT);
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void maxLengthReached() {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            if (state == CallState.CONFIRMED) {
                bye("call-length cap of " + request.maxDuration() + " reached", after);
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void cancelGuardExpired() {
        List<Runnable> after = new ArrayList<>(2);
        lock.lock();
        try {
            if (state == CallState.CANCELLING) {
                LOG.info("{}: no final response {} after CANCEL; giving up on it", this, CANCEL_GUARD);
                try {
                    inviteTx.terminate();
                } catch (Exception e) {
                    LOG.debug("{}: terminate INVITE transaction: {}", this, e.toString());
                }
                finish(OutcomeTable.forLocal(cancelCause), 0, reasonOf(cancelCause), Party.LOCAL, after);
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    // ---- ending ---------------------------------------------------------------------------

    private void cancel(LocalCause cause) {
        cancelCause = cause;
        cancel(ringTimer);
        state = state.moveTo(CallState.CANCELLING);
        if (provisionalSeen) {
            sendCancel();
        }
        cancelGuard = telephony.schedule(this::cancelGuardExpired, CANCEL_GUARD);
        closeMedia();
    }

    private void sendCancel() {
        cancelSent = true;
        try {
            Request cancel = inviteTx.createCancel();
            messages.stack().provider().getNewClientTransaction(cancel).sendRequest();
        } catch (SipException e) {
            // The INVITE may have just ended; its final response or the guard ends the call.
            LOG.debug("{}: cannot send CANCEL: {}", this, e.toString());
        }
    }

    private void bye(String why, List<Runnable> after) {
        cancel(lengthTimer);
        pendingOutcome = outcome(new Classification(Outcome.ANSWERED, 16), 200, why, Party.LOCAL);
        sendBye(16, after);
    }

    /** Sends BYE and waits in ENDING for its response; if it cannot be sent, the call ends now. */
    private void sendBye(int q850, List<Runnable> after) {
        endedAt = telephony.now();
        pendingOutcome = new CallOutcome(pendingOutcome.outcome(), pendingOutcome.sipCode(), pendingOutcome.q850(),
                pendingOutcome.reason(), pendingOutcome.endedBy(), timings());
        state = state.moveTo(CallState.ENDING);
        closeMedia();
        try {
            Request bye = dialog.createRequest(Request.BYE);
            messages.addReason(bye, q850, q850 == 16 ? "Normal call clearing" : "Outdial");
            ClientTransaction tx = messages.stack().provider().getNewClientTransaction(bye);
            dialog.sendRequest(tx);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("{}: cannot send BYE: {}", this, e.toString());
            finishPending(after);
        }
    }

    private void finishPending(List<Runnable> after) {
        CallOutcome pending = pendingOutcome;
        finish(new Classification(pending.outcome(), pending.q850()), pending.sipCode(), pending.reason(),
                pending.endedBy(), after);
    }

    /** Ends the call once: timers off, media closed, dialog released, futures completed. */
    private void finish(Classification c, int sipCode, String reason, Party by, List<Runnable> after) {
        if (state == CallState.ENDED && outcome.isDone()) {
            return;
        }
        if (state != CallState.ENDED) {
            state = state.moveTo(CallState.ENDED);
        }
        if (endedAt == null) {
            endedAt = telephony.now();
        }
        cancel(ringTimer);
        cancel(lengthTimer);
        cancel(cancelGuard);
        closeMedia();
        releaseDialog();
        if (!callId.isEmpty()) {
            telephony.unregister(this);
        }
        CallOutcome result = outcome(c, sipCode, reason, by);
        LOG.debug("{}: {}", this, result);
        after.add(() -> answered.complete(answeredAt != null && c.outcome() == Outcome.ANSWERED));
        after.add(() -> outcome.complete(result));
    }

    /**
     * A dialog the stack will not end by itself: the INVITE never left, or we gave up on it after
     * CANCEL. Confirmed dialogs end with their BYE; early ones with their final response.
     */
    private void releaseDialog() {
        if (dialog != null && answeredAt == null && dialog.getState() != javax.sip.DialogState.TERMINATED) {
            dialog.delete();
        }
    }

    private CallOutcome outcome(Classification c, int sipCode, String reason, Party by) {
        return new CallOutcome(c.outcome(), sipCode, c.q850(), reason, by, timings());
    }

    private CallTimings timings() {
        return new CallTimings(inviteSent, firstProvisional, ringing, answeredAt, endedAt);
    }

    // ---- media ----------------------------------------------------------------------------

    /** Connects the RTP leg to the peer's SDP; false when the SDP is unusable. */
    private boolean connectMedia(String body) {
        try {
            applyRemote(NegotiatedAudio.fromAnswer(SdpParser.parse(body)));
            return true;
        } catch (SdpFormatException e) {
            LOG.info("{}: unusable SDP: {}", this, e.getMessage());
            return false;
        }
    }

    private void applyRemote(NegotiatedAudio audio) {
        if (leg == null) {
            return;
        }
        if (audio.equals(remoteAudio)) {
            return;
        }
        remoteAudio = audio;
        Codec codec = Codec.forPayloadType(audio.payloadType()).orElseThrow();
        leg.connect(audio.remote(), codec, audio.dtmfPayloadType());
        mediaConnected = true;
    }

    private MediaLeg connectedLeg() {
        lock.lock();
        try {
            return mediaConnected && state != CallState.ENDED && state != CallState.ENDING ? leg : null;
        } finally {
            lock.unlock();
        }
    }

    private void closeMedia() {
        if (leg != null) {
            mediaConnected = false;
            leg.close();
        }
    }

    private CompletableFuture<Void> noMedia() {
        return CompletableFuture.failedFuture(new IllegalStateException(this + " has no media path in state " + state));
    }

    // ---- small helpers --------------------------------------------------------------------

    private void respond(SipEvent.RequestReceived r, int status) {
        try {
            reply(r, messages.response(status, r.request()));
        } catch (ParseException e) {
            LOG.warn("{}: cannot build {}: {}", this, status, e.toString());
        }
    }

    private void reply(SipEvent.RequestReceived r, Response response) {
        try {
            ServerTransaction tx = r.transaction() != null
                    ? r.transaction()
                    : messages.stack().provider().getNewServerTransaction(r.request());
            tx.sendResponse(response);
        } catch (SipException | InvalidArgumentException e) {
            LOG.debug("{}: cannot send {}: {}", this, response.getStatusCode(), e.toString());
        }
    }

    private static String reasonOf(LocalCause cause) {
        return switch (cause) {
            case RING_TIMEOUT -> "ring timeout";
            case ABANDONED -> "hung up before answer";
            case NO_RESPONSE -> "no response from the trunk";
            default -> cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
