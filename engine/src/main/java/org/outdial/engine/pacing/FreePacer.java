package org.outdial.engine.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * FREE mode (seed 004, "By free operators"): as many calls in flight without an operator as there
 * are operators ready to take them, scaled by {@code coldBaseStartCallsMultiplier}, within the
 * trunk's lines and cps. Pure: a function of a snapshot and {@code now}.
 *
 * <p>The seed gives FREE no {@code callDelay} (it is "present only for autodialers in FIXED mode"),
 * so there is none here. docs/PACING.md ("FREE") has the rule with examples.
 */
public final class FreePacer implements Pacer {

    static final FreePacer INSTANCE = new FreePacer();

    private FreePacer() {
    }

    @Override
    public PacingDecision decide(PacingSnapshot s, Instant now) {
        Objects.requireNonNull(s, "snapshot");
        Objects.requireNonNull(now, "now");
        if (!(s.settings() instanceof ModeSettings.Free free)) {
            throw new IllegalArgumentException("FREE pacing needs FREE settings, got " + s.settings());
        }
        return progressive(s, free.pacing(), now);
    }

    /**
     * FREE's rule on any operator mode's options: SMART falls back to it (docs/PACING.md, "SMART").
     */
    static PacingDecision progressive(PacingSnapshot s, ModeSettings.OperatorPacing pacing, Instant now) {
        PacingSnapshot.OperatorRoom operators = s.operators();
        if (operators.ready() == 0) {
            // Seed 004 WAITING_OPERATORS: "Waiting for free operators". An operator becoming ready wakes the dialer.
            return PacingDecision.WAIT_FOR_OPERATORS;
        }
        // Calls dialing, ringing or answered and waiting: each will want one of the ready operators.
        int waiting = Math.max(0, s.calls().inFlight() - operators.withCalls());
        int target = target(operators.ready(), pacing.coldBaseStartCallsMultiplier(), operators.dialedShare());
        int wanted = target - waiting;
        if (wanted <= 0) {
            return PacingDecision.WAIT_FOR_EVENT; // enough calls out for the ready operators: the next end or answer frees one
        }
        int freeLines = s.trunk().freeLines();
        int allowedNow = s.trunk().callsAllowedNow();
        int calls = Math.min(wanted, Math.min(freeLines, allowedNow));
        if (calls == wanted || freeLines <= allowedNow) {
            return new PacingDecision(calls, null); // filled, or held by lines: a call ending wakes the dialer
        }
        return new PacingDecision(calls, FixedPacer.nextSecond(now)); // held by cps: the window moves on
    }

    /**
     * How many calls without an operator FREE keeps in flight for {@code ready} ready operators.
     * Without a multiplier, one per ready operator. With one, {@code m}, the factor is {@code m} at
     * the start of a cold base and moves linearly to 1 as the base is dialed:
     * {@code floor(ready × (m + (1 − m) × dialedShare))}, and at least 1 while anyone is ready.
     * Seed 004: "changes the number of simultaneous calls depending on the dial percentage with the
     * specified coefficient"; the name says it is the multiplier of a cold base's start.
     *
     * @param dialedShare the share of the base already dialed, 0..1
     */
    static int target(int ready, Double multiplier, double dialedShare) {
        if (ready <= 0) {
            return 0;
        }
        if (multiplier == null) {
            return ready;
        }
        double factor = multiplier + (1 - multiplier) * dialedShare;
        // The epsilon keeps 10 × 1.1 at 11 despite binary fractions (10.999999999999998).
        return Math.max(1, (int) Math.floor(ready * factor + 1e-9));
    }

    @Override
    public String toString() {
        return "FreePacer";
    }
}
