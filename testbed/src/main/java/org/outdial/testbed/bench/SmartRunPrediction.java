package org.outdial.testbed.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.outdial.testbed.simulate.PacingSimulation;
import org.outdial.testbed.simulate.SimulationResult;
import org.outdial.testbed.simulate.Workload;
import org.outdial.testbed.simulate.Spread;

/**
 * What the pacing simulator predicts for a real SMART run's workload: the engine's SMART pacer at
 * {@code smartSpeed} on {@link PacingSimulation}, one run per seed over the real run's length, each
 * figure as a {@link Spread} (the mean and the range one more run falls in with 95 % probability,
 * which is what one real run is held to).
 *
 * @param workload       the workload of the first seed (the others differ only by the seed)
 * @param occupancy      talk + wrap-up over logged-in time, percent
 * @param talkPerHour    talk minutes per operator-hour
 * @param waitSeconds    mean wait of an operator between calls, seconds
 * @param abandoned      abandoned over live-answered, percent
 * @param dialsPerHour   dials per operator-hour
 * @param liveAnswered   live-answered calls per run
 */
record SmartRunPrediction(Workload workload, Spread occupancy, Spread talkPerHour, Spread waitSeconds,
                          Spread abandoned, Spread dialsPerHour, Spread liveAnswered) {

    SmartRunPrediction {
        Objects.requireNonNull(workload, "workload");
    }

    /** SMART at {@code smartSpeed} on {@code workload} with seeds {@code workload.seed()} .. + {@code seeds} − 1. */
    static SmartRunPrediction of(Workload workload, int smartSpeed, int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, was " + seeds);
        }
        List<SimulationResult> runs = new ArrayList<>(LongStream.range(0, seeds).parallel()
                .mapToObj(i -> PacingSimulation.smart(workload.withSeed(workload.seed() + i), smartSpeed)).toList());
        return new SmartRunPrediction(workload, spread(runs, r -> 100 * r.occupancy(), 100),
                spread(runs, SimulationResult::talkMinutesPerHour, 60), spread(runs, SimulationResult::meanWaitSeconds,
                        Double.MAX_VALUE), spread(runs, SimulationResult::abandonedPercent, 100),
                spread(runs, SimulationResult::dialsPerOperatorHour, Double.MAX_VALUE),
                spread(runs, r -> r.liveAnswered(), Double.MAX_VALUE));
    }

    private static Spread spread(List<SimulationResult> runs, ToDoubleFunction<SimulationResult> figure, double bound) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).toList();
        return Spread.of(values).atMost(bound);
    }
}
