package org.outdial.engine.campaign;

/**
 * The seed's limits (GET_WITH_DATA shows them to clients).
 *
 * @param maxTasks            autodialers per project ("Tasks limit exceeded")
 * @param maxNumbersPerTask   numbers per autodialer ("Numbers limit exceeded"): 1,000,000
 * @param maxAddNumbers       numbers per ADD_NUMBERS request ("Too many numbers"): 100,000
 * @param maxRemoveNumbers    numbers per REMOVE_NUMBERS request: 10,000
 */
public record CampaignLimits(int maxTasks, int maxNumbersPerTask, int maxAddNumbers, int maxRemoveNumbers) {

    public static final CampaignLimits SEED = new CampaignLimits(1000, 1_000_000, 100_000, 10_000);

    public CampaignLimits {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("dialer.max-autodialers must be at least 1, was " + maxTasks);
        }
    }
}
