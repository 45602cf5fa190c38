package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One answered callee's wait for an operator in {@link OperatorConnect}: since when, and by which
 * rule ({@link OperatorWait}). What the grace counts from, and whether a moment is past it.
 */
record CalleeWait(Instant start, OperatorWait rule) {

    CalleeWait {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(rule, "rule");
    }

    /** Whether {@code at} is past the grace (FCC 47 CFR 64.1200(a)(7): no operator within it is an abandonment). */
    boolean past(Instant at) {
        return Duration.between(start, at).compareTo(rule.grace()) > 0;
    }

    /** The call record's detail for a call abandoned at the grace. */
    String abandonedDetail(boolean messagePlayed) {
        long ms = rule.grace().toMillis();
        String grace = ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
        return "no operator on the line within " + grace + " of the answer: abandoned (FCC 47 CFR 64.1200(a)(7))"
                + (messagePlayed ? ", the message played" : "");
    }
}
