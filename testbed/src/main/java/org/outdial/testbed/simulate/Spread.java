package org.outdial.testbed.simulate;

import java.util.List;

/**
 * One figure over several runs of the same workload with different seeds: the mean, and the range
 * in which one more run (one more day like it) falls with 95 % probability, the Student-t
 * prediction interval {@code mean ± t(0.975, n − 1) × s × √(1 + 1/n)}. That range, not the
 * narrower confidence interval of the mean, is what a campaign's day is held to: a day's
 * abandonment is one run, not the mean of ten. With one run the range is the run itself.
 *
 * @param mean the mean over the runs
 * @param low  the lower end of the range (never below 0)
 * @param high the upper end of the range
 * @param runs how many runs
 */
public record Spread(double mean, double low, double high, int runs) {

    /** t(0.975, df) for df = 1..30; 1.96 beyond. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** The spread of {@code values}, one a run. */
    public static Spread of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("a spread needs at least one run");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n == 1) {
            return new Spread(mean, mean, mean, 1);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double s = Math.sqrt(squares / (n - 1));
        double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
        double half = t * s * Math.sqrt(1 + 1.0 / n);
        return new Spread(mean, Math.max(0, mean - half), mean + half, n);
    }

    /** This spread with its range clipped at {@code max}, a figure's physical bound (100 % occupancy, 60 min/h). */
    public Spread atMost(double max) {
        return new Spread(mean, Math.min(low, max), Math.min(high, max), runs);
    }
}
