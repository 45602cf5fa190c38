package org.outdial.testbed.simulate;

import java.util.Locale;
import java.util.Optional;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.pacing.Pacer;

/**
 * The policies the pacing grid compares (issue 11): the engine's SMART (at {@code smartSpeed} 0) and
 * FREE, driven through {@link Pacer#of}, and the testbed's baselines. The one place that names them
 * all; a stateful baseline gets a new instance per run.
 */
public enum GridPolicy {
    /** The engine's SMART pacer, {@code smartSpeed} 0. */
    SMART,
    /** The engine's FREE pacer. */
    FREE,
    /** {@link ProgressiveDialing}, written from the definition. */
    PROGRESSIVE,
    /** {@link FixedRatioDialing} at {@link #RATIO_DEFAULT} calls per operator. */
    RATIO,
    /** {@link VicidialAdaptiveDialing}, ADAPT_TAPERED with VICIdial's defaults and a 3 % drop limit. */
    VICIDIAL;

    /** The fixed ratio the grid uses. */
    public static final double RATIO_DEFAULT = 2.0;

    /** This policy on {@code workload}. */
    public SimulationResult run(Workload workload) {
        return switch (this) {
            case SMART -> PacingSimulation.smart(workload, 0);
            case FREE -> PacingSimulation.free(workload);
            case PROGRESSIVE -> PacingSimulation.run(workload, new ProgressiveDialing());
            case RATIO -> PacingSimulation.run(workload, new FixedRatioDialing(RATIO_DEFAULT));
            case VICIDIAL -> PacingSimulation.run(workload, new VicidialAdaptiveDialing());
        };
    }

    /** What the engine lacks to run this policy ({@link Pacer#missing()}), or empty when it runs. */
    public Optional<String> missing() {
        return switch (this) {
            case SMART -> Pacer.of(CampaignMode.SMART).missing();
            case FREE -> Pacer.of(CampaignMode.FREE).missing();
            case PROGRESSIVE, RATIO, VICIDIAL -> Optional.empty();
        };
    }

    /** The name on the command line: {@code smart}, {@code free}, ... */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named {@code option} on the command line. */
    public static GridPolicy ofOption(String option) {
        for (GridPolicy p : values()) {
            if (p.option().equals(option.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + option + "'; policies: smart, free, progressive, ratio, vicidial");
    }
}
