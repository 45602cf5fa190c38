package org.outdial.testbed.bench;

import java.util.Locale;
import org.outdial.testbed.simulate.Spread;
import org.outdial.testbed.simulate.Workload;

/**
 * Prints {@code smart-run}'s figures: the tolerance first (stated before anything is measured), the
 * workload the run measured, Outdial's own latencies on the way to an operator, then one Markdown
 * table with the real run beside the simulator's mean and 95 % range, and the verdict.
 */
final class SmartRunReport {

    private SmartRunReport() {
    }

    static void tolerance(SmartRunOptions o) {
        System.out.printf(Locale.ROOT, "  tolerance (stated before the run): the real occupancy within %.1f points and the "
                        + "real abandonment within %.1f points of the simulator's mean; each real figure is also shown "
                        + "against the simulator's 95 %% range for one run%n", o.occupancyTolerance(),
                o.abandonmentTolerance());
    }

    static void prediction(SmartRunPrediction p) {
        System.out.println("  simulator workload: " + workload(p.workload()));
        System.out.println();
        System.out.println("| figure | simulator mean | simulator 95 % range |");
        System.out.println("| --- | ---: | ---: |");
        row("occupancy %", p.occupancy(), 1);
        row("talk min/h", p.talkPerHour(), 1);
        row("wait between calls s", p.waitSeconds(), 1);
        row("abandoned %", p.abandoned(), 2);
        row("dials per operator-hour", p.dialsPerHour(), 0);
        row("live-answered calls", p.liveAnswered(), 0);
    }

    static void compare(SmartRunOptions o, SmartRunFigures real, SmartRunPrediction p) {
        System.out.printf(Locale.ROOT, "  measured: %d dials, %d live-answered (answer rate %.1f %%), %d abandoned; "
                        + "dial to answer at the carrier %s; operators' mean talk %.1f s over %d talks%n",
                real.dials(), real.liveAnswered(), 100 * real.answerRate(), real.abandoned(),
                millis(real.dialToAnswer()), real.meanTalk().toMillis() / 1000.0, real.connections());
        System.out.printf(Locale.ROOT, "  Outdial on the way to an operator: callee's 200 OK to the operator's INVITE %s; "
                + "to the operator's 200 OK %s; offers cancelled before the phone answered: %d%n",
                millis(real.answerToOffer()), millis(real.answerToOperator()), real.offersNotAnswered());
        System.out.printf(Locale.ROOT, "  answered callees no operator took: %d; with an operator free at the answer: %d; "
                        + "with one free at some moment within the grace (the simulator, whose offers take no time, "
                        + "would have connected these): %d%n", real.unconnected(), real.freeAtAnswer(),
                real.freeWithinGrace());
        System.out.println("  for those, ms from the answer to an operator free: "
                + java.util.Arrays.toString(real.freeAfter()) + "; overtaken while waiting (a callee answered after "
                + "them was offered an operator within their grace): " + real.overtaken());
        System.out.println("  Outdial's own time, for calls taken with an operator free at the answer (answer to the "
                + "operator's INVITE): " + millis(real.overhead()));
        System.out.println("  the operator's hang-up to Outdial's BYE to the callee (the wrap-up starts then): "
                + millis(real.hangUpLag()));
        System.out.println("  simulator workload: " + workload(p.workload()));
        System.out.println();
        System.out.println("| figure | real run | simulator mean | simulator 95 % range | real − mean | tolerance |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        boolean occupancy = row("occupancy %", real.occupancy(), p.occupancy(), 1, o.occupancyTolerance());
        row("talk min/h", real.talkPerHour(), p.talkPerHour(), 1, Double.NaN);
        row("wait between calls s", real.waitSeconds(), p.waitSeconds(), 1, Double.NaN);
        boolean abandoned = row("abandoned %", real.abandonedPercent(), p.abandoned(), 2, o.abandonmentTolerance());
        row("dials per operator-hour", real.dialsPerHour(), p.dialsPerHour(), 0, Double.NaN);
        row("live-answered calls", real.liveAnswered(), p.liveAnswered(), 0, Double.NaN);
        System.out.println();
        System.out.printf(Locale.ROOT, "  verdict: %s (occupancy %s, abandonment %s)%n",
                occupancy && abandoned ? "PASS" : "FAIL", occupancy ? "within" : "OUTSIDE",
                abandoned ? "within" : "OUTSIDE");
    }

    private static void row(String figure, Spread s, int decimals) {
        String f = "%." + decimals + "f";
        System.out.printf(Locale.ROOT, "| %s | " + f + " | " + f + "-" + f + " |%n", figure, s.mean(), s.low(), s.high());
    }

    /** One row; whether the real figure is within {@code tolerance} of the mean (true without a tolerance). */
    private static boolean row(String figure, double real, Spread s, int decimals, double tolerance) {
        String f = "%." + decimals + "f";
        double diff = real - s.mean();
        boolean inRange = real >= s.low() && real <= s.high();
        boolean within = Double.isNaN(tolerance) || Math.abs(diff) <= tolerance;
        String limit = Double.isNaN(tolerance) ? "" : String.format(Locale.ROOT, "± %.1f %s", tolerance,
                within ? "✔" : "✘");
        System.out.printf(Locale.ROOT, "| %s | " + f + " | " + f + " | " + f + "-" + f + "%s | %+" + "." + decimals
                        + "f | %s |%n", figure, real, s.mean(), s.low(), s.high(), inRange ? "" : " (outside)", diff, limit);
        return within;
    }

    private static String workload(Workload w) {
        return String.format(Locale.ROOT, "%d operators, answer rate %.1f %%, dial to answer %.2f-%.2f s uniform, "
                        + "ring timeout %d s, talk exponential mean %.1f s, wrap-up %d s, %.1f min, SMART",
                w.operators(), 100 * w.answerRate(), w.dialToAnswerMin().toMillis() / 1000.0,
                w.dialToAnswerMax().toMillis() / 1000.0, w.ringTimeout().toSeconds(), w.meanTalk().toMillis() / 1000.0,
                w.wrapUp().toSeconds(), w.hours() * 60);
    }

    private static String millis(long[] sorted) {
        if (sorted.length == 0) {
            return "(none)";
        }
        double mean = java.util.Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "n %d, min %d ms, p50 %.0f ms, mean %.0f ms, p99 %.0f ms, max %d ms",
                sorted.length, sorted[0], BenchMachine.percentile(sorted, 50), mean,
                BenchMachine.percentile(sorted, 99), sorted[sorted.length - 1]);
    }
}
