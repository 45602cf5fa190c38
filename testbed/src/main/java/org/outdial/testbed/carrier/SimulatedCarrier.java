package org.outdial.testbed.carrier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.outdial.sip.sdp.AudioAnswer;
import org.outdial.sip.sdp.Origin;
import org.outdial.sip.sdp.SdpFormatException;
import org.outdial.sip.sdp.SdpParser;
import org.outdial.sip.sdp.SdpWriter;
import org.outdial.sip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A carrier on loopback for the demo and for tests: a SIP UAS that answers INVITEs the way a
 * consumer network does, in realistic proportions chosen per dialed number by {@link CalleeMix}:
 * answered calls (with an RTP echo, and a callee who hangs up after a while), calls that ring
 * until CANCEL, busy, unknown numbers, unreachable, declined, congestion, server errors.
 *
 * <p>Run it as its own process with {@code java -cp ... org.outdial.testbed.carrier.SimulatedCarrier
 * --port 5080}; it prints one line when it listens and nothing per call unless {@code --verbose}.
 * Every call's state (timers, dialog, echo socket) is released when the call ends, however it ends.
 */
public final class SimulatedCarrier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCarrier.class);
    private static final String SERVER = "Outdial simulated carrier";

    private final CarrierSettings settings;
    private final CarrierSipStack sip;
    private final EchoMedia echo;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, CarrierCall> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> results = new ConcurrentHashMap<>();
    private final LongAdder invites = new LongAdder();
    /** The last {@value #HEARD_KEPT} answered calls: enough for a test, bounded for the demo's long runs. */
    private final java.util.ArrayDeque<HeardCall> answered = new java.util.ArrayDeque<>();
    private static final int HEARD_KEPT = 10_000;
    private final AtomicLong sessionIds = new AtomicLong(System.currentTimeMillis());

    private SimulatedCarrier(CarrierSettings settings, CarrierSipStack sip, EchoMedia echo,
                             ScheduledThreadPoolExecutor timers) {
        this.settings = settings;
        this.sip = sip;
        this.echo = echo;
        this.timers = timers;
    }

    /**
     * One answered call, once it ended: what its callee heard and who hung up.
     *
     * @param number        the dialed number (the Request-URI's user part)
     * @param audibleFrames 20 ms packets of audible audio the caller sent (tones, speech; not silence)
     * @param byeFromCaller the caller (Outdial) ended it with a BYE; false when the callee hung up
     * @param invitedAt     when the INVITE arrived
     * @param answeredAt    when the 200 OK went out: the callee's answer as the callee sees it
     * @param endedAt       when the call ended (the BYE either way)
     */
    public record HeardCall(String number, int audibleFrames, boolean byeFromCaller, Instant invitedAt,
                            Instant answeredAt, Instant endedAt) {
    }

    /** The last answered calls that ended, in the order they ended. */
    public List<HeardCall> answeredCalls() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    /** Starts listening; close it to stop. */
    public static SimulatedCarrier start(CarrierSettings settings) throws CarrierException {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "carrier-timers");
            t.setDaemon(true);
            return t;
        });
        // Cancelled ring and talk timers must not stay queued for minutes after their calls ended.
        timers.setRemoveOnCancelPolicy(true);
        EchoMedia echo = EchoMedia.start(settings.bindAddress());
        SimulatedCarrier[] self = new SimulatedCarrier[1];
        try {
            CarrierSipStack sip = CarrierSipStack.start(settings.bindAddress(), settings.port(), new CarrierSipStack.Handler() {
                @Override
                public void request(RequestEvent event) {
                    self[0].onRequest(event);
                }

                @Override
                public void response(ResponseEvent event) {
                    self[0].onResponse(event);
                }

                @Override
                public void timeout(TimeoutEvent event) {
                    self[0].onTimeout(event);
                }

                @Override
                public void dialogEnded(DialogTerminatedEvent event) {
                    self[0].onDialogEnded(event);
                }
            });
            self[0] = new SimulatedCarrier(settings, sip, echo, timers);
            return self[0];
        } catch (CarrierException | RuntimeException e) {
            echo.close();
            timers.shutdownNow();
            throw e;
        }
    }

    /** The SIP port it listens on (UDP). */
    public int port() {
        return sip.port();
    }

    public String address() {
        return sip.address();
    }

    public CarrierSettings settings() {
        return settings;
    }

    /** INVITEs that started a call so far (retransmissions not counted). */
    public long invites() {
        return invites.sum();
    }

    /** Calls not yet ended: ringing, answered, or hanging up. */
    public int callsInProgress() {
        return calls.size();
    }

    /** Dialogs the SIP stack still holds (answered calls and those that linger briefly after BYE). */
    public int dialogCount() {
        return sip.dialogCount();
    }

    /** Echo sockets open: one per answered call that has not ended. */
    public int echoPortsOpen() {
        return echo.openCount();
    }

    /** Ended calls by how they ended ({@code answered}, {@code 487}, {@code 486}, ...). */
    public Map<String, Long> results() {
        Map<String, Long> copy = new TreeMap<>();
        results.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Ends every call (BYE to answered ones, 503 to ringing ones) and stops listening. */
    @Override
    public void close() {
        // One line for the whole run, so a leak shows in the log without per-call noise.
        LOG.info("carrier stopping: {} calls up, {} dialogs, {} echo ports open; calls ended by result: {}",
                calls.size(), dialogCount(), echoPortsOpen(), results());
        for (CarrierCall call : List.copyOf(calls.values())) {
            synchronized (call) {
                switch (call.state) {
                    case RINGING -> sendFinal(call, Response.SERVICE_UNAVAILABLE, "shutdown");
                    case ANSWERED -> hangUp(call);
                    default -> {
                    }
                }
            }
        }
        timers.shutdownNow();
        sip.close();
        echo.close();
        calls.clear();
    }

    // ---- requests ---------------------------------------------------------------------------

    private void onRequest(RequestEvent event) {
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
                // The 2xx's ACK ends the three-way handshake; a non-2xx's is absorbed by the stack.
            }
            case Request.CANCEL -> onCancel(event);
            case Request.BYE -> onBye(event);
            case Request.OPTIONS -> reply(event, Response.OK);
            default -> reply(event, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void onInvite(RequestEvent event) {
        Request invite = event.getRequest();
        String callId = callId(invite);
        ServerTransaction tx;
        try {
            tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : sip.provider().getNewServerTransaction(invite);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the transaction re-sends our last response
        } catch (SipException e) {
            LOG.debug("carrier: no transaction for INVITE {}: {}", callId, e.toString());
            return;
        }
        String number = ((SipURI) invite.getRequestURI()).getUser();
        CalleeBehaviour behaviour = settings.mix().behaviourOf(number == null ? "" : number);
        CarrierCall call = new CarrierCall(callId, number, behaviour, invite, tx, sessionIds.incrementAndGet());
        if (calls.putIfAbsent(callId, call) != null) {
            return;
        }
        invites.increment();
        synchronized (call) {
            try {
                tx.sendResponse(response(Response.TRYING, invite, null));
                switch (behaviour) {
                    case CalleeBehaviour.Answer answer -> {
                        // The dialog is created before the 180 so its tag is the dialog's local tag.
                        call.dialog = sip.provider().getNewDialog(tx);
                        ring(call);
                        call.timer = schedule(() -> answer(call), answer.ringing());
                    }
                    case CalleeBehaviour.RingUntilCancel ring -> {
                        ring(call);
                        call.timer = schedule(() -> giveUp(call), settings.ringCap());
                    }
                    case CalleeBehaviour.Refuse refuse -> {
                        if (refuse.ringsFirst()) {
                            ring(call);
                        }
                        call.timer = schedule(() -> refuse(call, refuse.status()), refuse.delay());
                    }
                }
            } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
                LOG.debug("carrier: cannot answer INVITE {}: {}", callId, e.toString());
                end(call, "error");
            }
        }
    }

    private void ring(CarrierCall call) throws SipException, ParseException, javax.sip.InvalidArgumentException {
        call.tx.sendResponse(response(Response.RINGING, call.invite, call.tag));
    }

    private void answer(CarrierCall call) {
        synchronized (call) {
            if (call.state != CallState.RINGING) {
                return;
            }
            SessionDescription offer;
            try {
                offer = SdpParser.parse(body(call.invite));
            } catch (SdpFormatException e) {
                sendFinal(call, Response.NOT_ACCEPTABLE_HERE, "488 (bad SDP: " + e.getMessage() + ")");
                return;
            }
            try {
                call.echo = echo.open();
            } catch (IOException e) {
                sendFinal(call, Response.SERVICE_UNAVAILABLE, "503 (no RTP port: " + e.getMessage() + ")");
                return;
            }
            Optional<SessionDescription> answered = answerTo(offer, call);
            if (answered.isEmpty()) {
                sendFinal(call, Response.NOT_ACCEPTABLE_HERE, "488 (no PCMU or PCMA offered)");
                return;
            }
            SessionDescription answer = answered.get();
            try {
                Response ok = response(Response.OK, call.invite, call.tag);
                ok.setContent(SdpWriter.write(answer), sdpType());
                call.answer = answer;
                call.answeredAt = Instant.now();
                call.tx.sendResponse(ok);
                call.state = CallState.ANSWERED;
                call.timer = schedule(() -> {
                    synchronized (call) {
                        hangUp(call);
                    }
                }, ((CalleeBehaviour.Answer) call.behaviour).talk());
            } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
                LOG.debug("carrier: cannot send 200 for {}: {}", call.callId, e.toString());
                end(call, "error");
            }
        }
    }

    private void refuse(CarrierCall call, int status) {
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                sendFinal(call, status, Integer.toString(status));
            }
        }
    }

    /** A callee that rang for {@link CarrierSettings#ringCap()} with no CANCEL: the network stops alerting. */
    private void giveUp(CarrierCall call) {
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                sendFinal(call, Response.TEMPORARILY_UNAVAILABLE, "480 (ring cap)");
            }
        }
    }

    /** The final non-2xx response to a ringing call; ends it. Caller holds the call's lock. */
    private void sendFinal(CarrierCall call, int status, String result) {
        try {
            call.tx.sendResponse(response(status, call.invite, call.tag));
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("carrier: cannot send {} for {}: {}", status, call.callId, e.toString());
        }
        end(call, result);
    }

    /** The callee hangs up an answered call. Caller holds the call's lock. */
    private void hangUp(CarrierCall call) {
        if (call.state != CallState.ANSWERED) {
            return;
        }
        call.state = CallState.HANGING_UP;
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            // RFC 3326: the cause for the caller's records; 16 is normal call clearing.
            bye.addHeader(sip.headers().createReasonHeader("Q.850", 16, "Normal call clearing"));
            ClientTransaction ct = sip.provider().getNewClientTransaction(bye);
            call.dialog.sendRequest(ct);
            // If the BYE is never answered the transaction times out (Timer F) and ends the call.
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("carrier: cannot send BYE for {}: {}", call.callId, e.toString());
            end(call, "answered");
        }
    }

    private void onCancel(RequestEvent event) {
        Request cancel = event.getRequest();
        CarrierCall call = calls.get(callId(cancel));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        // RFC 3261 §9.2: 200 to the CANCEL itself, then 487 to the INVITE if it had no final response.
        reply(event, Response.OK);
        synchronized (call) {
            if (call.state == CallState.RINGING) {
                sendFinal(call, Response.REQUEST_TERMINATED, "487");
            }
        }
    }

    private void onBye(RequestEvent event) {
        CarrierCall call = calls.get(callId(event.getRequest()));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        reply(event, Response.OK);
        synchronized (call) {
            end(call, "bye"); // the caller's BYE: counted as "answered", remembered as the caller's
        }
    }

    /** Outdial does not re-INVITE today; if it does (hold, a new address), the same answer stands. */
    private void onReInvite(RequestEvent event) {
        CarrierCall call = calls.get(callId(event.getRequest()));
        SessionDescription answer = call == null ? null : call.answer;
        if (answer == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : sip.provider().getNewServerTransaction(event.getRequest());
            Response ok = response(Response.OK, event.getRequest(), null);
            ok.setContent(SdpWriter.write(answer.withOrigin(answer.origin().nextVersion())), sdpType());
            tx.sendResponse(ok);
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("carrier: cannot answer re-INVITE: {}", e.toString());
        }
    }

    // ---- responses, timeouts, dialogs ---------------------------------------------------------

    private void onResponse(ResponseEvent event) {
        // Only our BYEs get responses; any final one ends the call.
        if (event.getResponse().getStatusCode() < 200) {
            return;
        }
        CarrierCall call = calls.get(callId(event.getResponse()));
        if (call != null) {
            synchronized (call) {
                end(call, "answered");
            }
        }
    }

    private void onTimeout(TimeoutEvent event) {
        var tx = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
        if (tx == null) {
            return;
        }
        CarrierCall call = calls.get(callId(tx.getRequest()));
        if (call != null) {
            synchronized (call) {
                end(call, call.state == CallState.RINGING ? "timeout" : "answered");
            }
        }
    }

    private void onDialogEnded(DialogTerminatedEvent event) {
        CarrierCall call = calls.get(event.getDialog().getCallId().getCallId());
        if (call != null) {
            synchronized (call) {
                end(call, call.state == CallState.RINGING ? "dialog ended" : "answered");
            }
        }
    }

    /** Releases everything a call holds. Idempotent; caller holds the call's lock. */
    private void end(CarrierCall call, String result) {
        if (call.state == CallState.ENDED) {
            return;
        }
        boolean answered = call.state != CallState.RINGING;
        boolean byCaller = call.state == CallState.ANSWERED && result.equals("bye");
        call.state = CallState.ENDED;
        if (call.timer != null) {
            call.timer.cancel(false);
        }
        if (call.echo != null) {
            call.echo.close();
        }
        if (call.dialog != null && !answered) {
            call.dialog.delete(); // an early dialog a CANCEL or refusal ended; the stack need not keep it
        }
        calls.remove(call.callId, call);
        if (answered && call.echo != null) {
            synchronized (this.answered) {
                if (this.answered.size() == HEARD_KEPT) {
                    this.answered.removeFirst();
                }
                this.answered.addLast(new HeardCall(call.number, call.echo.audibleFrames(), byCaller, call.invitedAt,
                        call.answeredAt, Instant.now()));
            }
        }
        result = result.equals("bye") ? "answered" : result;
        results.computeIfAbsent(result, k -> new LongAdder()).increment();
        if (settings.verbose()) {
            LOG.info("{} ({}): {} after {} ms", call.number, call.behaviour.label(), result,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.started));
        }
    }

    // ---- messages -----------------------------------------------------------------------------

    /** The answer (RFC 3264 §6) from {@link AudioAnswer}; empty when no stream can be taken. */
    private Optional<SessionDescription> answerTo(SessionDescription offer, CarrierCall call) {
        String address = sip.address();
        return AudioAnswer.to(offer, new Origin("carrier", call.sessionId, 1,
                address.indexOf(':') >= 0 ? "IP6" : "IP4", address), "-", call.echo.port());
    }

    private Response response(int status, Request request, String tag)
            throws ParseException {
        Response response = sip.messages().createResponse(status, request);
        if (tag != null) {
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
        }
        if (status >= 180 && status < 300) {
            SipURI uri = sip.addresses().createSipURI("carrier", sip.address());
            uri.setPort(sip.port());
            ContactHeader contact = sip.headers().createContactHeader(sip.addresses().createAddress(uri));
            response.addHeader(contact);
        }
        response.addHeader(sip.headers().createServerHeader(List.of(SERVER)));
        return response;
    }

    /** A stateless reply: OPTIONS, CANCEL's 200, BYE's 200, 481s and 405s. */
    private void reply(RequestEvent event, int status) {
        Request request = event.getRequest();
        try {
            Response response = response(status, request, null);
            if (toTag(request) == null && status >= 200) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(Long.toHexString(sessionIds.incrementAndGet()));
            }
            if (event.getServerTransaction() != null) {
                event.getServerTransaction().sendResponse(response);
            } else if (event.getDialog() != null || request.getMethod().equals(Request.CANCEL)) {
                // In-dialog requests and CANCEL get a transaction, so retransmissions are absorbed.
                sip.provider().getNewServerTransaction(request).sendResponse(response);
            } else {
                sip.provider().sendResponse(response);
            }
        } catch (TransactionAlreadyExistsException e) {
            LOG.trace("retransmitted {}", request.getMethod());
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("carrier: cannot answer {}: {}", request.getMethod(), e.toString());
        }
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return sip.headers().createContentTypeHeader("application", "sdp");
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

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("carrier: call timer failed", e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private enum CallState { RINGING, ANSWERED, HANGING_UP, ENDED }

    /** One call's state; guarded by its own monitor. */
    private static final class CarrierCall {
        final String callId;
        final String number;
        final CalleeBehaviour behaviour;
        final Request invite;
        final ServerTransaction tx;
        final String tag;
        final long sessionId;
        final long started = System.nanoTime();
        final Instant invitedAt = Instant.now();
        Instant answeredAt;
        CallState state = CallState.RINGING;
        Dialog dialog;
        EchoMedia.Port echo;
        SessionDescription answer;
        ScheduledFuture<?> timer;

        CarrierCall(String callId, String number, CalleeBehaviour behaviour, Request invite, ServerTransaction tx,
                    long sessionId) {
            this.callId = callId;
            this.number = number;
            this.behaviour = behaviour;
            this.invite = invite;
            this.tx = tx;
            this.sessionId = sessionId;
            this.tag = Long.toHexString(sessionId);
        }
    }

    // ---- the program ----------------------------------------------------------------------------

    /**
     * {@code SimulatedCarrier [--bind 127.0.0.1] [--port 5080] [--seed 1] [--answer-ratio 0.55]
     * [--ring 1-4] [--talk 3-15] [--verbose] [--exit-with PID]}: runs until killed (or until process
     * PID exits). Prints {@code carrier listening on ADDRESS:PORT} once it listens.
     */
    public static void main(String[] args) throws Exception {
        CarrierCommandLine line;
        try {
            line = CarrierCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("carrier: " + e.getMessage());
            System.err.println(CarrierCommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (line.help()) {
            System.out.println(CarrierCommandLine.USAGE);
            return;
        }
        SimulatedCarrier carrier;
        try {
            carrier = start(line.settings());
        } catch (CarrierException e) {
            System.err.println("carrier: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            carrier.close();
            stopped.countDown();
        }, "carrier-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        line.exitWith().flatMap(ProcessHandle::of).ifPresent(parent ->
                parent.onExit().thenRun(() -> System.exit(0)));
        System.out.println("carrier listening on " + carrier.address() + ":" + carrier.port() + " (udp), seed "
                + line.settings().mix().seed() + ", answer share " + line.settings().mix().answerShare());
        System.out.flush();
        stopped.await();
    }

    /** One summary line of the calls so far, for logs. */
    @Override
    public String toString() {
        return "SimulatedCarrier[" + address() + ":" + port() + ", " + calls.size() + " calls up, ended " + results() + "]";
    }
}
