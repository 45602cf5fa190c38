package org.outdial.engine.pacing;

import java.time.Instant;

/**
 * What a FIXED campaign's pacer needs to know at one moment (seed 004, FIXED mode).
 *
 * @param threadCount            "number of simultaneous calls", 1 or more
 * @param inFlight               this campaign's calls in flight (dialing, ringing or talking)
 * @param callDelaySeconds       "pause between calls in seconds"; only used when threadCount is 1
 * @param callDelayOnlyAnswered  the pause only follows answered calls
 * @param lastCallEndedAt        when this campaign's last call ended, or null if none has yet
 * @param lastCallAnswered       whether that call was answered
 * @param trunkFreeLines         the trunk's max-calls minus its calls in flight across all campaigns
 * @param trunkCallsAllowedNow   what is left of the trunk's max-cps budget now
 */
public record FixedSnapshot(int threadCount, int inFlight, int callDelaySeconds, boolean callDelayOnlyAnswered,
                            Instant lastCallEndedAt, boolean lastCallAnswered, int trunkFreeLines,
                            int trunkCallsAllowedNow) {

    public FixedSnapshot {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be >= 1, was " + threadCount);
        }
        if (inFlight < 0) {
            throw new IllegalArgumentException("inFlight must be >= 0, was " + inFlight);
        }
        if (callDelaySeconds < 0) {
            throw new IllegalArgumentException("callDelay must be >= 0, was " + callDelaySeconds);
        }
        if (trunkFreeLines < 0) {
            throw new IllegalArgumentException("trunkFreeLines must be >= 0, was " + trunkFreeLines);
        }
        if (trunkCallsAllowedNow < 0) {
            throw new IllegalArgumentException("trunkCallsAllowedNow must be >= 0, was " + trunkCallsAllowedNow);
        }
    }
}
