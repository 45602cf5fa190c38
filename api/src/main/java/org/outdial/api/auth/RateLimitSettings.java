package org.outdial.api.auth;

import java.time.Duration;
import org.outdial.api.config.HumanDuration;

/**
 * Per-key request limits (configuration key {@code api.rate-limit}), after UniTalk's "Limits":
 * "More than 30 requests in 10 seconds – temporary blocking; repeated exceeding – temporary
 * blocking of increased duration; more than 100 requests in 10 seconds – permanent blocking.
 * 20 simultaneous calls. 15 per second."
 *
 * @param enabled          false turns every limit off (a trusted single-tenant deployment)
 * @param window           the sliding window {@code blockAfter} and {@code banAfter} count in
 * @param blockAfter       more requests than this in {@code window} block the key for a while
 * @param blockDuration    how long the first block lasts
 * @param maxBlockDuration each repeated block lasts twice the previous one, up to this
 * @param repeatWindow     a block that starts within this time after the previous one ended is a repeat
 * @param banAfter         more requests than this in {@code window} block the key for {@code banDuration};
 *                         UniTalk blocks for good, Outdial for a configurable (long) time
 * @param banDuration      how long the long block lasts
 * @param maxConcurrent    most requests of one key being handled at the same time
 * @param perSecond        most requests of one key in any one second
 */
public record RateLimitSettings(boolean enabled, Duration window, int blockAfter, Duration blockDuration,
                                Duration maxBlockDuration, Duration repeatWindow, int banAfter,
                                Duration banDuration, int maxConcurrent, int perSecond) {

    private static final String KEY = "api.rate-limit.";
    /** Upper bound of every count, so the limiter's per-key history stays small. */
    private static final int MAX_COUNT = 10_000;

    public RateLimitSettings {
        requireBetween("window", window, Duration.ofSeconds(1), Duration.ofHours(1));
        requireCount("block-after", blockAfter);
        requireBetween("block-duration", blockDuration, Duration.ofSeconds(1), Duration.ofDays(365));
        requireBetween("max-block-duration", maxBlockDuration, blockDuration, Duration.ofDays(365));
        requireBetween("repeat-window", repeatWindow, Duration.ZERO, Duration.ofDays(365));
        requireCount("ban-after", banAfter);
        if (banAfter < blockAfter) {
            throw new IllegalArgumentException(KEY + "ban-after must be at least block-after ("
                    + blockAfter + "), was " + banAfter);
        }
        requireBetween("ban-duration", banDuration, Duration.ofSeconds(1), Duration.ofDays(36_500));
        requireCount("max-concurrent", maxConcurrent);
        requireCount("per-second", perSecond);
    }

    /** UniTalk's numbers; the block durations are Outdial's choice (UniTalk does not publish them). */
    public static RateLimitSettings defaults() {
        return new RateLimitSettings(true, Duration.ofSeconds(10), 30, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofHours(1), 100, Duration.ofHours(24), 20, 15);
    }

    /** No limits at all. */
    public static RateLimitSettings unlimited() {
        RateLimitSettings d = defaults();
        return new RateLimitSettings(false, d.window, d.blockAfter, d.blockDuration, d.maxBlockDuration,
                d.repeatWindow, d.banAfter, d.banDuration, d.maxConcurrent, d.perSecond);
    }

    private static void requireCount(String name, int value) {
        if (value < 1 || value > MAX_COUNT) {
            throw new IllegalArgumentException(KEY + name + " must be 1.." + MAX_COUNT + ", was " + value);
        }
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(KEY + name + " must be set");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(KEY + name + " must be " + HumanDuration.format(min)
                    + ".." + HumanDuration.format(max) + ", was "
                    + HumanDuration.format(value));
        }
    }
}
