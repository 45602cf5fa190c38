package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.operator.OperatorClaims.Claim;
import org.outdial.engine.operator.OperatorClaims.Refusal;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Party;

/**
 * Connects an answered callee to an operator, top to bottom on the call's virtual thread: music on
 * hold, claim a free operator, ring their line, bridge on answer and wait for either side to hang
 * up; on no answer or a refusal the next free operator, until one takes it, the callee hangs up, or
 * {@link DialerSettings#operatorWaitLimit()} passes (docs/DIALER.md, "Calls with operators").
 *
 * <p>Every claim it makes or is handed ends here in exactly one of answered (then talkEnded),
 * refused or released, whatever happens to the call, an interrupt included. An operator is offered
 * a call once: one who refused it is not rung again for it.
 */
public final class OperatorConnect {

    /** Headers an operator's softphone can show (docs/TELEPHONY.md, "Operator lines"). */
    public static final String CAMPAIGN_HEADER = "X-Outdial-Campaign";
    public static final String CAMPAIGN_ID_HEADER = "X-Outdial-Campaign-Id";
    public static final String NUMBER_NAME_HEADER = "X-Outdial-Number-Name";

    /** On top of the operator's ring timeout before Outdial stops waiting for the network. */
    private static final Duration NETWORK_SLACK = Duration.ofSeconds(10);

    /**
     * One callee to connect.
     *
     * @param lines     the lines to offer the call to, read once when first needed
     * @param pacing    the campaign's FREE/SMART operator options, or null
     * @param reserved  the operator held for this call before it was dialed (GUARANTEED_DIAL), offered
     *                  first; null to claim one now
     * @param moh       what the callee hears while waiting
     * @param waitFrom  when the callee started waiting for an operator, for {@code secondsClientWaitOperator}
     *                  (GUARANTEED_DIAL: the answer, before the number's own audio)
     * @param progress  where the call's progress is told (an operator holds it or not, offers, the talk)
     */
    public record Request(Campaign campaign, AutodialNumber number, Supplier<List<String>> lines, OperatorPacing pacing,
                          Claim reserved, AudioSource moh, Instant waitFrom, LiveCall progress) {
        public Request {
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(lines, "lines");
            Objects.requireNonNull(moh, "moh");
            Objects.requireNonNull(waitFrom, "waitFrom");
            Objects.requireNonNull(progress, "progress");
        }

        /** A request whose progress nobody follows. */
        public Request(Campaign campaign, AutodialNumber number, Supplier<List<String>> lines, OperatorPacing pacing,
                       Claim reserved, AudioSource moh, Instant waitFrom) {
            this(campaign, number, lines, pacing, reserved, moh, waitFrom, LiveCall.untracked(waitFrom));
        }
    }

    /**
     * How the connection went: ANSWER (bridged), ANSW_NF_OP (nobody was offered it), ANSW_OP_NA
     * (operators were offered it and none took it) or, for a reserved operator the callee hung up
     * on before they were rung, ANSW_RJCT. Seconds as {@link CallResult.OperatorLeg} defines them.
     *
     * @param waitStart when the callee started waiting here (after any audio): what the grace counts from
     * @param abandoned no operator was on the line within the grace of {@code waitStart}, and the callee
     *                  did not hang up within it (FCC 47 CFR 64.1200(a)(7))
     */
    public record Connection(NumberState state, String operatorNumber, Integer secondsClientWaitOperator,
                             Integer secondsOperatorWaitCall, Integer secondsForOperatorAnswered, Integer secondsTalk,
                             String hangupBy, String detail, Instant waitStart, boolean abandoned) {
    }

    private final Telephony telephony;
    private final OperatorClaims claims;
    private final OperatorReadiness readiness;
    private final DialerSettings settings;
    private final InstantSource clock;
    private final OpenLegs standing;
    private final AbandonmentSettings abandonment;
    private final AbandonMessage message;
    /**
     * When each line's last call through this dialer ended: OperatorClaims does not say since when
     * an operator has been ready, so {@code secondsOperatorWaitCall} counts from here (null for an
     * operator's first call since the start).
     */
    private final Map<String, Instant> freeSince = new ConcurrentHashMap<>();

    public OperatorConnect(Telephony telephony, OperatorClaims claims, OperatorReadiness readiness,
                           DialerSettings settings, InstantSource clock) {
        this(telephony, claims, readiness, settings, clock, OpenLegs.none());
    }

    /** @param standing the open legs of always-connected operators, switched onto instead of ringing ({@link StandingLegs}) */
    public OperatorConnect(Telephony telephony, OperatorClaims claims, OperatorReadiness readiness,
                           DialerSettings settings, InstantSource clock, OpenLegs standing) {
        this(telephony, claims, readiness, settings, clock, standing, AbandonmentSettings.DEFAULTS,
                AbandonMessage.none());
    }

