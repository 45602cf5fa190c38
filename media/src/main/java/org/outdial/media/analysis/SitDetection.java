package org.outdial.media.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * A special information tone heard.
 *
 * @param tone       which of the eight
 * @param startedAt  audio time (from the first frame fed) at which its first segment began
 * @param decidedAt  audio time at which it was classified, during its third segment
 */
public record SitDetection(SitTone tone, Duration startedAt, Duration decidedAt) {

    public SitDetection {
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    public SitOutcome outcome() {
        return tone.outcome();
    }

    /** From the tone's start to its classification. */
    public Duration detectionTime() {
        return decidedAt.minus(startedAt);
    }
}
