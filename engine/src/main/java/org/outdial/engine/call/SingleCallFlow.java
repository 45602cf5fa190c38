package org.outdial.engine.call;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.engine.dialer.DialerSettings;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.dialer.HoldMusic;
import org.outdial.engine.dialer.OperatorConnect;
import org.outdial.engine.dialer.OutcomeStates;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.storage.Transactor;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Party;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one single call, top to bottom like the call itself, on a virtual thread: dial,
 * play or connect, hang up, write the record, give the trunk line (and the operator) back. Every
 * wait has a bound. The record is written exactly once, whatever ended the call.
 */
public final class SingleCallFlow {

    private static final Logger log = LoggerFactory.getLogger(SingleCallFlow.class);

    /** Slack on top of the ring timeout, an audio's length or the longest call before Outdial stops waiting for the network. */
    private static final Duration NETWORK_SLACK = Duration.ofSeconds(30);
    /** The header that tells an operator's phone which single call it is offered. */
    public static final String CALL_ID_HEADER = "X-Outdial-Call-Id";
    static final String BY_API = "hung up through the API";

    private final Telephony telephony;
    private final Dispatcher dispatcher;
    private final OperatorClaims claims;
    private final DialerSettings settings;
    private final Transactor db;
    private final CallHistoryRepository history;
    private final InstantSource clock;

