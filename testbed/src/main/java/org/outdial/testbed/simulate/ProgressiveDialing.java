package org.outdial.testbed.simulate;

import java.time.Instant;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.PacingSnapshot;

/**
 * The progressive baseline, written here from its definition and not from the engine's FREE pacer
 * it checks: a progressive dialer keeps one call without an operator (dialing, ringing, or answered
 * and waiting) for each operator who is ready, and never more, so nobody answered ever waits for
 * an operator who is not there. It counts both from the snapshot's {@link Outlook} (the operators'
 * activities and the calls without an operator), where FREE counts them from the operator room
 * and the calls in flight: two ways to the same number, so issue 11's "FREE within 1 point of the
 * progressive baseline" compares two implementations, not one with itself.
 */
public final class ProgressiveDialing implements DialPolicy {

    @Override
    public String name() {
        return "progressive";
    }

    @Override
    public int callsToStart(PacingSnapshot snapshot, Instant now) {
        Outlook outlook = snapshot.outlook();
        int ready = 0;
        for (Outlook.Operator operator : outlook.operators()) {
            if (operator.activity() == Outlook.Activity.READY) {
                ready++;
            }
        }
        return Math.max(0, ready - outlook.calls().size());
    }
}
