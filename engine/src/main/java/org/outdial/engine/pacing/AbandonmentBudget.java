package org.outdial.engine.pacing;

/**
 * How much of its abandonment cap a campaign has used, and what that leaves SMART: the used share is
 * the worse of the window's and today's rate over the target, each rate counted over at least
 * {@link #MIN_EVIDENCE} live-answered calls (so the first abandoned calls of a young campaign
 * weigh as much as they would in a fair sample, not 100 %). SMART bets fully while the used share
 * is under {@link #EASE}, less and less up to {@link #AIM}, only a little beyond it, and not at all
 * (FREE) from {@link #SPENT}: it backs off before the rate reaches the target.
 */
record AbandonmentBudget(double used) {

    static final long MIN_EVIDENCE = 200;
    static final double MIN_SCALE = 0.3;
    static final double MAX_SCALE = 3;
    static final double EASE = 0.8;
    static final double AIM = 0.9;
    static final double SPENT = 0.97;

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

    /** What the SMART threshold is multiplied by: above 1 while the budget is under {@link #AIM}, below past it. */
    double scale() {
        if (used <= EASE) {
            return MAX_SCALE - (MAX_SCALE - 1) * used / EASE;
        }
        return Math.max(MIN_SCALE, 1 - (1 - MIN_SCALE) * (used - EASE) / (SPENT - EASE));
    }
}
