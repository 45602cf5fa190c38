package org.outdial.engine.dialer;

import java.util.Map;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.number.NumberState;

/**
 * Whether a claim may take due repeat calls now, or only NEW numbers (seed 004,
 * {@code repeatCallsSettings.earlyStart}): with {@code earlyStart}, repeats are called as they
 * fall due, alongside NEW numbers, unless the campaign holds more than {@link #EARLY_START_LIMIT}
 * numbers; without it, or above that size, only once no NEW number is left.
 */
public final class RepeatsClaimable {

    /** Seed 004: "if the campaign contains more than 1,000,000 numbers, repeat calls will only start once all unprocessed numbers are finished". */
    public static final long EARLY_START_LIMIT = 1_000_000;

    private RepeatsClaimable() {
    }

    /** @param counts the campaign's numbers by state, as {@code StateCounts.of} reads them */
    public static boolean now(RepeatCallsSettings repeat, Map<NumberState, Long> counts) {
        if (repeat == null) {
            return false; // no retry rules: nothing is ever due again
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (repeat.earlyStart() && total <= EARLY_START_LIMIT) {
            return true;
        }
        return counts.getOrDefault(NumberState.NEW, 0L) == 0;
    }
}
