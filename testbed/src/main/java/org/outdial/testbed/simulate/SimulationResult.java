package org.outdial.testbed.simulate;

import java.util.Objects;

/**
 * What one policy did on one workload (the columns of docs/PACING.md's grid).
 *
 * @param policy                  the policy's name
 * @param workload                what was simulated
 * @param occupancy               talk + wrap-up over logged-in time, 0..1
 * @param talkMinutesPerHour      talk minutes per operator per logged-in hour
 * @param meanWaitSeconds         mean wait of an operator between calls (free to next connected call)
 * @param abandonedPercent        abandoned over live-answered calls, percent
 * @param dialsPerOperatorHour    dials per operator per logged-in hour
 * @param dials                   dials made
 * @param liveAnswered            calls a person answered
 * @param abandoned               of those, not connected to an operator within the grace
 */
public record SimulationResult(String policy, Workload workload, double occupancy, double talkMinutesPerHour,
                               double meanWaitSeconds, double abandonedPercent, double dialsPerOperatorHour,
                               long dials, long liveAnswered, long abandoned) {

    public SimulationResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(workload, "workload");
    }
}
