package org.outdial.testbed.simulate;

import org.outdial.engine.pacing.Outlook;

/** One simulated operator, logged in for the whole run. Mutable; owned by {@link PacingSimulation}'s run. */
final class SimulatedOperator {

    Outlook.Activity activity = Outlook.Activity.READY;
    /** Since when (simulated ms) the operator is in {@link #activity}. */
    long since;
    /** When the operator last became free: what a wait between calls is measured from. */
    long freeSince;
    /** When the wrap-up ends, while in WRAP_UP. */
    long freeAt = -1;

    SimulatedOperator(long at) {
        this.since = at;
        this.freeSince = at;
    }
}
