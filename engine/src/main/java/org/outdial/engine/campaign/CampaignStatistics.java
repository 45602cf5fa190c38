package org.outdial.engine.campaign;

import java.util.Map;
import org.outdial.engine.number.NumberState;

/**
 * An autodialer's number statistics as the seed shows them.
 *
 * @param totalCount     numbers in the autodialer
 * @param doneCount      numbers processed (in any state but NEW and DIALING)
 * @param repeatCount    numbers waiting for a repeat call
 * @param callsDoneCount calls completed
 * @param statesCount    numbers per state
 */
public record CampaignStatistics(long totalCount, long doneCount, long repeatCount, long callsDoneCount,
                                 Map<NumberState, Long> statesCount) {

    public static CampaignStatistics of(Map<NumberState, Long> counts, long repeatCount, long callsDone) {
        long total = 0;
        long done = 0;
        for (Map.Entry<NumberState, Long> entry : counts.entrySet()) {
            total += entry.getValue();
            if (entry.getKey().done()) {
                done += entry.getValue();
            }
        }
        return new CampaignStatistics(total, done, repeatCount, callsDone, Map.copyOf(counts));
    }
}