    /**
     * @param abandonment the grace that decides what is abandoned (and SMART's wait)
     * @param message     what an abandoned callee hears before the hang-up
     */
    public OperatorConnect(Telephony telephony, OperatorClaims claims, OperatorReadiness readiness,
                           DialerSettings settings, InstantSource clock, OpenLegs standing,
                           AbandonmentSettings abandonment, AbandonMessage message) {
        this.abandonment = Objects.requireNonNull(abandonment, "abandonment");
        this.message = Objects.requireNonNull(message, "message");
        this.standing = Objects.requireNonNull(standing, "standing");
        this.telephony = Objects.requireNonNull(telephony, "telephony");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Connects {@code callee} (answered) to an operator; returns once the connection or the talk is over. */
    public Connection connect(Call callee, Request request) throws InterruptedException {
        long campaignId = request.campaign().id();
        CalleeWait w = new CalleeWait(clock.instant(), OperatorWait.of(request.campaign(), settings, abandonment));
        HoldMusic hold = HoldMusic.start(callee, request.moh());
        CompletableFuture<Void> limit = new CompletableFuture<Void>()
                .completeOnTimeout(null, w.rule().limit().toMillis(), TimeUnit.MILLISECONDS);
        Set<String> offered = new LinkedHashSet<>();
        List<String> lines = null;
        Claim claim = request.reserved();
        try {
            while (true) {
                if (callee.outcome().isDone()) {
                    if (claim != null) {
                        claims.released(claim, clock.instant());
                    }
                    return remote(callee.outcome())
                            ? notTaken(request, w, offered, "callee", "the callee hung up while waiting for an operator",
                                    request.reserved() != null)
                            : notTaken(request, w, offered, "outdial", "Outdial hung up the callee while it waited for an operator",
                                    request.reserved() != null);
                }
                if (claim == null) {
                    if (lines == null) {
                        lines = request.lines().get();
                    }
                    List<String> untried = lines.stream().filter(l -> !offered.contains(l)).toList();
                    if (untried.isEmpty()) {
                        return notTaken(request, w, offered, "outdial", offered.isEmpty()
                                ? "no operator lines to connect to" : "every operator line was offered the call", false);
                    }
                    // In the queue from when the callee started waiting: the oldest gets the next operator.
                    OperatorReadiness.Turn turn = readiness.join(w.start(),
                            () -> claims.claim(campaignId, untried, request.pacing(), clock.instant()));
                    try {
                        if (!turn.claimed().isDone()) {
                            waitAny(turn.claimed(), limit, callee.outcome());
                        }
                    } catch (InterruptedException e) {
                        readiness.leave(turn).ifPresent(handed -> claims.released(handed, clock.instant()));
                        throw e;
                    }
                    claim = readiness.leave(turn).orElse(null);
                    request.progress().withOperator(claim != null);
                    if (claim == null) {
                        if (limit.isDone() && !callee.outcome().isDone()) {
                            return gaveUp(callee, hold, request, w, offered);
                        }
                        continue;
                    }
                }
                offered.add(claim.line());
                Optional<Connection> done = offer(callee, hold, request, w, claim, limit);
                claim = null;
                if (done.isPresent()) {
                    request.progress().waitOver(); // before the operator lets go: never seen as waiting again
                }
                request.progress().withOperator(false); // not taken: the next one is sought, or the call ends
                if (done.isPresent()) {
                    return done.get();
                }
                if (limit.isDone() && !callee.outcome().isDone()) {
                    return gaveUp(callee, hold, request, w, offered);
                }
            }
        } finally {
            request.progress().waitOver();
            hold.stop();
            limit.cancel(false);
        }
    }

    /**
     * Rings one claimed operator. Returns the connection when it is over (talked, or the callee went
     * while ringing), or empty when the operator did not take it and the next one may be offered.
     */
    private Optional<Connection> offer(Call callee, HoldMusic hold, Request request, CalleeWait w, Claim claim,
                                       CompletableFuture<Void> limit) throws InterruptedException {
        Instant invitedAt = clock.instant();
        request.progress().offeredTo(claim.line());
        Call open = standing.openLeg(claim.line()).orElse(null);
        if (open != null) { // always-connected: switched onto the open leg, no INVITE and no ring (StandingLegs)
            claims.answered(claim, invitedAt);
            request.progress().offered(true);
            return Optional.of(talk(callee, hold, open, request, w, claim, invitedAt, invitedAt, true));
        }
        Call leg;
        try {
            leg = telephony.dialLine(new LineCall(claim.line(), request.number().phone(),
                    request.number().data().name(), headers(request), settings.operatorRingTimeout(),
                    settings.maxCallDuration()));
        } catch (RuntimeException e) {
            claims.released(claim, clock.instant()); // a bug of ours, not the operator's refusal
            throw e;
        }
        boolean settled = false;
        try {
            // SMART: the grace ends the ring too. Otherwise an operator already ringing rings out its timeout.
            CompletableFuture<?> graceOver = w.rule().abandonAtLimit() ? limit : new CompletableFuture<>();
            waitAny(settings.operatorRingTimeout().plus(NETWORK_SLACK), leg.answered(), callee.outcome(), graceOver);
            if (callee.outcome().isDone()) {
                leg.hangup();
                if (Boolean.TRUE.equals(leg.answered().getNow(false))) {
                    // Answered just as the callee left: a talk of nothing, then free again.
                    claims.answered(claim, clock.instant());
                    claims.talkEnded(claim, Duration.ZERO, clock.instant());
                } else {
                    claims.released(claim, clock.instant()); // the callee left: not the operator's doing
                }
                settled = true;
                // A callee leg Outdial ended (/calls/hangup, shutdown) was not the callee's hang-up.
                return Optional.of(remote(callee.outcome())
                        ? notTakenOffered(request, w, claim.line(), "callee",
                                "the callee hung up while operator " + claim.line() + " was ringing")
                        : notTakenOffered(request, w, claim.line(), "outdial",
                                "Outdial hung up the callee while operator " + claim.line() + " was ringing"));
            }
            if (!Boolean.TRUE.equals(leg.answered().getNow(false)) && graceOver.isDone()) {
                leg.hangup(); // CANCEL: the callee is not kept waiting past the grace
                claims.released(claim, clock.instant()); // the operator did not refuse it
                settled = true;
                return Optional.of(abandon(callee, hold, request, w, claim.line()));
            }
            if (!Boolean.TRUE.equals(leg.answered().getNow(false))) {
                leg.hangup(); // rang past our bound: CANCEL
                Refusal why = refusal(outcome(leg));
                claims.refused(claim, why, clock.instant());
                request.progress().offered(false);
                settled = true;
                return Optional.empty();
            }
            Instant answeredAt = clock.instant();
            claims.answered(claim, answeredAt);
            request.progress().offered(true);
            settled = true;
            return Optional.of(talk(callee, hold, leg, request, w, claim, invitedAt, answeredAt, false));
        } finally {
            if (!settled) { // interrupted (the call's watchdog, a shutdown)
                leg.hangup();
                claims.released(claim, clock.instant());
            }
        }
    }

    /**
     * Bridges the answered operator to the callee and waits for either to hang up. A standing leg
     * hears {@link StandingLegs#BEEP} first and is unbridged, not hung up, when the callee leaves.
     */
    private Connection talk(Call callee, HoldMusic hold, Call leg, Request request, CalleeWait w, Claim claim,
                            Instant invitedAt, Instant answeredAt, boolean standingLeg) throws InterruptedException {
        String line = claim.line();
        Integer waited = seconds(request.waitFrom(), answeredAt);
        Integer forAnswered = seconds(invitedAt, answeredAt);
        Instant free = freeSince.get(line);
        Integer operatorWaited = free == null || free.isAfter(invitedAt) ? null : seconds(free, invitedAt);
        Instant bridgedAt = answeredAt;
        Instant endedAt;
        String who;
        try {
            hold.stop();
            try {
                bridgedAt = clock.instant();
                if (standingLeg) {
                    leg.bridge(callee, StandingLegs.BEEP);
                } else {
                    callee.bridge(leg);
                }
                waitAny(settings.maxCallDuration(), callee.outcome(), leg.outcome());
            } catch (IllegalStateException e) {
                // One side ended between the answer and the bridge: its outcome says who.
            }
            who = endedBy(callee, leg);
        } finally {
            callee.hangup();
            if (standingLeg) {
                leg.unbridge();
            } else {
                leg.hangup();
            }
            endedAt = clock.instant();
            claims.talkEnded(claim, Duration.between(bridgedAt, endedAt), endedAt);
            request.progress().talked(Duration.between(bridgedAt, endedAt));
            freeSince.put(line, endedAt);
        }
        return new Connection(NumberState.ANSWER, line, waited, operatorWaited, forAnswered,
                seconds(bridgedAt, endedAt), who, null, w.start(), w.past(bridgedAt));
    }

    /** The wait is over and nobody took the call: SMART abandons it, the others give up. */
    private Connection gaveUp(Call callee, HoldMusic hold, Request request, CalleeWait w, Set<String> offered)
            throws InterruptedException {
        if (w.rule().abandonAtLimit()) {
            return abandon(callee, hold, request, w, offered.isEmpty() ? null : List.copyOf(offered).getLast());
        }
        return notTaken(request, w, offered, "outdial", "no operator took the call within "
                + w.rule().limit().toSeconds() + " s", false);
    }

    /**
     * No operator on the line within the grace (FCC 47 CFR 64.1200(a)(7)): the callee hears the
     * abandonment message, then the flow hangs up. ANSW_NF_OP, counted abandoned, whoever was ringing.
     */
    private Connection abandon(Call callee, HoldMusic hold, Request request, CalleeWait w, String lastOffered)
            throws InterruptedException {
        request.progress().waitOver(); // hearing the message, not waiting for an operator
        hold.stop();
        boolean played = message.playTo(callee, NETWORK_SLACK);
        Instant now = clock.instant();
        return new Connection(NumberState.ANSW_NF_OP, lastOffered, seconds(request.waitFrom(), now), null, null, null,
                remote(callee.outcome()) ? "callee" : "outdial", w.abandonedDetail(played), w.start(), true);
    }

    /** Who ended the talk: the side whose end came from the network, else Outdial (the call cap, a shutdown). */
    private static String endedBy(Call callee, Call leg) {
        if (remote(callee.outcome())) {
            return "callee";
        }
        if (remote(leg.outcome())) {
            return "operator";
        }
        return "outdial";
    }

    private static boolean remote(CompletableFuture<CallOutcome> outcome) {
        CallOutcome o = outcome.getNow(null);
        return o != null && o.endedBy() == Party.REMOTE;
    }

    private Connection notTaken(Request request, CalleeWait w, Set<String> offered, String hangupBy, String detail,
                                boolean reservedNotRung) {
        Instant now = clock.instant();
        String last = offered.isEmpty() ? null : List.copyOf(offered).getLast();
        // Seed 004: ANSW_OP_NA once operators were offered the call; ANSW_NF_OP when none was free. A
        // callee who left before their reserved operator was rung had an operator: ANSW_RJCT ("there
        // was no call to the operators"), never ANSW_NF_OP.
        NumberState state = !offered.isEmpty() ? NumberState.ANSW_OP_NA
                : reservedNotRung ? NumberState.ANSW_RJCT : NumberState.ANSW_NF_OP;
        // Outdial hanging up on an answered callee abandons them; a callee who left within the grace was not.
        boolean abandoned = !"callee".equals(hangupBy) || w.past(now);
        return new Connection(state, last, seconds(request.waitFrom(), now), null, null, null, hangupBy, detail,
                w.start(), abandoned);
    }

    private Connection notTakenOffered(Request request, CalleeWait w, String line, String hangupBy, String detail) {
        Instant now = clock.instant();
        return new Connection(NumberState.ANSW_OP_NA, line, seconds(request.waitFrom(), now), null, null,
                null, hangupBy, detail, w.start(), w.past(now));
    }


    /** Why an operator's leg was not taken, from its outcome (OperatorClaims.Refusal). */
    public static Refusal refusal(CallOutcome outcome) {
        if (outcome == null) {
            return Refusal.NO_ANSWER; // no word from the network within the ring bound
        }
        return switch (outcome.outcome()) {
            case NO_ANSWER -> Refusal.NO_ANSWER;
            case BUSY -> Refusal.BUSY;
            case REJECTED -> Refusal.DECLINED;
            // A phone that rang and then failed was there and said no; one that never rang was not reached.
            case FAILED, CANCELLED, NOT_EXIST, WRONG_DIRECTION, CONGESTION, ANSWERED ->
                    outcome.timings().firstProvisional() != null || outcome.timings().ringing() != null
                            ? Refusal.DECLINED : Refusal.UNREACHABLE;
        };
    }

    private static CallOutcome outcome(Call leg) throws InterruptedException {
        try {
            return leg.outcome().get(NETWORK_SLACK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CAMPAIGN_HEADER, headerValue(request.campaign().name()));
        headers.put(CAMPAIGN_ID_HEADER, Long.toString(request.campaign().id()));
        String name = request.number().data().name();
        if (name != null && !name.isBlank()) {
            headers.put(NUMBER_NAME_HEADER, headerValue(name));
        }
        return headers;
    }

    /** A header value on one line: a CR or LF in a name would end the header (RFC 3261 §7.3.1). */
    private static String headerValue(String text) {
        return text.replaceAll("[\\p{Cntrl}]", " ").strip();
    }

    private static void waitAny(CompletableFuture<?>... futures) throws InterruptedException {
        try {
            CompletableFuture.anyOf(futures).get();
        } catch (ExecutionException e) {
            // one of them failed: it is over all the same
        }
    }

    private static void waitAny(Duration bound, CompletableFuture<?>... futures) throws InterruptedException {
        try {
            CompletableFuture.anyOf(futures).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // failed or past the bound: the caller looks at each future
        }
    }

    private static Integer seconds(Instant from, Instant to) {
        return (int) Math.max(0, Math.round(Duration.between(from, to).toMillis() / 1000.0));
    }
}
