package org.outdial.engine.campaign;

import java.util.Map;
import org.outdial.engine.number.NumberState;

/**
 * An autodialer's repeat-call settings (seed 004, {@code repeatCallsSettings}).
 *
 * @param earlyStart     repeats may start before every NEW number has been called
 * @param highPriority   repeats go to the priority queue
 * @param statesSettings the rule per state; states without a rule are not repeated
 */
public record RepeatCallsSettings(boolean earlyStart, boolean highPriority, Map<NumberState, StateRepeat> statesSettings) {

    public RepeatCallsSettings {
        statesSettings = Map.copyOf(statesSettings);
    }

    /** The rule for {@code state}, or null when numbers in that state are not repeated. */
    public StateRepeat ruleFor(NumberState state) {
        StateRepeat rule = statesSettings.get(state);
        return rule == null || rule.attempts() == 0 ? null : rule;
    }
}
