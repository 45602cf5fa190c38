package org.outdial.engine.pacing;

/**
 * A campaign's settings for its pacer, one record per mode. FREE and SMART add theirs
 * ({@code smartSpeed}, {@code coldBaseStartCallsMultiplier} ...) with their pacers.
 */
public sealed interface PacingSettings {

    /**
     * FIXED (seed 004).
     *
     * @param threadCount           "number of simultaneous calls", 1 or more
     * @param callDelaySeconds      "pause between calls in seconds"; only used when threadCount is 1
     * @param callDelayOnlyAnswered the pause only follows answered calls
     */
    record Fixed(int threadCount, int callDelaySeconds, boolean callDelayOnlyAnswered) implements PacingSettings {
        public Fixed {
            if (threadCount < 1) {
                throw new IllegalArgumentException("threadCount must be >= 1, was " + threadCount);
            }
            if (callDelaySeconds < 0) {
                throw new IllegalArgumentException("callDelay must be >= 0, was " + callDelaySeconds);
            }
        }
    }
}
