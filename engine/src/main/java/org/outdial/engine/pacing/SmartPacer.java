package org.outdial.engine.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * SMART mode (seed 004, "Smart selection"): predictive pacing. It dials more numbers than there are
 * free operators when the campaign's own figures say most will not answer and operators are about
 * to be free, and it holds the abandonment cap (FCC 47 CFR 64.1200(a)(7): at most 3 % of
 * live-answered calls without an operator within 2 s, over 30 days; Ofcom's 24 hours).
 *
 * <p>Each second it forecasts ({@link SmartForecast}) the answered people and the free operators
 * over the time a new dial may take to be answered, and dials one more number while that number's
 * added expected abandonment stays within a threshold of the person it brings. The threshold is
 * {@link #BASE_THRESHOLD} moved by {@code smartSpeed} in steps of {@link #SPEED_STEP} (monotone:
 * a higher speed never dials fewer), and shrinks as the campaign uses its abandonment budget
 * ({@link AbandonmentBudget}). It paces as FREE (one call per ready operator, never abandoning
 * by its own bet) when the team is smaller than the configured minimum, when nothing is known of
 * the team, or when the budget is nearly spent. {@code coldBaseStartCallsMultiplier} scales the
 * predicted number as it scales FREE's. Pure: a function of a snapshot and {@code now}.
 * docs/PACING.md ("SMART") has the figures.
 */
public final class SmartPacer implements Pacer {

    static final SmartPacer INSTANCE = new SmartPacer();

    /** The largest share of a person a dial may risk losing, at smartSpeed 0 with the budget unused. */
    static final double BASE_THRESHOLD = 0.015;
    /** Each step of smartSpeed multiplies the threshold by this. */
    static final double SPEED_STEP = 1.12;

    private SmartPacer() {
    }

    @Override
    public PacingDecision decide(PacingSnapshot s, Instant now) {
        Objects.requireNonNull(s, "snapshot");
        Objects.requireNonNull(now, "now");
        if (!(s.settings() instanceof ModeSettings.Smart smart)) {
            throw new IllegalArgumentException("SMART pacing needs SMART settings, got " + s.settings());
        }
        Outlook outlook = s.outlook();
        int team = outlook.operators().size();
        AbandonmentBudget budget = AbandonmentBudget.of(outlook.abandonment());
        if (team == 0 || team < outlook.abandonment().minTeam() || budget.spent()) {
            return FreePacer.progressive(s, smart.pacing(), now);
        }
        double threshold = threshold(smart.smartSpeed()) * budget.scale();
        int max = Math.min(s.trunk().freeLines(), s.trunk().callsAllowedNow());
        int calls = SmartForecast.of(outlook, now).dials(threshold, max);
        Double multiplier = smart.pacing().coldBaseStartCallsMultiplier();
        if (multiplier != null && calls > 0) {
            calls = FreePacer.target(calls, multiplier, s.operators().dialedShare());
        }
        // The forecast moves with time even when nothing happens: ask again next second.
        return new PacingDecision(Math.min(calls, max), FixedPacer.nextSecond(now));
    }

    /** The threshold at {@code smartSpeed} with the budget unused. */
    static double threshold(int smartSpeed) {
        return BASE_THRESHOLD * Math.pow(SPEED_STEP, smartSpeed);
    }

    @Override
    public String toString() {
        return "SmartPacer";
    }
}
