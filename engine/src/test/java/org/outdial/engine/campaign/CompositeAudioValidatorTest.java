package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.outdial.engine.campaign.Refusals.invalid;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeAudioValidatorTest {

    private final CompositeAudioValidator validator = new CompositeAudioValidator(new KnownReferences()
            .audio(1, References.AUDIO_AUTODIAL).audio(2, References.AUDIO_MELODY).ttsProfile(7));

    private static CampaignDraft.AudioPartDraft synthesis(DynamicValue value, Long settingsId) {
        return new CampaignDraft.AudioPartDraft(null, null, new CampaignDraft.SynthesisDraft(value, settingsId));
    }

    @Test
    void partsKeepTheirOrderAndNoPartsIsNoAudio() {
        CompositeAudio audio = validator.compositeAudio(List.of(CampaignDrafts.silence(Duration.ofMillis(500)),
                CampaignDrafts.audio(1), synthesis(DynamicValue.NO, 7L)));

        assertEquals(List.of(new AudioPart.Silence(500), new AudioPart.File(1), new AudioPart.Synthesis(DynamicValue.NO, 7L)),
                audio.multiAudios());
        assertNull(validator.compositeAudio(List.of()));
        assertNull(validator.compositeAudio(null));
    }

    @Test
    void everySeedReasonIsNamed() {
        invalid("compositeAudio: too many audio parts",
                () -> validator.compositeAudio(Collections.nCopies(21, CampaignDrafts.silence(Duration.ofMillis(10)))));
        invalid("compositeAudio: audio part is null", () -> validator.compositeAudio(Arrays.asList(
                CampaignDrafts.silence(Duration.ofMillis(10)), null)));
        invalid("compositeAudio: audio part is empty",
                () -> validator.compositeAudio(List.of(new CampaignDraft.AudioPartDraft(null, null, null))));
        invalid("compositeAudio: audio not found", () -> validator.compositeAudio(List.of(CampaignDrafts.audio(9))));
        invalid("compositeAudio: audio type is not AUTODIAL", () -> validator.compositeAudio(List.of(CampaignDrafts.audio(2))));
        invalid("compositeAudio: invalid silenceMillis",
                () -> validator.compositeAudio(List.of(CampaignDrafts.silence(Duration.ofMillis(10_001)))));
        invalid("compositeAudio: invalid silenceMillis",
                () -> validator.compositeAudio(List.of(CampaignDrafts.silence(Duration.ZERO))));
        invalid("compositeAudio: invalid silenceMillis",
                () -> validator.compositeAudio(List.of(CampaignDrafts.silence(Duration.ofNanos(1_500_000)))));
        invalid("compositeAudio: synthesis dynamicValue is null", () -> validator.compositeAudio(List.of(synthesis(null, 7L))));
        invalid("compositeAudio: speech synthesis settings not found",
                () -> validator.compositeAudio(List.of(synthesis(DynamicValue.P1, 8L))));
    }

    @Test
    void synthesisNeedsItsOwnProfileOrTheAutodialers() {
        CompositeAudio withoutProfile = validator.compositeAudio(List.of(synthesis(DynamicValue.NA, null)));

        CompositeAudioValidator.requireSynthesisProfile(withoutProfile, 7L);
        invalid("compositeAudio: speech synthesis settings not found",
                () -> CompositeAudioValidator.requireSynthesisProfile(withoutProfile, null));
    }
}
