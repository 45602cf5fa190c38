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

    /** Calls the number, plays {@code greeting} once answered, hangs up (originateNew). */
    void informer(SingleCall call, Dispatcher.Line line, AudioSource greeting) {
        Facts facts = null;
        try {
            Call callee = dialCallee(call);
            try {
                if (await(callee.answered(), settings.ringTimeout().plus(NETWORK_SLACK))) {
                    try {
                        callee.play(greeting).get(greeting.duration().plus(NETWORK_SLACK).toMillis(),
                                TimeUnit.MILLISECONDS);
                    } catch (ExecutionException | TimeoutException | CancellationException e) {
                        // the callee hung up during the audio (the playback is cancelled), or media failed: the outcome says which
                    }
                }
            } finally {
                callee.hangup();
            }
            CallOutcome outcome = outcome(callee);
            facts = Facts.ofCallee(outcome, outcome.answered() ? NumberState.ANSW_RJCT
                    : OutcomeStates.forAutodial(outcome.outcome()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            facts = Facts.failed("Outdial stopped during the call");
        } catch (RuntimeException e) {
            log.error("Single call {} to {} failed", call.id(), call.phone(), e);
            facts = Facts.failed("the call failed: " + e);
        } finally {
            end(call, line, facts, null);
        }
    }

    /** Rings the operator's line; once answered, calls the number and connects them (directCall). */
    void direct(SingleCall call, Dispatcher.Line line, OperatorClaims.Claim claim) {
        Facts facts = null;
        Duration talked = null;
        boolean operatorAnswered = false;
        try {
            Call operator = telephony.dialLine(new LineCall(call.operatorLine(), call.phone(), null,
                    Map.of(CALL_ID_HEADER, Long.toString(call.id())), settings.operatorRingTimeout(),
                    settings.maxCallDuration()));
            call.operator(operator);
            try {
                if (!await(operator.answered(), settings.operatorRingTimeout().plus(NETWORK_SLACK))) {
                    operator.hangup();
                    CallOutcome refused = outcome(operator);
                    claims.refused(claim, OperatorConnect.refusal(refused), clock.instant());
                    facts = Facts.operatorOnly(refused, call.hungUpByApi() ? BY_API
                            : "the operator line did not answer (" + refused.outcome() + "): the number was not called");
                    return;
                }
                operatorAnswered = true;
                claims.answered(claim, clock.instant());
                Call callee = dialCallee(call);
                try {
                    if (await(callee.answered(), settings.ringTimeout().plus(NETWORK_SLACK))) {
                        operator.bridge(callee);
                        CompletableFuture.anyOf(callee.outcome(), operator.outcome())
                                .get(settings.maxCallDuration().plus(NETWORK_SLACK).toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // a leg failed or the call outlived its cap: both are hung up below, the outcomes say the rest
                } finally {
                    callee.hangup();
                    operator.hangup();
                }
                CallOutcome calleeOutcome = outcome(callee);
                CallOutcome operatorOutcome = outcome(operator);
                Instant answeredAt = calleeOutcome.timings().answered();
                if (answeredAt != null) {
                    Instant firstEnd = earlier(calleeOutcome.timings().ended(), operatorOutcome.timings().ended());
                    talked = firstEnd == null || firstEnd.isBefore(answeredAt) ? Duration.ZERO
                            : Duration.between(answeredAt, firstEnd);
                }
                facts = Facts.ofCallee(calleeOutcome, calleeOutcome.answered() ? NumberState.ANSWER
                        : OutcomeStates.forAutodial(calleeOutcome.outcome()))
                        .withOperator(operatorOutcome, talked, hangupBy(calleeOutcome, operatorOutcome));
            } finally {
                operator.hangup();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            facts = Facts.failed("Outdial stopped during the call");
        } catch (RuntimeException e) {
            log.error("Single call {} from line {} to {} failed", call.id(), call.operatorLine(), call.phone(), e);
            facts = Facts.failed("the call failed: " + e);
        } finally {
            Instant now = clock.instant();
            if (operatorAnswered) {
                claims.talkEnded(claim, talked == null ? Duration.ZERO : talked, now);
            } else if (facts == null || facts.operatorOutcome == null) {
                claims.released(claim, now); // never offered: the dial itself failed
            }
            end(call, line, facts, call.operatorLine());
        }
    }

    private Call dialCallee(SingleCall call) {
        Call callee = telephony.dial(new DialRequest(call.trunk(), call.phone(), null, settings.ringTimeout(),
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

        /** The callee's facts, after the operator who took the call first: the talk is the bridged talk. */
        Facts withOperator(CallOutcome operator, Duration talked, String endedBy) {
            Integer forOperator = operator.timings().dialToAnswer().map(SingleCallFlow::wholeSeconds).orElse(null);
            return new Facts(state, sipCode, q850, endedBy, dialToClient, forClientAnswered, seconds,
                    talked == null ? null : wholeSeconds(talked), forOperator, detail, operator);
        }
    }
}
