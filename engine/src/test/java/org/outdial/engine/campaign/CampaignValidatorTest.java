package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.campaign.Refusals.invalid;
import static org.outdial.engine.campaign.Refusals.notFound;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.pacing.ModeSettings;

class CampaignValidatorTest {

    private final KnownReferences references = new KnownReferences()
            .audio(1, References.AUDIO_AUTODIAL).audio(53, References.AUDIO_MELODY)
            .group(300, References.INNER_PHONES).group(301, "GSM").line("1000").line("1001")
            .ttsProfile(18).inScenario(70).outScenario(7).robot(25).triggerAction(2, "WEBHOOK");
    private final CampaignValidator validator = new CampaignValidator(references, ZoneId.of("UTC"));

    private CampaignSettings settings(CampaignDraft.Builder draft) {
        CampaignDraft built = draft.build();
        return validator.settings(built, built.autodialerType(), built.autodialerMode());
    }

    @Test
    void anAutodialInFixedModeHasItsAudioAndThreadsAndNothingOfOtherTypes() {
        CampaignSettings s = settings(CampaignDrafts.autodial().scenarioId(70L).ttsSettingsId(18L)
                .delay(Duration.ofSeconds(2)).threadCount(3).outScenarioId(7L).callerIdPrefix("pre")
                .triggerActions(Map.of(TriggerEvent.AUTODIAL_NOANSWER, List.of(2L))).removeAfterFinish(true));

        TypeSettings.Autodial autodial = s.autodial();
        assertEquals(70L, autodial.scenarioId());
        assertEquals(18L, autodial.ttsSettingsId());
        assertEquals(Duration.ofSeconds(2), autodial.delay());
        assertEquals(List.of(new AudioPart.Silence(200)), autodial.compositeAudio().multiAudios());
        assertEquals(new ModeSettings.Fixed(3, Duration.ZERO, false), s.fixed());
        assertEquals(Optional.empty(), s.operators());
        assertEquals(7L, s.common().outScenarioId());
        assertEquals("pre", s.common().callerIdPrefix());
        assertEquals(Map.of(TriggerEvent.AUTODIAL_NOANSWER, List.of(2L)), s.common().triggerActions());
        assertTrue(s.common().removeAfterFinish());
    }

    @Test
    void aGuaranteedDialInSmartModeSharesOneSetOfOperatorLines() {
        CampaignSettings s = settings(CampaignDrafts.guaranteedDial("1000", "1001", "1000")
                .autodialerMode(CampaignMode.SMART).moh(53L).smartSpeed(-3));

        OperatorLines lines = new OperatorLines(null, List.of("1000", "1001"));
        assertEquals(new TypeSettings.GuaranteedDial(53L, lines, null, false), s.type());
        assertEquals(lines, ((ModeSettings.Smart) s.mode()).operators());
        assertEquals(Optional.of(lines), s.operators());
    }

    @Test
    void aGroupWinsOverLinesAndAVoiceRobotNeedsNoAudio() {
        CampaignSettings s = settings(CampaignDrafts.autodial().autodialerType(CampaignType.VOICE_ROBOT)
                .autodialerMode(CampaignMode.FREE).compositeAudio(null).voiceSecretaryId(25L).groupId(300L)
                .pseudoGroupOperators(List.of("9999")));

        assertEquals(new TypeSettings.VoiceRobot(25), s.type());
        assertEquals(Optional.of(new OperatorLines(300L, List.of())), s.operators());
    }

    @Test
    void everyTypeAndOperatorRuleHasTheSeedsMessage() {
        invalid("autodialerType is null", () -> CampaignValidator.type(null));
        invalid("autodialerMode is null", () -> CampaignValidator.mode(null));
        invalid("Wrong name", () -> CampaignValidator.name(" "));
        invalid("Wrong name", () -> CampaignValidator.name("x".repeat(46)));
        notFound("In scenario not found", () -> settings(CampaignDrafts.autodial().scenarioId(99L)));
        invalid("Not found in scenario and audio", () -> settings(CampaignDrafts.autodial().compositeAudio(List.of())));
        invalid("delay must be 0..3600, was 3601", () -> settings(CampaignDrafts.autodial().delay(Duration.ofSeconds(3601))));
        notFound("Not found text to speech settings", () -> settings(CampaignDrafts.autodial().ttsSettingsId(99L)));
        notFound("Moh not found", () -> settings(CampaignDrafts.guaranteedDial("1000").moh(99L)));
        invalid("Wrong audio type: moh", () -> settings(CampaignDrafts.guaranteedDial("1000").moh(1L)));
        invalid("voiceSecretaryId is null", () -> settings(CampaignDrafts.autodial().autodialerType(CampaignType.VOICE_ROBOT)));
        notFound("Voice secretary not found", () -> settings(CampaignDrafts.autodial()
                .autodialerType(CampaignType.VOICE_ROBOT).voiceSecretaryId(99L)));
        invalid("groupId and pseudoGroupOperators is null", () -> settings(CampaignDrafts.guaranteedDial()));
        notFound("Group not found", () -> settings(CampaignDrafts.guaranteedDial().groupId(99L)));
        invalid("Wrong group type", () -> settings(CampaignDrafts.guaranteedDial().groupId(301L)));
        invalid("Operator not found: 9999, 9998", () -> settings(CampaignDrafts.guaranteedDial("1000", "9999", "9998")));
    }

    @Test
    void everyCommonRuleHasTheSeedsMessage() {
        notFound("Not found out scenario", () -> settings(CampaignDrafts.autodial().outScenarioId(99L)));
        invalid("Wrong dates", () -> settings(CampaignDrafts.autodial().startDate(null)));
        invalid("Prefix is too long", () -> settings(CampaignDrafts.autodial().callerIdPrefix("p".repeat(21))));
        invalid("crmMode is null", () -> settings(CampaignDrafts.autodial().crmMode(null)));
        invalid("clientCalledMode is null", () -> settings(CampaignDrafts.autodial().clientCalledMode(null)));
        notFound("Trigger action not found", () -> settings(CampaignDrafts.autodial()
                .triggerActions(Map.of(TriggerEvent.AUTODIAL_FINISH, List.of(99L)))));
    }

    @Test
    void withoutOptionalFieldsTheSeedsDefaultsApply() {
        CampaignSettings s = settings(CampaignDrafts.autodial());

        assertNull(s.common().repeatCallsSettings());
        assertEquals(Map.of(), s.common().triggerActions());
        assertEquals(Duration.ZERO, s.autodial().delay());
        assertEquals(CrmMode.DONT_SEND, s.common().crmMode());
    }
}
