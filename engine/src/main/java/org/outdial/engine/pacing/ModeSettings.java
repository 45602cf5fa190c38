package org.outdial.engine.pacing;

import java.time.Duration;
import java.util.Objects;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.OperatorLines;

/**
 * What an autodialer's mode adds to its settings (seed 004, "specific for ... mode part"): how
 * the pace is set. A new mode is a new record here and a new pacer.
 */
public sealed interface ModeSettings {

    CampaignMode autodialerMode();

    /**
     * FIXED: a fixed number of simultaneous calls.
     *
     * @param threadCount           simultaneous calls, 1..1000
     * @param callDelay             between calls, whole seconds; the seed applies it only when threadCount is 1
     * @param callDelayOnlyAnswered the pause follows answered calls only
     */
    record Fixed(int threadCount, Duration callDelay, boolean callDelayOnlyAnswered) implements ModeSettings {
        public Fixed {
            if (threadCount < 1) {
                throw new IllegalArgumentException("threadCount must be >= 1, was " + threadCount);
            }
            Objects.requireNonNull(callDelay, "callDelay");
            if (callDelay.isNegative()) {
                throw new IllegalArgumentException("callDelay must be >= 0, was " + callDelay);
            }
        }

        @Override
        public CampaignMode autodialerMode() {
            return CampaignMode.FIXED;
        }
    }

    /** FREE: as many calls as there are free operators. */
    record Free(OperatorLines operators, OperatorPacing pacing) implements ModeSettings {
        public Free {
            Objects.requireNonNull(operators, "operators");
            Objects.requireNonNull(pacing, "pacing");
        }

        @Override
        public CampaignMode autodialerMode() {
            return CampaignMode.FREE;
        }
    }

    /**
     * SMART: predicted free operators over the answer probability.
     *
     * @param smartSpeed the seed's speed control, -10..10, "proportionally affects dialing speed"
     */
    record Smart(OperatorLines operators, OperatorPacing pacing, int smartSpeed) implements ModeSettings {
        public Smart {
            Objects.requireNonNull(operators, "operators");
            Objects.requireNonNull(pacing, "pacing");
        }

        @Override
        public CampaignMode autodialerMode() {
            return CampaignMode.SMART;
        }
    }

    /**
     * The options FREE and SMART share (seed 004).
     *
     * @param coldBaseStartCallsMultiplier 0.1..1.5, or null: "if not null, changes the number of
     *                                     simultaneous calls depending on the dial percentage"
     * @param pauseOperatorNoAnswerLimit   calls in a row an operator does not answer before being paused, or null
     * @param markAsBusy                   how long a line stays busy after a successful call, whole seconds
     * @param markAsBusyMinTalk            the shortest call that triggers {@code markAsBusy}, whole seconds
     * @param reservedSipsBusyOnlyForAutodials inner lines stay available to incoming scenarios
     */
    record OperatorPacing(Double coldBaseStartCallsMultiplier, Integer pauseOperatorNoAnswerLimit, Duration markAsBusy,
                          Duration markAsBusyMinTalk, boolean reservedSipsBusyOnlyForAutodials) {
        public OperatorPacing {
            Objects.requireNonNull(markAsBusy, "markAsBusy");
            Objects.requireNonNull(markAsBusyMinTalk, "markAsBusyMinTalk");
        }
    }
}
