package org.outdial.engine.pacing;

import java.time.Instant;

/**
 * What a pacer says at one moment.
 *
 * @param callsToStart        how many calls to start now (claim that many numbers); 0 or more
 * @param wakeAt              when to ask again even if nothing happens, or null to wait for an event (a
 *                            call ending, a trunk line released, an operator becoming ready)
 * @param waitingForOperators no operator of the campaign is ready: the seed's WAITING_OPERATORS
 *                            ("Waiting for free operators"); the dialer owns the status change
 */
public record PacingDecision(int callsToStart, Instant wakeAt, boolean waitingForOperators) {

    public static final PacingDecision WAIT_FOR_EVENT = new PacingDecision(0, null);
    /** Nobody ready: wait for an operator to become ready. */
    public static final PacingDecision WAIT_FOR_OPERATORS = new PacingDecision(0, null, true);

    public PacingDecision {
        if (callsToStart < 0) {
            throw new IllegalArgumentException("callsToStart must be >= 0, was " + callsToStart);
        }
        if (waitingForOperators && callsToStart > 0) {
            throw new IllegalArgumentException("waitingForOperators starts no call, was " + callsToStart);
        }
    }

    /** A decision of a mode without operators (FIXED). */
    public PacingDecision(int callsToStart, Instant wakeAt) {
        this(callsToStart, wakeAt, false);
    }
}
