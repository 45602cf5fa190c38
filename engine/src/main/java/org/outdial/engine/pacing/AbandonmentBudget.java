package org.outdial.engine.pacing;

/**
 * How much of its abandonment cap a campaign has used, and what that leaves SMART. The used share
 * is the worse of the window's and today's rate over the target, each rate counted over at least
 * {@link #MIN_EVIDENCE} live-answered calls (so the first abandoned calls of a young campaign weigh
 * as they would in a fair sample, not 100 %).
 *
 * <p>SMART's threshold is multiplied by {@link #scale}: {@link #MAX_SCALE} with nothing used, down
 * linearly to 1 at {@link #EASE} of the cap, then down to {@link #MIN_SCALE} at {@link #SPENT}, where
 * SMART stops betting and paces as FREE until the rate comes down. So it backs off before the rate
 * reaches the target. The cumulative rate is the controller's memory: a gentle slope, because a
 * steep one swings between bursts and FREE, which the pacing simulator showed costs occupancy at
 * the same abandonment (docs/PACING.md, "SMART").
 */
record AbandonmentBudget(double used) {

    static final long MIN_EVIDENCE = 200;
    static final double MAX_SCALE = 1.5;
    static final double EASE = 0.85;
    static final double MIN_SCALE = 0.1;
    static final double SPENT = 0.98;

    static AbandonmentBudget of(Outlook.Abandonment a) {
        double rate = Math.max(rate(a.window()), rate(a.today()));
        return new AbandonmentBudget(rate / a.targetPercent());
    }

    private static double rate(Outlook.Tally t) {
        return 100.0 * t.abandoned() / Math.max(t.liveAnswered(), MIN_EVIDENCE);
    }

    /** Nearly spent: pace as FREE. */
    boolean spent() {
        return used >= SPENT;
    }

    /** What the SMART threshold is multiplied by. */
    double scale() {
        if (used <= EASE) {
            return MAX_SCALE - (MAX_SCALE - 1) * used / EASE;
        }
        return Math.max(MIN_SCALE, 1 - (1 - MIN_SCALE) * (used - EASE) / (SPENT - EASE));
    }
}
