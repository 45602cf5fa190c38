package org.outdial.testbed.phones;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaException;
import org.outdial.media.rtp.RtpSession;
import org.outdial.sip.sdp.AudioAnswer;
import org.outdial.sip.sdp.NegotiatedAudio;
import org.outdial.sip.sdp.Origin;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SdpParser;
import org.outdial.sip.sdp.SdpWriter;
import org.outdial.sip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated operator's desk phone: registers its line, rings when Outdial offers it a call,
 * and answers, declines or lets it ring as its {@link PhoneBehaviour} draws. While talking it
 * plays its own tone and listens for the far end's ({@link ToneHearing}); every ended call
 * leaves a {@link CallRecord}.
 *
 * <p>A phone has one line: an INVITE while another call rings or is up is answered 486 and
 * counted in {@link PhoneStats#concurrentOffers()}, the violation the operator claims must
 * prevent (issue 10: "one operator is never offered two calls at once"). A call the phone is
 * hanging up (BYE sent) no longer counts: Outdial may offer the next one as soon as it got the BYE.
 */
public final class SimulatedPhone {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPhone.class);
    private static final String SERVER = "Outdial simulated operator phone";
    private static final double TONE_AMPLITUDE = 0.3;

    private final PhoneLine line;
    private final String transport;
    private final int toneHz;
    private final PhoneSipStack sip;
    private final SipProvider provider;
    private final MediaEngine media;
    private final ScheduledExecutorService timers;
    private final InstantSource clock;
    private final PhoneRegistration registration;
    private final SplittableRandom random;
    /** One second of the phone's tone: a 50 Hz multiple, so it loops without a click. */
    private final AudioSource tone;
    private final Map<String, PhoneCall> calls = new ConcurrentHashMap<>();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final LongAdder offered = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder notAnswered = new LongAdder();
    private final LongAdder concurrentOffers = new LongAdder();
    private final AtomicLong talkMillis = new AtomicLong();
    private final AtomicLong tags = new AtomicLong(System.nanoTime());
    private volatile PhoneBehaviour behaviour;
    private volatile boolean vanished;

    SimulatedPhone(PhoneLine line, int toneHz, PhonesSettings settings, PhoneSipStack sip, MediaEngine media,
                   ScheduledExecutorService timers, InstantSource clock) throws PhonesException {
        this.line = line;
        this.transport = settings.transport();
        this.toneHz = toneHz;
        this.sip = sip;
        this.media = media;
        this.timers = timers;
        this.clock = clock;
        this.behaviour = settings.behaviour();
        this.random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + line.number().hashCode());
        this.tone = AudioSource.tone(toneHz, Duration.ofSeconds(1), TONE_AMPLITUDE);
        this.provider = sip.listen(transport, new PhoneSipStack.Handler() {
            @Override
            public void request(RequestEvent event) {
                onRequest(event);
            }

            @Override
            public void response(ResponseEvent event) {
                onResponse(event);
            }

            @Override
            public void timeout(TimeoutEvent event) {
                onTimeout(event);
            }

            @Override
            public void dialogEnded(DialogTerminatedEvent event) {
                onDialogEnded(event);
            }
        });
        this.registration = new PhoneRegistration(line, settings, sip, provider, timers);
    }

    // ---- what tests and the demo use -----------------------------------------------------------

    public String number() {
        return line.number();
    }

    /** The tone it plays while talking, Hz. */
    public int toneHz() {
        return toneHz;
    }

    /** The phone's SIP port (UDP or TCP, as its settings say), the port of its Contact. */
    public int sipPort() {
        return provider.getListeningPoint(transport).getPort();
    }

    public boolean isRegistered() {
        return registration.state() == PhoneRegistration.State.REGISTERED;
    }

    /** The last final status a REGISTER got (200, 401 after a wrong answer, 403, 408 on timeout); 0 before any. */
    public int lastRegisterStatus() {
        return registration.lastStatus();
    }

    /** REGISTER attempts that ended without a binding: refused (403), challenged again (wrong password), timed out. */
    public long registerFailures() {
        return registration.failures();
    }

    /** Waits until registered; false if not within {@code timeout}. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        try {
            registration.registered().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Changes how this phone treats the next offers (the calls in progress keep theirs). */
    public void behave(PhoneBehaviour next) {
        this.behaviour = java.util.Objects.requireNonNull(next, "behaviour");
    }

    public PhoneBehaviour behaviour() {
        return behaviour;
    }

    /**
     * The phone drops off the network: it stops answering anything (INVITE, OPTIONS, BYE),
     * stops refreshing its registration and does not un-REGISTER; its calls are dropped without
     * a word. The registrar's keep-alive is what must notice.
     */
    public void vanish() {
        vanished = true;
        registration.abandon();
        for (PhoneCall call : List.copyOf(calls.values())) {
            synchronized (call) {
                end(call, call.answeredAt != null ? CallRecord.Outcome.ANSWERED : CallRecord.Outcome.NOT_ANSWERED,
                        call.answeredAt != null ? 200 : 0, CallRecord.EndedBy.PHONE);
            }
        }
        LOG.info("{} vanished", line.number());
    }

    /** Back on the network after {@link #vanish}: answers again and registers anew. */
    public void reappear() {
        vanished = false;
        registration.start();
    }

    public boolean isVanished() {
        return vanished;
    }

    /** The operator hangs up the call that is up now, if any. */
    public void hangUp() {
        for (PhoneCall call : List.copyOf(calls.values())) {
            synchronized (call) {
                if (call.state == CallState.TALKING) {
                    sendBye(call);
                }
            }
        }
    }

    /** Calls ringing or up now. */
    public int callsInProgress() {
        return (int) calls.values().stream().filter(c -> c.state == CallState.RINGING || c.state == CallState.TALKING)
                .count();
    }

    /** The ended calls, oldest first. */
    public List<CallRecord> calls() {
        return List.copyOf(records);
    }

    public PhoneStats stats() {
        return new PhoneStats(line.number(), offered.sum(), answered.sum(), refused.sum(), notAnswered.sum(),
                Duration.ofMillis(talkMillis.get()), concurrentOffers.sum(), registration.registrations());
    }

    // ---- lifecycle (OperatorPhones) --------------------------------------------------------------

    void start() {
        registration.start();
    }

    /** Ends its calls (BYE, or 480 to a ringing one) and removes its registration. */
    void shutDown(Duration unregisterTimeout) {
        for (PhoneCall call : List.copyOf(calls.values())) {
            synchronized (call) {
                switch (call.state) {
                    case RINGING -> sendFinal(call, Response.TEMPORARILY_UNAVAILABLE, CallRecord.Outcome.NOT_ANSWERED);
                    case TALKING -> sendBye(call);
                    default -> {
                    }
                }
            }
        }
        if (!vanished) {
            registration.unregister(unregisterTimeout);
        }
    }

    // ---- requests -------------------------------------------------------------------------------

    private void onRequest(RequestEvent event) {
        if (vanished) {
            return;
        }
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (toTag(request) == null) {
                    onInvite(event);
                } else {
                    onReInvite(event);
                }
            }
            case Request.ACK -> {
                // The 2xx's ACK confirms the dialog; media already flows since the 200.
            }
            case Request.CANCEL -> onCancel(event);
            case Request.BYE -> onBye(event);
            case Request.OPTIONS -> reply(event, Response.OK);
            default -> reply(event, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void onInvite(RequestEvent event) {
        Request invite = event.getRequest();
        ServerTransaction tx;
        try {
            tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(invite);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the transaction re-sends our last response
        } catch (SipException e) {
            LOG.debug("{}: no transaction for INVITE: {}", line.number(), e.toString());
            return;
        }
        String callId = callId(invite);
        PhoneCall call = new PhoneCall(callId, invite, tx, Long.toHexString(tags.incrementAndGet()), clock.instant());
        boolean busy = callsInProgress() > 0;
        if (calls.putIfAbsent(callId, call) != null) {
            return;
        }
        offered.increment();
        synchronized (call) {
            try {
                tx.sendResponse(response(Response.TRYING, invite, null));
                if (busy) {
                    concurrentOffers.increment();
                    LOG.warn("{}: offered a call ({}) while another is ringing or up", line.number(), callId);
                    sendFinal(call, Response.BUSY_HERE, CallRecord.Outcome.BUSY_WITH_ANOTHER);
                    return;
                }
                PhoneBehaviour now = behaviour;
                double draw;
                Duration delay;
                synchronized (random) {
                    draw = random.nextDouble();
                    delay = now.answerDelay().draw(random);
                    call.talk = now.talk().map(t -> t.draw(random)).orElse(null);
                    call.refusal = random.nextBoolean() ? Response.BUSY_HERE : Response.DECLINE;
                }
                // The dialog is made before the 180 so the 180's To tag is the dialog's local tag.
                call.dialog = provider.getNewDialog(tx);
                tx.sendResponse(response(Response.RINGING, invite, call.tag));
                if (draw < now.noAnswerShare()) {
                    call.timer = schedule(() -> giveUp(call), now.ringCap());
                } else if (draw < now.noAnswerShare() + now.refuseShare()) {
                    call.timer = schedule(() -> refuse(call), delay);
                } else {
                    call.timer = schedule(() -> answer(call), delay);
                }
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.debug("{}: cannot answer INVITE {}: {}", line.number(), callId, e.toString());
                end(call, CallRecord.Outcome.FAILED, 0, CallRecord.EndedBy.PHONE);
            }
        }
    }

    private void answer(PhoneCall call) {
        synchronized (call) {
            if (call.state != CallState.RINGING) {
                return;
            }
            SessionDescription offer;
            NegotiatedAudio far;
            try {
                offer = SdpParser.parse(body(call.invite));
                // The offer read as an answer: its first G.711 stream, address and codec, which
                // is also the stream and codec AudioAnswer accepts.
                far = NegotiatedAudio.fromAnswer(offer);
            } catch (SdpFormatException e) {
                sendFinal(call, Response.NOT_ACCEPTABLE_HERE, CallRecord.Outcome.FAILED);
                return;
            }
            try {
                call.rtp = media.openSession();
            } catch (MediaException e) {
                LOG.warn("{}: no RTP port: {}", line.number(), e.getMessage());
                sendFinal(call, Response.SERVICE_UNAVAILABLE, CallRecord.Outcome.FAILED);
                return;
            }
            String address = sip.address();
            Optional<SessionDescription> answer = AudioAnswer.to(offer, new Origin("phone" + line.number(),
                    Math.abs(tags.incrementAndGet()), 1, address.indexOf(':') >= 0 ? "IP6" : "IP4", address), "-",
                    call.rtp.localPort());
            if (answer.isEmpty()) {
                sendFinal(call, Response.NOT_ACCEPTABLE_HERE, CallRecord.Outcome.FAILED);
                return;
            }
            try {
                Response ok = response(Response.OK, call.invite, call.tag);
                ok.setContent(SdpWriter.write(answer.get()), sip.headers().createContentTypeHeader("application", "sdp"));
                call.answer = answer.get();
                // Answered when the operator picks up, before any audio can come back.
                call.answeredAt = clock.instant();
                call.state = CallState.TALKING;
                startMedia(call, far);
                call.tx.sendResponse(ok);
                answered.increment();
                if (call.talk != null) {
                    call.timer = schedule(() -> {
                        synchronized (call) {
                            sendBye(call);
                        }
                    }, call.talk);
                }
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.debug("{}: cannot send 200 for {}: {}", line.number(), call.callId, e.toString());
                end(call, CallRecord.Outcome.FAILED, 0, CallRecord.EndedBy.PHONE);
            }
        }
    }

    /** Connects RTP, loops the phone's tone, and listens to what arrives. Caller holds the call's lock. */
    private void startMedia(PhoneCall call, NegotiatedAudio far) {
        RtpSession rtp = call.rtp;
        rtp.onAudio(frame -> {
            if (call.firstAudioAt == null) {
                call.firstAudioAt = clock.instant();
            }
            call.hearing.frame(frame);
        });
        rtp.connect(far.remote(), Codec.forPayloadType(far.payloadType()).orElse(Codec.PCMU), far.dtmfPayloadType());
        playTone(call, rtp);
    }

    private void playTone(PhoneCall call, RtpSession rtp) {
        rtp.play(tone).whenComplete((done, failure) -> {
            // Cancelled when the session closes; otherwise another second of the same tone.
            if (failure == null && !rtp.isClosed() && call.state == CallState.TALKING) {
                playTone(call, rtp);
            }
        });
    }

    private void refuse(PhoneCall call) {
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                sendFinal(call, call.refusal, CallRecord.Outcome.REFUSED);
            }
        }
    }

    /** Rang for the behaviour's ring cap and nobody cancelled: the phone stops alerting. */
    private void giveUp(PhoneCall call) {
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                sendFinal(call, Response.TEMPORARILY_UNAVAILABLE, CallRecord.Outcome.NOT_ANSWERED);
            }
        }
    }

    /** A final non-2xx to a ringing call, which ends it. Caller holds the call's lock. */
    private void sendFinal(PhoneCall call, int status, CallRecord.Outcome outcome) {
        try {
            call.tx.sendResponse(response(status, call.invite, call.tag));
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.debug("{}: cannot send {} for {}: {}", line.number(), status, call.callId, e.toString());
        }
        end(call, outcome, status, CallRecord.EndedBy.PHONE);
    }

    /** The operator hangs up. Caller holds the call's lock. */
    private void sendBye(PhoneCall call) {
        if (call.state != CallState.TALKING) {
            return;
        }
        call.state = CallState.HANGING_UP;
        call.endedBy = CallRecord.EndedBy.PHONE;
        call.talkEndedAt = clock.instant();
        closeMedia(call);
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            call.dialog.sendRequest(ct);
            // The 200 (or the transaction's timeout) ends the call.
        } catch (SipException e) {
            LOG.debug("{}: cannot send BYE for {}: {}", line.number(), call.callId, e.toString());
            end(call, CallRecord.Outcome.ANSWERED, 200, CallRecord.EndedBy.PHONE);
        }
    }

    private void onCancel(RequestEvent event) {
        PhoneCall call = calls.get(callId(event.getRequest()));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        // RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it had no final response.
        reply(event, Response.OK);
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                try {
                    call.tx.sendResponse(response(Response.REQUEST_TERMINATED, call.invite, call.tag));
                } catch (SipException | ParseException | InvalidArgumentException e) {
                    LOG.debug("{}: cannot send 487: {}", line.number(), e.toString());
                }
                end(call, CallRecord.Outcome.NOT_ANSWERED, Response.REQUEST_TERMINATED, CallRecord.EndedBy.FAR_END);
            }
        }
    }

    private void onBye(RequestEvent event) {
        PhoneCall call = calls.get(callId(event.getRequest()));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        reply(event, Response.OK);
        synchronized (call) {
            if (call.state == CallState.TALKING) {
                call.endedBy = CallRecord.EndedBy.FAR_END;
                call.talkEndedAt = clock.instant();
            }
            end(call, CallRecord.Outcome.ANSWERED, 200, call.endedBy);
        }
    }

    /** A re-INVITE (hold, a new address): the same answer stands, media follows the new offer. */
    private void onReInvite(RequestEvent event) {
        PhoneCall call = calls.get(callId(event.getRequest()));
        if (call == null || call.answer == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(event.getRequest());
            byte[] raw = event.getRequest().getRawContent();
            synchronized (call) {
                if (raw != null && call.rtp != null && !call.rtp.isClosed()) {
                    NegotiatedAudio far = NegotiatedAudio.fromAnswer(SdpParser.parse(new String(raw,
                            StandardCharsets.UTF_8)));
                    call.rtp.connect(far.remote(), Codec.forPayloadType(far.payloadType()).orElse(Codec.PCMU),
                            far.dtmfPayloadType());
                }
                call.answer = call.answer.withOrigin(call.answer.origin().nextVersion());
            }
            Response ok = response(Response.OK, event.getRequest(), null);
            ok.setContent(SdpWriter.write(call.answer), sip.headers().createContentTypeHeader("application", "sdp"));
            tx.sendResponse(ok);
        } catch (SipException | ParseException | InvalidArgumentException | SdpFormatException e) {
            LOG.debug("{}: cannot answer re-INVITE: {}", line.number(), e.toString());
        }
    }

    // ---- responses, timeouts, dialogs ------------------------------------------------------------

    private void onResponse(ResponseEvent event) {
        if (vanished) {
            return;
        }
        Response response = event.getResponse();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (method.equals(Request.REGISTER)) {
            registration.onResponse(event);
            return;
        }
        if (method.equals(Request.BYE) && response.getStatusCode() >= 200) {
            PhoneCall call = calls.get(callId(response));
            if (call != null) {
                synchronized (call) {
                    end(call, CallRecord.Outcome.ANSWERED, 200, CallRecord.EndedBy.PHONE);
                }
            }
        }
    }

    private void onTimeout(TimeoutEvent event) {
        var tx = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
        if (tx == null || vanished) {
            return;
        }
        Request request = tx.getRequest();
        if (request.getMethod().equals(Request.REGISTER)) {
            registration.onTimeout();
            return;
        }
        PhoneCall call = calls.get(callId(request));
        if (call != null) {
            synchronized (call) {
                // An unacknowledged 200 (no ACK within 64·T1) or an unanswered BYE: the call is over.
                end(call, call.answeredAt != null ? CallRecord.Outcome.ANSWERED : CallRecord.Outcome.FAILED,
                        call.answeredAt != null ? 200 : 0, CallRecord.EndedBy.PHONE);
            }
        }
    }

    private void onDialogEnded(DialogTerminatedEvent event) {
        PhoneCall call = calls.get(event.getDialog().getCallId().getCallId());
        if (call != null) {
            synchronized (call) {
                if (call.state == CallState.TALKING || call.state == CallState.HANGING_UP) {
                    end(call, CallRecord.Outcome.ANSWERED, 200, call.endedBy);
                }
            }
        }
    }

    /** Releases what the call holds and records it. Idempotent; caller holds the call's lock. */
    private void end(PhoneCall call, CallRecord.Outcome outcome, int status, CallRecord.EndedBy endedBy) {
        if (call.state == CallState.ENDED) {
            return;
        }
        boolean wasAnswered = call.answeredAt != null;
        call.state = CallState.ENDED;
        if (call.timer != null) {
            call.timer.cancel(false);
        }
        closeMedia(call);
        if (call.dialog != null && !wasAnswered) {
            call.dialog.delete(); // an early dialog a CANCEL or refusal ended
        }
        calls.remove(call.callId, call);
        Instant now = clock.instant();
        Instant talkEnd = call.talkEndedAt != null ? call.talkEndedAt : now;
        Duration talk = wasAnswered ? Duration.between(call.answeredAt, talkEnd) : Duration.ZERO;
        switch (outcome) {
            case ANSWERED -> talkMillis.addAndGet(talk.toMillis());
            case REFUSED -> refused.increment();
            case NOT_ANSWERED -> notAnswered.increment();
            default -> {
            }
        }
        FromHeader from = (FromHeader) call.invite.getHeader(FromHeader.NAME);
        String caller = from.getAddress().getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser()
                : from.getAddress().getURI().toString();
        String callerName = from.getAddress().getDisplayName() == null ? "" : from.getAddress().getDisplayName();
        CallRecord record = new CallRecord(line.number(), call.callId, caller, callerName, infoHeaders(call.invite),
                call.offeredAt, outcome, status, Optional.ofNullable(call.answeredAt),
                Optional.ofNullable(call.firstAudioAt), call.hearing.first(), call.hearing.last(), talk, endedBy);
        records.add(record);
        LOG.debug("{}: {}", line.number(), record);
    }

    private static void closeMedia(PhoneCall call) {
        if (call.rtp != null) {
            call.rtp.close();
        }
    }

    /** The INVITE's headers a softphone can show the operator: X-*, Subject, Call-Info. */
    private static Map<String, String> infoHeaders(Request invite) {
        Map<String, String> shown = new LinkedHashMap<>();
        ListIterator<String> names = invite.getHeaderNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.regionMatches(true, 0, "X-", 0, 2) || name.equalsIgnoreCase("Subject")
                    || name.equalsIgnoreCase("Call-Info")) {
                Header header = invite.getHeader(name);
                String text = header.toString();
                int colon = text.indexOf(':');
                shown.put(name, (colon >= 0 ? text.substring(colon + 1) : text).strip());
            }
        }
        return shown;
    }

    // ---- messages -------------------------------------------------------------------------------

    private Response response(int status, Request request, String tag) throws ParseException {
        Response response = sip.messages().createResponse(status, request);
        if (tag != null) {
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
        }
        if (status >= 180 && status < 300) {
            SipURI uri = sip.addresses().createSipURI(line.number(), sip.address());
            uri.setPort(sipPort());
            if (transport.equals("tcp")) {
                uri.setTransportParam("tcp");
            }
            response.addHeader(sip.headers().createContactHeader(sip.addresses().createAddress(uri)));
        }
        response.addHeader(sip.headers().createServerHeader(List.of(SERVER)));
        return response;
    }

    /** A reply outside a call's INVITE transaction: OPTIONS, CANCEL's and BYE's 200, 481, 405. */
    private void reply(RequestEvent event, int status) {
        Request request = event.getRequest();
        try {
            Response response = response(status, request, null);
            if (toTag(request) == null && status >= 200) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(Long.toHexString(tags.incrementAndGet()));
            }
            if (request.getMethod().equals(Request.OPTIONS)) {
                response.addHeader(sip.headers().createAllowHeader("INVITE, ACK, CANCEL, BYE, OPTIONS"));
            }
            if (event.getServerTransaction() != null) {
                event.getServerTransaction().sendResponse(response);
            } else if (event.getDialog() != null || request.getMethod().equals(Request.CANCEL)) {
                provider.getNewServerTransaction(request).sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (TransactionAlreadyExistsException e) {
            LOG.trace("retransmitted {}", request.getMethod());
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.debug("{}: cannot answer {}: {}", line.number(), request.getMethod(), e.toString());
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: call timer failed", line.number(), e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String toTag(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    }

    private static String callId(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String body(Request request) {
        byte[] raw = request.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SimulatedPhone[" + line.number() + " on " + sip.address() + ":" + sipPort() + ", "
                + registration.state() + ", tone " + toneHz + " Hz]";
    }

    private enum CallState { RINGING, TALKING, HANGING_UP, ENDED }

    /** One offered call; guarded by its own monitor. */
    private static final class PhoneCall {
        final String callId;
        final Request invite;
        final ServerTransaction tx;
        final String tag;
        final Instant offeredAt;
        final ToneHearing hearing = new ToneHearing();
        volatile CallState state = CallState.RINGING;
        Dialog dialog;
        RtpSession rtp;
        SessionDescription answer;
        ScheduledFuture<?> timer;
        Duration talk;
        int refusal;
        volatile Instant answeredAt;
        volatile Instant firstAudioAt;
        Instant talkEndedAt;
        CallRecord.EndedBy endedBy = CallRecord.EndedBy.FAR_END;

        PhoneCall(String callId, Request invite, ServerTransaction tx, String tag, Instant offeredAt) {
            this.callId = callId;
            this.invite = invite;
            this.tx = tx;
            this.tag = tag;
            this.offeredAt = offeredAt;
        }
    }
}
