package org.outdial.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.campaign.Refusals.invalid;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignDraft;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.RepeatCallsSettings;
import org.outdial.engine.campaign.StateRepeat;
import org.outdial.engine.number.NumberState;

class RepeatSettingsValidatorTest {

    private static RepeatCallsSettings repeat(CampaignDraft.RepeatDraft settings) {
        return RepeatSettingsValidator.repeat(CampaignDrafts.autodial().repeatCallsSettings(settings).build());
    }

    private static RepeatCallsSettings legacy(CampaignDraft.LegacyRepeatDraft settings) {
        return RepeatSettingsValidator.repeat(CampaignDrafts.autodial().legacyRepeat(settings).build());
    }

    private static CampaignDraft.RepeatDraft rule(NumberState state, CampaignDraft.StateRepeatDraft rule) {
        Map<NumberState, CampaignDraft.StateRepeatDraft> rules = new LinkedHashMap<>();
        rules.put(state, rule);
        return new CampaignDraft.RepeatDraft(null, null, rules);
    }

    @Test
    void aRuleKeepsItsAttemptsIntervalAndThresholdAndEarlyStartDefaultsToOn() {
        RepeatCallsSettings settings = repeat(rule(NumberState.ANSWER,
                new CampaignDraft.StateRepeatDraft(2, Duration.ofMinutes(15), Duration.ofSeconds(20))));

        assertEquals(new StateRepeat(2, 15, 20), settings.ruleFor(NumberState.ANSWER));
        assertTrue(settings.earlyStart());
        assertFalse(settings.highPriority());
    }

    @Test
    void zeroOrNullAttemptsOrNoRulesMeanNoRepeats() {
        assertNull(repeat(rule(NumberState.BUSY, new CampaignDraft.StateRepeatDraft(0, Duration.ofMinutes(5), null))));
        assertNull(repeat(rule(NumberState.BUSY, null)));
        assertNull(repeat(new CampaignDraft.RepeatDraft(true, true, null)));
        assertNull(RepeatSettingsValidator.repeat(CampaignDrafts.autodial().build()));
    }

    @Test
    void anIntervalDefaultsToTheSeedsMinimum() {
        RepeatCallsSettings settings = repeat(rule(NumberState.BUSY, new CampaignDraft.StateRepeatDraft(1, null, null)));

        assertEquals(StateRepeat.MIN_INTERVAL, settings.ruleFor(NumberState.BUSY).intervalMinutes());
    }

    @Test
    void rulesOutsideTheSeedsRangesAreRefusedByKey() {
        invalid("Repeat call state is not allowed",
                () -> repeat(rule(NumberState.NEW, new CampaignDraft.StateRepeatDraft(1, null, null))));
        invalid("repeatCallsSettings.statesSettings.NOANSWER.attempts must be 0..10, was 30",
                () -> repeat(rule(NumberState.NOANSWER, new CampaignDraft.StateRepeatDraft(30, Duration.ofMinutes(60), null))));
        invalid("repeatCallsSettings.statesSettings.NOANSWER.intervalMinutes must be 5..1500, was 4",
                () -> repeat(rule(NumberState.NOANSWER, new CampaignDraft.StateRepeatDraft(1, Duration.ofMinutes(4), null))));
        invalid("repeatCallsSettings.statesSettings.NOANSWER.intervalMinutes must be a whole number of minutes, was PT5M30S",
                () -> repeat(rule(NumberState.NOANSWER, new CampaignDraft.StateRepeatDraft(1, Duration.ofSeconds(330), null))));
        invalid("repeatCallsSettings.statesSettings.BUSY.secondsThreshold is only allowed for answered states",
                () -> repeat(rule(NumberState.BUSY, new CampaignDraft.StateRepeatDraft(1, null, Duration.ofSeconds(5)))));
        invalid("repeatCallsSettings.statesSettings.ANSWER.secondsThreshold must be 1..3600, was 0",
                () -> repeat(rule(NumberState.ANSWER, new CampaignDraft.StateRepeatDraft(1, null, Duration.ZERO))));
    }

    @Test
    void theDeprecatedFieldsGiveEveryListedStateTheSameRule() {
        RepeatCallsSettings settings = legacy(new CampaignDraft.LegacyRepeatDraft(3, Duration.ofMinutes(30), true,
                List.of(NumberState.NOANSWER, NumberState.BUSY), false));

        assertEquals(new StateRepeat(3, 30, null), settings.ruleFor(NumberState.NOANSWER));
        assertEquals(new StateRepeat(3, 30, null), settings.ruleFor(NumberState.BUSY));
        assertFalse(settings.earlyStart());
        assertTrue(settings.highPriority());
    }

    @Test
    void theDeprecatedFieldsAreIgnoredWithoutAttemptsAndRefusedWithoutStatesOrWithAnUnrepeatableOne() {
        List<NumberState> unreadable = Arrays.asList(NumberState.BUSY, null);
        assertNull(legacy(new CampaignDraft.LegacyRepeatDraft(0, null, null, unreadable, null)),
                "with repeats off, even a state the facade could not read is not looked at");
        invalid("Repeat call states is empty",
                () -> legacy(new CampaignDraft.LegacyRepeatDraft(3, Duration.ofMinutes(30), null, null, null)));
        invalid("Repeat call state is not allowed",
                () -> legacy(new CampaignDraft.LegacyRepeatDraft(3, null, null, List.of(NumberState.ANSWER), null)));
        invalid("Repeat call state is not allowed",
                () -> legacy(new CampaignDraft.LegacyRepeatDraft(3, null, null, unreadable, null)));
        invalid("repeatCallAttempts must be 0..10, was 11",
                () -> legacy(new CampaignDraft.LegacyRepeatDraft(11, null, null, List.of(NumberState.BUSY), null)));
    }
}
