package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.operator.OperatorClaims.Claim;
import org.outdial.engine.operator.OperatorState;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Always-connected operators (docs/DIALER.md, "Always-connected operators"): the open legs to the
 * phones of the lines of always-connected groups. A ready line of such a group is called once, with
 * a claim of its own so no callee is offered it meanwhile; once answered, the line is READY again
 * and {@link OperatorConnect} switches each callee it is offered onto the open leg
 * ({@link #openLeg}) instead of ringing it. The leg outlives the callees: wrap-up and readiness go
 * by the board's rules as for a rung line.
 *
 * <p>What ends a leg, and what comes next: the operator (or the network) hanging it up, and a call
 * that is not answered, are {@linkplain StandingLeg#failed failures}: the line is rung per call
 * until the back-off is over, then called again (30 s, doubling to 5 min, reset by an answer), so a
 * phone that rejects is not called in a loop. Outdial hangs up a leg itself when its line is paused
 * or stopped (setStatus STOP/PAUS), unregisters, or leaves every always-connected group; that is
 * no failure, and the line is called again as soon as it is ready in such a group.
 *
 * <p>{@link #reconcile} does all of it in one pass; the wiring runs it every {@link #CHECK_EVERY}.
 * Calls are placed and awaited on {@code calls} (virtual threads). Thread-safe.
 */
public final class StandingLegs implements OpenLegs, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandingLegs.class);

    /** The campaign id of the claims that call a standing leg: no campaign's (campaign ids start at 1). */
    public static final long STANDING_CAMPAIGN = 0;
    /** The header that tells an operator's phone the call is their standing leg, not a callee. */
    public static final String STANDING_HEADER = "X-Outdial-Standing";
    /** How often legs are opened, checked and closed. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** The longest a standing leg lasts: a long shift (a leg cut by it is called again at once). */
    public static final Duration MAX_LEG = Duration.ofHours(12);
    /**
     * The operator's cue that a callee is on: 1000 Hz (inside the 300-3400 Hz voice band, apart from
     * the 425 Hz call-progress tones) for 80 ms, four RTP frames, at a quarter of full scale.
     */
    public static final AudioSource BEEP = AudioSource.tone(1000, Duration.ofMillis(80), 0.25);

    /** On top of the ring timeout before Outdial stops waiting for the network. */
    private static final Duration NETWORK_SLACK = Duration.ofSeconds(10);

    private final Telephony telephony;
    private final OperatorClaims claims;
    private final Function<String, OperatorState> stateOf;
    private final Supplier<List<String>> lines;
    private final Duration ringTimeout;
    private final BackOff backOff;
    private final Executor calls;
    private final InstantSource clock;
    private final Map<String, StandingLeg> legs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param stateOf     a line's state on the operator board now
     * @param lines       the member lines of the always-connected groups, read at each pass
     * @param ringTimeout how long the operator's phone rings when its leg is called
     */
    public StandingLegs(Telephony telephony, OperatorClaims claims, Function<String, OperatorState> stateOf,
                        Supplier<List<String>> lines, Duration ringTimeout, BackOff backOff, Executor calls,
                        InstantSource clock) {
        this.telephony = Objects.requireNonNull(telephony, "telephony");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.stateOf = Objects.requireNonNull(stateOf, "stateOf");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.ringTimeout = Objects.requireNonNull(ringTimeout, "ringTimeout");
        this.backOff = Objects.requireNonNull(backOff, "backOff");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long a line whose leg failed is rung per call before it is called again. */
    public record BackOff(Duration first, Duration max) {
        public static final BackOff DEFAULT = new BackOff(Duration.ofSeconds(30), Duration.ofMinutes(5));

        public BackOff {
            if (first == null || first.isNegative() || max == null || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("back-off must be 0 <= first <= max, was " + first + ", " + max);
            }
        }

        /** The back-off after {@code failures} failures in a row (1 or more): first, doubled each time, at most max. */
        public Duration after(int failures) {
            Duration d = first;
            for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    /** The answered, live leg of {@code line}. */
    @Override
    public Optional<Call> openLeg(String line) {
        StandingLeg leg = legs.get(line);
        return leg == null ? Optional.empty() : leg.open();
    }

    /** The lines with an open leg now, for logs and tests. */
    public Set<String> openLines() {
        Set<String> open = new HashSet<>();
        legs.forEach((line, leg) -> {
            if (leg.open().isPresent()) {
                open.add(line);
            }
        });
        return open;
    }

    /** One pass: closes legs that should not stay, notes the ones that ended, calls ready lines that have none. */
    public void reconcile(Instant now) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(lines.get());
        for (StandingLeg leg : new ArrayList<>(legs.values())) {
            OperatorState state = stateOf.apply(leg.line);
            switch (leg.check(now, wanted.contains(leg.line), state, backOff)) {
                case KEEP -> { }
                case FORGET -> legs.remove(leg.line, leg);
                case CALL_AGAIN -> {
                    if (state == OperatorState.READY) {
                        claims.claim(STANDING_CAMPAIGN, List.of(leg.line), null, now).ifPresent(claim -> {
                            leg.callAgain();
                            start(leg, claim);
                        });
                    }
                }
                case HANG_UP -> {
                    log.info("Standing leg to {} hung up: line {}", leg.line,
                            wanted.contains(leg.line) ? "is " + state : "left its always-connected groups");
                    leg.hangUp();
                    legs.remove(leg.line, leg);
                }
            }
        }
        for (String line : wanted) {
            if (!legs.containsKey(line) && stateOf.apply(line) == OperatorState.READY) {
                claims.claim(STANDING_CAMPAIGN, List.of(line), null, now).ifPresent(this::call);
            }
        }
    }

    private void call(Claim claim) {
        StandingLeg leg = new StandingLeg(claim.line());
        StandingLeg earlier = legs.putIfAbsent(claim.line(), leg);
        if (earlier != null) { // a leg (or its back-off) came first: not this one
            claims.released(claim, clock.instant());
            return;
        }
        start(leg, claim);
    }

    private void start(StandingLeg leg, Claim claim) {
        try {
            calls.execute(() -> dial(leg, claim));
        } catch (RuntimeException e) {
            legs.remove(claim.line(), leg);
            claims.released(claim, clock.instant());
            throw e;
        }
    }

    /** Calls the line's phone and waits for its answer, on a call thread. */
    private void dial(StandingLeg leg, Claim claim) {
        Call call;
        try {
            call = telephony.dialLine(new LineCall(claim.line(), "outdial", "Outdial",
                    Map.of(STANDING_HEADER, "1"), ringTimeout, MAX_LEG));
        } catch (RuntimeException e) {
            legs.remove(claim.line(), leg);
            claims.released(claim, clock.instant()); // a bug of ours, not the operator's refusal
            throw e;
        }
        leg.calling(call);
        boolean settled = false;
        try {
            boolean answered = await(call.answered(), ringTimeout.plus(NETWORK_SLACK));
            Instant now = clock.instant();
            if (answered && !closed) {
                // Open before the line is ready again: the first callee offered it must find the leg.
                leg.opened(now);
                claims.answered(claim, now);
                claims.talkEnded(claim, Duration.ZERO, now); // no campaign's talk: READY, no wrap-up
                settled = true;
                log.info("Standing leg to {} open ({})", claim.line(), call.id());
                return;
            }
            call.hangup();
            OperatorClaims.Refusal why = OperatorConnect.refusal(outcome(call));
            claims.refused(claim, why, now);
            settled = true;
            Duration wait = leg.failed(now, backOff);
            log.info("Standing leg to {} not answered ({}): rung per call for {} s", claim.line(), why, wait.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!settled) {
                call.hangup();
                claims.released(claim, clock.instant());
                legs.remove(claim.line(), leg);
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Hangs up every open leg: the dialer is stopping. */
    @Override
    public void close() {
        closed = true;
        for (StandingLeg leg : legs.values()) {
            leg.hangUp();
        }
        legs.clear();
    }

    private static boolean await(CompletableFuture<Boolean> answered, Duration bound) throws InterruptedException {
        try {
            return Boolean.TRUE.equals(answered.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static CallOutcome outcome(Call call) throws InterruptedException {
        try {
            return call.outcome().get(NETWORK_SLACK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
