package org.outdial.testbed.simulate;

import java.time.Instant;
import java.util.Objects;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.pacing.PacingSnapshot;

/**
 * One way of deciding how many calls to start, as the pacing simulator drives it: the engine's own
 * {@link Pacer}s through {@link #of}, and the baselines (a fixed dial ratio, VICIdial's adaptive
 * dial level) it compares them with. The simulator asks it at every event and at least once a
 * simulated second, on the simulated clock. A baseline may keep state between calls (VICIdial's
 * dial level does); the engine's pacers never do.
 */
public interface DialPolicy {

    /** The name printed in the simulator's tables and charts. */
    String name();

    /** How many calls to start now, 0 or more; the simulator applies the trunk's room itself. */
    int callsToStart(PacingSnapshot snapshot, Instant now);

    /** The engine's pacer {@code pacer}, as a policy. */
    static DialPolicy of(String name, Pacer pacer) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pacer, "pacer");
        return new DialPolicy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int callsToStart(PacingSnapshot snapshot, Instant now) {
                return pacer.decide(snapshot, now).callsToStart();
            }
        };
    }
}
