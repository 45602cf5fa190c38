package org.outdial.testbed.simulate;

import java.time.Instant;
import org.outdial.engine.pacing.PacingSnapshot;

/**
 * The fixed dial ratio baseline: {@code ratio} calls in flight (dialing, ringing, waiting or
 * talking) per logged-in operator, whatever the operators are doing and whatever the calls
 * measure; VICIdial's {@code RATIO} dial method with a fixed {@code auto_dial_level} is this rule.
 * It is what a predictive dialer without a model does: right for one answer rate and talk time,
 * too slow below it, abandoning above it.
 */
public final class FixedRatioDialing implements DialPolicy {

    private final double ratio;

    /** {@code ratio} calls in flight per logged-in operator, 1.0..10. */
    public FixedRatioDialing(double ratio) {
        if (!(ratio >= 1 && ratio <= 10)) {
            throw new IllegalArgumentException("ratio must be 1.0..10, was " + ratio);
        }
        this.ratio = ratio;
    }

    @Override
    public String name() {
        return "ratio " + ratio;
    }

    @Override
    public int callsToStart(PacingSnapshot snapshot, Instant now) {
        long goal = Math.round(ratio * snapshot.outlook().operators().size());
        return (int) Math.max(0, goal - snapshot.calls().inFlight());
    }
}
