package org.outdial.engine.retry;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.Ranges;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.NumberState;

/**
 * A draft's {@code repeatCallsSettings}, or failing that its deprecated flat repeat fields,
 * checked by seed 004's rules into the {@link RepeatCallsSettings} that {@link RetryPolicy} reads.
 */
public final class RepeatSettingsValidator {

    /** Seed 004 gives no bound for {@code secondsThreshold}; Outdial caps it at an hour, as its other seconds. */
    public static final int MAX_THRESHOLD_SECONDS = 3600;

    private RepeatSettingsValidator() {
    }

    /** The settings, or null when the draft asks for no repeats. */
    public static RepeatCallsSettings repeat(CampaignDraft draft) {
        if (draft.repeatCallsSettings() != null) {
            return current(draft.repeatCallsSettings());
        }
        return legacy(draft.legacyRepeat());
    }

    private static RepeatCallsSettings current(CampaignDraft.RepeatDraft draft) {
        Map<NumberState, StateRepeat> rules = new EnumMap<>(NumberState.class);
        if (draft.statesSettings() != null) {
            for (Map.Entry<NumberState, CampaignDraft.StateRepeatDraft> entry : draft.statesSettings().entrySet()) {
                NumberState state = entry.getKey();
                if (!state.retryConfigurable()) {
                    throw notAllowed();
                }
                CampaignDraft.StateRepeatDraft rule = entry.getValue();
                if (rule == null) {
                    continue;
                }
                String key = "repeatCallsSettings.statesSettings." + state + ".";
                int attempts = Ranges.range(key + "attempts", rule.attempts(), 0, StateRepeat.MAX_ATTEMPTS, 0);
                if (attempts == 0) {
                    continue; // Seed 004: "Values 0 or null disable repeat calling"
                }
                int interval = (int) Ranges.whole(key + "intervalMinutes", rule.interval(), ChronoUnit.MINUTES,
                        StateRepeat.MIN_INTERVAL, StateRepeat.MAX_INTERVAL, StateRepeat.MIN_INTERVAL);
                Integer threshold = null;
                if (rule.threshold() != null) {
                    if (!state.answered()) {
                        throw EngineException.invalid(key + "secondsThreshold is only allowed for answered states");
                    }
                    threshold = (int) Ranges.whole(key + "secondsThreshold", rule.threshold(), ChronoUnit.SECONDS,
                            1, MAX_THRESHOLD_SECONDS, 1);
                }
                rules.put(state, new StateRepeat(attempts, interval, threshold));
            }
        }
        return rules.isEmpty() ? null : new RepeatCallsSettings(
                !Boolean.FALSE.equals(draft.earlyStart()), Boolean.TRUE.equals(draft.highPriority()), rules);
    }

    /** The deprecated flat fields, mapped onto repeatCallsSettings: one rule for every listed state. */
    private static RepeatCallsSettings legacy(CampaignDraft.LegacyRepeatDraft draft) {
        if (draft == null || draft.attempts() == null || draft.attempts() == 0) {
            return null; // Seed 004: "Values 0 and null mean that re-call is disabled"
        }
        int count = Ranges.range("repeatCallAttempts", draft.attempts(), 0, StateRepeat.MAX_ATTEMPTS, 0);
        if (draft.states() == null || draft.states().isEmpty()) {
            throw EngineException.invalid("Repeat call states is empty");
        }
        int interval = (int) Ranges.whole("repeatCallIntervalMinutes", draft.interval(), ChronoUnit.MINUTES,
                StateRepeat.MIN_INTERVAL, StateRepeat.MAX_INTERVAL, StateRepeat.MIN_INTERVAL);
        Map<NumberState, StateRepeat> rules = new EnumMap<>(NumberState.class);
        for (NumberState state : draft.states()) {
            if (state == null || !state.repeatable()) {
                throw notAllowed();
            }
            rules.put(state, new StateRepeat(count, interval, null));
        }
        return new RepeatCallsSettings(!Boolean.FALSE.equals(draft.early()), Boolean.TRUE.equals(draft.highPriority()),
                rules);
    }

    /** Seed 004: "An invalid callState was passed in the repeatCallStates array". */
    private static EngineException notAllowed() {
        return EngineException.invalid("Repeat call state is not allowed");
    }
}
