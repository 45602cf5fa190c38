package org.outdial.engine.number;

import java.time.Instant;

/**
 * A number in an autodialer as stored.
 *
 * @param calledCount     calls since the autodialer (or REFRESH) last started it
 * @param realCalledCount every call ever made to it in this autodialer
 * @param repeatCount     repeat calls made under the current retry rule
 * @param nextAttemptAt   when a pending retry becomes due, or null
 */
public record AutodialNumber(long id, long campaignId, NumberData data, NumberState state, Instant stateAt,
                             int calledCount, int realCalledCount, int repeatCount, boolean highPriority,
                             Instant nextAttemptAt) {

    public String phone() {
        return data.phone();
    }
}
