package org.outdial.engine.dialer;

import java.time.Instant;

/** Asks to be woken for an autodialer at a time (its calling window opening or closing): Quartz's job. */
@FunctionalInterface
public interface WindowAlarms {

    void at(long campaignId, Instant at);

    static WindowAlarms none() {
        return (id, at) -> {
        };
    }
}
