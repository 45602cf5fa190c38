package org.outdial.engine.pacing;

import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.OperatorLines;
import org.outdial.engine.campaign.Ranges;
import org.outdial.engine.error.EngineException;

/** The mode part of a draft, by seed 004's ranges for FIXED, FREE and SMART. */
public final class ModeSettingsValidator {

    public static final int MAX_THREADS = 1000;
    /** Seed 004: markAsBusySeconds and markAsBusyMinSecondsTalk "from 0 to 3600"; callDelay is capped the same. */
    public static final int MAX_SECONDS = 3600;

    private ModeSettingsValidator() {
    }

    /**
     * @param operators the draft's operator lines, already checked; FREE and SMART need them
     */
    public static ModeSettings settings(CampaignDraft draft, CampaignMode mode, OperatorLines operators) {
        return switch (mode) {
            case FIXED -> fixed(draft);
            case FREE -> new ModeSettings.Free(operators, operatorPacing(draft));
            case SMART -> {
                ModeSettings.OperatorPacing pacing = operatorPacing(draft);
                yield new ModeSettings.Smart(operators, pacing, Ranges.range("smartSpeed", draft.smartSpeed(), -10, 10, 0));
            }
        };
    }

    private static ModeSettings.Fixed fixed(CampaignDraft draft) {
        if (draft.threadCount() == null) {
            throw EngineException.invalid("threadCount is null");
        }
        int threadCount = Ranges.range("threadCount", draft.threadCount(), 1, MAX_THREADS, 1);
        return new ModeSettings.Fixed(threadCount, Ranges.seconds("callDelay", draft.callDelay(), 0, MAX_SECONDS),
                Boolean.TRUE.equals(draft.callDelayOnlyAnswered()));
    }

    private static ModeSettings.OperatorPacing operatorPacing(CampaignDraft draft) {
        Double coldBase = draft.coldBaseStartCallsMultiplier();
        if (coldBase != null && (coldBase < 0.1 || coldBase > 1.5 || coldBase.isNaN())) {
            // Seed 004: "Available values from 0.1 to 1.5".
            throw EngineException.invalid("coldBaseStartCallsMultiplier must be 0.1..1.5, was " + coldBase);
        }
        Integer pauseLimit = draft.pauseOperatorNoAnswerLimit() == null ? null
                : Ranges.range("pauseOperatorNoAnswerLimit", draft.pauseOperatorNoAnswerLimit(), 1, 100, 1);
        return new ModeSettings.OperatorPacing(coldBase, pauseLimit,
                Ranges.seconds("markAsBusySeconds", draft.markAsBusy(), 0, MAX_SECONDS),
                Ranges.seconds("markAsBusyMinSecondsTalk", draft.markAsBusyMinTalk(), 0, MAX_SECONDS),
                Boolean.TRUE.equals(draft.reservedSipsBusyOnlyForAutodials()));
    }
}
