package org.outdial.engine.pacing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * FIXED mode (seed 004): exactly {@code threadCount} calls in flight, never more; with one thread,
 * {@code callDelay} seconds between calls (only after answered calls when
 * {@code callDelayOnlyAnswered}); the trunk's {@code max-calls} and {@code max-cps} cap it across
 * all campaigns. Pure: a function of a snapshot and {@code now}.
 */
public final class FixedPacer implements Pacer {

    static final FixedPacer INSTANCE = new FixedPacer();

    private FixedPacer() {
    }

    @Override
    public PacingDecision decide(PacingSnapshot s, Instant now) {
        Objects.requireNonNull(s, "snapshot");
        Objects.requireNonNull(now, "now");
        if (!(s.settings() instanceof ModeSettings.Fixed fixed)) {
            throw new IllegalArgumentException("FIXED pacing needs FIXED settings, got " + s.settings());
        }
        int inFlight = s.calls().inFlight();
        int freeLines = s.trunk().freeLines();
        int allowedNow = s.trunk().callsAllowedNow();

        int threadsFree = fixed.threadCount() - inFlight;
        if (threadsFree <= 0) {
            // Every thread busy (or more, after an UPDATE lowered threadCount): the next call ending frees one.
            return PacingDecision.WAIT_FOR_EVENT;
        }
        Instant delayEnds = callDelayEnds(fixed, s.calls());
        if (delayEnds != null && now.isBefore(delayEnds)) {
            return new PacingDecision(0, delayEnds); // Seed 004: "pause between calls" after the last call ended.
        }
        int calls = Math.min(threadsFree, Math.min(freeLines, allowedNow));
        if (calls == threadsFree) {
            return new PacingDecision(calls, null); // All threads filled: wait for a call to end.
        }
        if (freeLines <= allowedNow) {
            // Lines limit: one frees when any call on the trunk ends, and the dispatcher wakes us then.
            return new PacingDecision(calls, null);
        }
        // The cps budget limits: it grows again when the second-window moves on.
        return new PacingDecision(calls, nextSecond(now));
    }

    /** When the pause after the last call ends, or null when no pause applies. */
    private static Instant callDelayEnds(ModeSettings.Fixed fixed, PacingSnapshot.CampaignCalls calls) {
        if (fixed.threadCount() != 1 || fixed.callDelay().isZero() || calls.lastCallEndedAt() == null) {
            return null; // Seed 004: callDelay is "only taken into account when the number of threads is 1".
        }
        if (fixed.callDelayOnlyAnswered() && !calls.lastCallAnswered()) {
            return null; // Seed 004: "the pause between calls will work only after calls answered".
        }
        return calls.lastCallEndedAt().plus(fixed.callDelay());
    }

    /** The start of the next whole second: where {@link TrunkCapacity}'s budget is next checked. */
    static Instant nextSecond(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    @Override
    public String toString() {
        return "FixedPacer";
    }
}