    public SingleCallFlow(Telephony telephony, Dispatcher dispatcher, OperatorClaims claims, DialerSettings settings,
                          Transactor db, CallHistoryRepository history, InstantSource clock) {
        this.telephony = telephony;
        this.dispatcher = dispatcher;
        this.claims = claims;
        this.settings = settings;
        this.db = db;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Runs the call as {@code call} says: the number first (play, send digits, then offer it to the
     * operator line when there is one, else hang up), or the operator line first (once it answers,
     * the number; play and send digits to the callee, then connect them). Records it once, gives
     * the operator's claim and the trunk line back.
     *
     * @param claim the operator line claimed for the call, or null for a call without one
     */
    void run(SingleCall call, Dispatcher.Line line, OperatorClaims.Claim claim, AudioSource greeting, String dtmf) {
        run(call, line, claim, new Media(greeting, AudioSource.empty(), AudioSource.empty()), dtmf);
    }

    /**
     * What a single call plays: the callee's message once it answers, the operator's once the line
     * answers, and what the answered leg that waits for the other hears (each may be empty: silence).
     */
    record Media(AudioSource greeting, AudioSource operatorGreeting, AudioSource hold) {
    }

    void run(SingleCall call, Dispatcher.Line line, OperatorClaims.Claim claim, Media media, String dtmf) {
        Facts facts = null;
        Offer offer = new Offer();
        try {
            facts = claim != null && call.operatorFirst() ? operatorFirst(call, claim, media, dtmf, offer)
                    : calleeFirst(call, claim, media, dtmf, offer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            facts = Facts.failed("Outdial stopped during the call");
        } catch (RuntimeException e) {
            log.error("Single call {} to {} failed", call.id(), call.phone(), e);
            facts = Facts.failed("the call failed: " + e);
        } finally {
            if (claim != null) {
                Instant now = clock.instant();
                if (offer.answered) {
                    claims.talkEnded(claim, offer.talk == null ? Duration.ZERO : offer.talk, now);
                } else if (!offer.refused) {
                    claims.released(claim, now); // never offered: the callee did not answer, or a dial failed
                }
            }
            end(call, line, facts, claim == null ? null : call.operatorLine());
        }
    }

    /** How the offer to the operator line went, for the claim's end. */
    private static final class Offer {
        boolean answered;
        boolean refused;
        CallOutcome refusal;
        Duration talk;
    }

    private Facts calleeFirst(SingleCall call, OperatorClaims.Claim claim, Media media, String dtmf,
                              Offer offer) throws InterruptedException {
        AudioSource greeting = media.greeting();
        Call callee = dialCallee(call);
        Call operator = null;
        try {
            if (!await(callee.answered(), settings.ringTimeout().plus(NETWORK_SLACK))) {
                callee.hangup();
                CallOutcome o = outcome(callee);
                return Facts.ofCallee(o, o.answered() ? NumberState.ANSW_RJCT : OutcomeStates.forAutodial(o.outcome()));
            }
            play(callee, greeting);
            send(callee, dtmf);
            if (claim != null && !callee.outcome().isDone() && !call.hungUpByApi()) {
                HoldMusic hold = HoldMusic.start(callee, media.hold());
                try {
                    operator = offer(call, claim, offer);
                    if (operator != null) {
                        play(operator, media.operatorGreeting());
                    }
                } finally {
                    hold.stop();
                }
                if (operator != null) {
                    offer.talk = connect(operator, callee);
                }
            }
        } finally {
            callee.hangup();
        }
        CallOutcome calleeOutcome = outcome(callee);
        if (operator != null) {
            CallOutcome operatorOutcome = outcome(operator);
            return Facts.ofCallee(calleeOutcome, NumberState.ANSWER)
                    .withOperator(operatorOutcome, offer.talk, hangupBy(calleeOutcome, operatorOutcome));
        }
        if (offer.refused) {
            // Seed 004 ANSW_OP_NA: "answered by the subscriber and the operators did not accept the call".
            return Facts.ofCallee(calleeOutcome, NumberState.ANSW_OP_NA)
                    .withDetail("the operator line did not answer: the callee was hung up");
        }
        return Facts.ofCallee(calleeOutcome, NumberState.ANSW_RJCT);
    }

    private Facts operatorFirst(SingleCall call, OperatorClaims.Claim claim, Media media, String dtmf,
                                Offer offer) throws InterruptedException {
        AudioSource greeting = media.greeting();
        Call operator = offer(call, claim, offer);
        if (operator != null) {
            // Seed 001: the operator "listens to the message till the end, and than calls a contact".
            play(operator, media.operatorGreeting());
        }
        if (operator == null) {
            return Facts.operatorOnly(offer.refusal, call.hungUpByApi() ? BY_API
                    : "the operator line did not answer (" + offer.refusal.outcome() + "): the number was not called");
        }
        try {
            HoldMusic hold = operator.outcome().isDone() ? null : HoldMusic.start(operator, media.hold());
            Call callee = dialCallee(call);
            try {
                if (await(callee.answered(), settings.ringTimeout().plus(NETWORK_SLACK))) {
                    play(callee, greeting);
                    send(callee, dtmf);
                    if (hold != null) {
                        hold.stop();
                    }
                    if (!callee.outcome().isDone() && !operator.outcome().isDone()) {
                        offer.talk = connect(operator, callee);
                    }
                }
            } finally {
                if (hold != null) {
                    hold.stop();
                }
                callee.hangup();
                operator.hangup();
            }
            CallOutcome calleeOutcome = outcome(callee);
            CallOutcome operatorOutcome = outcome(operator);
            return Facts.ofCallee(calleeOutcome, calleeOutcome.answered() ? NumberState.ANSWER
                    : OutcomeStates.forAutodial(calleeOutcome.outcome()))
                    .withOperator(operatorOutcome, offer.talk, hangupBy(calleeOutcome, operatorOutcome));
        } finally {
            operator.hangup();
        }
    }

    /**
     * Rings the operator line with the callee's number as the caller; the answered leg, or null
     * when it was not taken (the refusal is told to the claims and kept in {@code offer}).
     */
    private Call offer(SingleCall call, OperatorClaims.Claim claim, Offer offer) throws InterruptedException {
        Call operator = telephony.dialLine(new LineCall(call.operatorLine(), call.operatorCallerId(), null,
                Map.of(CALL_ID_HEADER, Long.toString(call.id())), settings.operatorRingTimeout(),
                settings.maxCallDuration()));
        call.operator(operator);
        if (await(operator.answered(), settings.operatorRingTimeout().plus(NETWORK_SLACK))) {
            offer.answered = true;
            claims.answered(claim, clock.instant());
            return operator;
        }
        operator.hangup();
        CallOutcome refused = outcome(operator);
        offer.refused = true;
        offer.refusal = refused;
        claims.refused(claim, OperatorConnect.refusal(refused), clock.instant());
        return null;
    }

    /** Bridges the two answered legs until either ends (or the longest call passes); the talk, from the callee's answer. */
    private Duration connect(Call operator, Call callee) throws InterruptedException {
        try {
            operator.bridge(callee);
            CompletableFuture.anyOf(callee.outcome(), operator.outcome())
                    .get(settings.maxCallDuration().plus(NETWORK_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            // a leg failed, ended before the bridge, or outlived the cap: both are hung up, the outcomes say the rest
        } finally {
            callee.hangup();
            operator.hangup();
        }
        CallOutcome c = outcome(callee);
        CallOutcome o = outcome(operator);
        Instant answeredAt = c.timings().answered();
        if (answeredAt == null) {
            return null;
        }
        Instant firstEnd = earlier(c.timings().ended(), o.timings().ended());
        return firstEnd == null || firstEnd.isBefore(answeredAt) ? Duration.ZERO : Duration.between(answeredAt, firstEnd);
    }

    /** Plays {@code audio} to the answered leg; a hang-up during it cancels the playback, as media failing does. */
    private static void play(Call leg, AudioSource audio) throws InterruptedException {
        if (audio.duration().isZero()) {
            return;
        }
        try {
            leg.play(audio).get(audio.duration().plus(NETWORK_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // the callee hung up during the audio (the playback is cancelled), or media failed: the outcome says which
        }
    }

    /**
     * Sends {@code digits} as RFC 4733 events to the answered leg, each '.' a pause of one second
     * before the next digits (seed 001 {@code dtmf_string}); nothing when there are none. A pause
     * ends early when the leg hangs up.
     */
    private static void send(Call leg, String digits) throws InterruptedException {
        if (digits == null || digits.isEmpty()) {
            return;
        }
        int i = 0;
        while (i < digits.length() && !leg.outcome().isDone()) {
            if (digits.charAt(i) == '.') {
                pause(leg, PAUSE);
                i++;
                continue;
            }
            int end = i;
            while (end < digits.length() && digits.charAt(end) != '.') {
                end++;
            }
            String run = digits.substring(i, end);
            try {
                leg.sendDtmf(run).get(NETWORK_SLACK.plusSeconds(run.length()).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                return; // the callee hung up while the digits went out: the outcome says so
            }
            i = end;
        }
    }

    /** Seed 001: "a symbol . = '1 second'". */
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private static void pause(Call leg, Duration pause) throws InterruptedException {
        try {
            leg.outcome().get(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the pause passed (or the leg's outcome failed): go on
        }
    }

    private Call dialCallee(SingleCall call) {
        Call callee = telephony.dial(new DialRequest(call.trunk(), call.phone(), call.callerId(), settings.ringTimeout(),
                settings.maxCallDuration()));
        call.callee(callee);
        return callee;
    }

    /** Writes the call's record (once), then gives its trunk line back. */
    private void end(SingleCall call, Dispatcher.Line line, Facts facts, String operatorLine) {
        Instant now = clock.instant();
        Facts f = facts != null ? facts : Facts.failed("the call ended without an outcome");
        String detail = call.hungUpByApi() ? BY_API : f.detail;
        String hangupBy = call.hungUpByApi() ? "outdial" : f.hangupBy;
        CallRecord record = new CallRecord(0, 0, null, call.phone(), f.state, now, operatorLine, null, 1,
                f.dialToClient != null ? 1 : 0, f.seconds, f.forClientAnswered, f.dialToClient, null, null,
                f.forOperatorAnswered, f.talk, call.id(), null, null, null, null, f.sipCode, f.q850, hangupBy,
                detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail);
        try {
            db.inTransactionRetrying(3, c -> history.insertSingle(c, record, call.source(), call.trunk(), call.meta()));
        } catch (RuntimeException e) {
            log.error("Single call {} to {} could not be recorded", call.id(), call.phone(), e);
        } finally {
            dispatcher.release(line, null, now);
        }
    }

    private static String hangupBy(CallOutcome callee, CallOutcome operator) {
        Instant c = callee.timings().ended();
        Instant o = operator.timings().ended();
        boolean calleeFirst = o == null || (c != null && !c.isAfter(o));
        if (calleeFirst) {
            return callee.endedBy() == Party.REMOTE ? "callee" : operator.endedBy() == Party.REMOTE ? "operator" : "outdial";
        }
        return operator.endedBy() == Party.REMOTE ? "operator" : callee.endedBy() == Party.REMOTE ? "callee" : "outdial";
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static boolean await(CompletableFuture<Boolean> answered, Duration bound) throws InterruptedException {
        try {
            return Boolean.TRUE.equals(answered.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static CallOutcome outcome(Call leg) throws InterruptedException {
        try {
            return leg.outcome().get(NETWORK_SLACK.plus(NETWORK_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("call " + leg.id() + " reported no outcome", e);
        }
    }

    static int wholeSeconds(Duration d) {
        return (int) Math.round(d.toMillis() / 1000.0);
    }

    /** What the record says of the call, gathered as it ended. */
    private record Facts(NumberState state, Integer sipCode, Integer q850, String hangupBy, Integer dialToClient,
                         Integer forClientAnswered, Integer seconds, Integer talk, Integer forOperatorAnswered,
                         String detail, CallOutcome operatorOutcome) {

        static Facts failed(String detail) {
            return new Facts(NumberState.FAIL, null, null, null, null, null, null, null, null, detail, null);
        }

        /** The callee's leg as GET_CALLS_HISTORY's autodialer records show one (AutodialFlow's figures). */
        static Facts ofCallee(CallOutcome o, NumberState state) {
            var t = o.timings();
            Instant finalAt = t.answered() != null ? t.answered() : t.ended();
            Integer dialToClient = t.inviteSent() == null || finalAt == null ? null
                    : wholeSeconds(Duration.between(t.inviteSent(), finalAt));
            Integer forAnswered = t.dialToAnswer().map(SingleCallFlow::wholeSeconds).orElse(null);
            Integer talk = o.answered() ? wholeSeconds(t.talk()) : null;
            return new Facts(state, o.sipCode() == 0 ? null : o.sipCode(), o.q850() == 0 ? null : o.q850(),
                    o.endedBy() == Party.REMOTE ? "callee" : "outdial", dialToClient, forAnswered, talk, talk, null,
                    o.reason(), null);
        }

        /** The operator rang and did not take the call: the number was never dialed. */
        static Facts operatorOnly(CallOutcome operator, String detail) {
            return new Facts(NumberState.FAIL, null, null, operator.endedBy() == Party.REMOTE ? "operator" : "outdial",
                    null, null, null, null, null, detail, operator);
        }

        Facts withDetail(String newDetail) {
            return new Facts(state, sipCode, q850, hangupBy, dialToClient, forClientAnswered, seconds, talk,
                    forOperatorAnswered, newDetail, operatorOutcome);
        }

        /** The callee's facts, with the operator who took the call: the talk is the bridged talk. */
        Facts withOperator(CallOutcome operator, Duration talked, String endedBy) {
            Integer forOperator = operator.timings().dialToAnswer().map(SingleCallFlow::wholeSeconds).orElse(null);
            return new Facts(state, sipCode, q850, endedBy, dialToClient, forClientAnswered, seconds,
                    talked == null ? null : wholeSeconds(talked), forOperator, detail, operator);
        }
    }
}
