package org.outdial.engine.dialer;

import java.util.Optional;
import org.outdial.sip.call.Call;

/** Which operator lines have an open standing leg to switch callees onto ({@link StandingLegs}). */
@FunctionalInterface
public interface OpenLegs {

    /** The line's answered, live standing leg, or empty when it is rung per call. */
    Optional<Call> openLeg(String line);

    /** No line is always-connected. */
    static OpenLegs none() {
        return line -> Optional.empty();
    }
}
