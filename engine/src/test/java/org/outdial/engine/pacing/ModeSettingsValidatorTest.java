package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.outdial.engine.campaign.Refusals.invalid;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.OperatorLines;

class ModeSettingsValidatorTest {

    private static final OperatorLines LINES = new OperatorLines(null, List.of("1000"));

    private static ModeSettings mode(CampaignMode mode, CampaignDraft.Builder draft) {
        return ModeSettingsValidator.settings(draft.build(), mode, mode == CampaignMode.FIXED ? null : LINES);
    }

    @Test
    void fixedKeepsThreadsAndTheDelayInWholeSeconds() {
        ModeSettings fixed = mode(CampaignMode.FIXED, CampaignDrafts.autodial().threadCount(3)
                .callDelay(Duration.ofSeconds(4)).callDelayOnlyAnswered(true));

        assertEquals(new ModeSettings.Fixed(3, Duration.ofSeconds(4), true), fixed);
    }

    @Test
    void freeAndSmartKeepTheirOperatorsAndOptionsWithTheSeedsDefaults() {
        ModeSettings.OperatorPacing defaults = new ModeSettings.OperatorPacing(null, null, Duration.ZERO, Duration.ZERO, false);

        assertEquals(new ModeSettings.Free(LINES, defaults), mode(CampaignMode.FREE, CampaignDrafts.autodial()));
        ModeSettings smart = mode(CampaignMode.SMART, CampaignDrafts.autodial().smartSpeed(-3)
                .coldBaseStartCallsMultiplier(0.5).pauseOperatorNoAnswerLimit(5).markAsBusy(Duration.ofSeconds(60))
                .markAsBusyMinTalk(Duration.ofSeconds(15)).reservedSipsBusyOnlyForAutodials(true));
        assertEquals(new ModeSettings.Smart(LINES, new ModeSettings.OperatorPacing(0.5, 5, Duration.ofSeconds(60),
                Duration.ofSeconds(15), true), -3), smart);
    }

    @Test
    void valuesOutsideTheSeedsRangesAreRefusedByKey() {
        invalid("threadCount is null", () -> mode(CampaignMode.FIXED, CampaignDrafts.autodial().threadCount(null)));
        invalid("threadCount must be 1..1000, was 0", () -> mode(CampaignMode.FIXED, CampaignDrafts.autodial().threadCount(0)));
        invalid("callDelay must be 0..3600, was 3601",
                () -> mode(CampaignMode.FIXED, CampaignDrafts.autodial().callDelay(Duration.ofSeconds(3601))));
        invalid("callDelay must be a whole number of seconds, was PT0.5S",
                () -> mode(CampaignMode.FIXED, CampaignDrafts.autodial().callDelay(Duration.ofMillis(500))));
        invalid("coldBaseStartCallsMultiplier must be 0.1..1.5, was 2.0",
                () -> mode(CampaignMode.FREE, CampaignDrafts.autodial().coldBaseStartCallsMultiplier(2.0)));
        invalid("pauseOperatorNoAnswerLimit must be 1..100, was 0",
                () -> mode(CampaignMode.FREE, CampaignDrafts.autodial().pauseOperatorNoAnswerLimit(0)));
        invalid("markAsBusySeconds must be 0..3600, was -1",
                () -> mode(CampaignMode.FREE, CampaignDrafts.autodial().markAsBusy(Duration.ofSeconds(-1))));
        invalid("markAsBusyMinSecondsTalk must be 0..3600, was 3601",
                () -> mode(CampaignMode.SMART, CampaignDrafts.autodial().markAsBusyMinTalk(Duration.ofSeconds(3601))));
        invalid("smartSpeed must be -10..10, was 11", () -> mode(CampaignMode.SMART, CampaignDrafts.autodial().smartSpeed(11)));
    }
}
