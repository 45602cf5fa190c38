package org.outdial.engine.pacing;

import java.time.Instant;

/**
 * What a pacer says at one moment.
 *
 * @param callsToStart how many calls to start now (claim that many numbers); 0 or more
 * @param wakeAt       when to ask again even if nothing happens, or null to wait for an event (a
 *                     call ending, a trunk line released)
 */
public record PacingDecision(int callsToStart, Instant wakeAt) {

    public static final PacingDecision WAIT_FOR_EVENT = new PacingDecision(0, null);

    public PacingDecision {
        if (callsToStart < 0) {
            throw new IllegalArgumentException("callsToStart must be >= 0, was " + callsToStart);
        }
    }
}
