package org.outdial.engine.campaign;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.outdial.engine.error.EngineException;

/**
 * Range checks for settings the seed bounds without a message of its own: the refusal reads
 * {@code key must be A..B, was X} (docs/API.md), in the unit of the seed's field.
 */
public final class Ranges {

    private Ranges() {
    }

    /** {@code value}, or {@code absent} when it is null. */
    public static int range(String key, Integer value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (value < min || value > max) {
            throw EngineException.invalid(key + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /**
     * {@code value} in whole {@code unit}s (the seed's {@code delay} is in seconds,
     * {@code intervalMinutes} in minutes), or {@code absent} when it is null. A value with a
     * remainder cannot come from the seed's integers; it is refused rather than rounded.
     */
    public static long whole(String key, Duration value, ChronoUnit unit, long min, long max, long absent) {
        if (value == null) {
            return absent;
        }
        Duration one = unit.getDuration();
        long count = value.dividedBy(one);
        if (!one.multipliedBy(count).equals(value)) {
            throw EngineException.invalid(key + " must be a whole number of " + unit.toString().toLowerCase(java.util.Locale.ROOT)
                    + ", was " + value);
        }
        if (count < min || count > max) {
            throw EngineException.invalid(key + " must be " + min + ".." + max + ", was " + count);
        }
        return count;
    }

    /** As {@link #whole} for seconds, returned as a duration. */
    public static Duration seconds(String key, Duration value, int min, int max) {
        return Duration.ofSeconds(whole(key, value, ChronoUnit.SECONDS, min, max, 0));
    }
}
