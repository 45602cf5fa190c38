package org.outdial.engine.campaign;

import java.time.Duration;
import org.outdial.engine.error.EngineException;

/** The type part of a draft: what seed 004 requires of an AUTODIAL, a GUARANTEED_DIAL and a VOICE_ROBOT. */
public final class TypeSettingsValidator {

    /** Seed 004 gives no bound for {@code delay}; Outdial caps it at an hour. */
    public static final int MAX_DELAY_SECONDS = 3600;

    private final References references;
    private final CompositeAudioValidator audio;
    private final OperatorLinesValidator operators;

    public TypeSettingsValidator(References references, OperatorLinesValidator operators) {
        this.references = references;
        this.audio = new CompositeAudioValidator(references);
        this.operators = operators;
    }

    public TypeSettings settings(CampaignDraft draft, CampaignType type) {
        return switch (type) {
            case AUTODIAL -> autodial(draft);
            case GUARANTEED_DIAL -> guaranteedDial(draft);
            case VOICE_ROBOT -> voiceRobot(draft);
        };
    }

    private TypeSettings.Autodial autodial(CampaignDraft draft) {
        if (draft.scenarioId() != null && !references.inScenarioExists(draft.scenarioId())) {
            throw EngineException.notFound("In scenario not found");
        }
        CompositeAudio compositeAudio = audio.compositeAudio(draft.compositeAudio());
        if (draft.scenarioId() == null && compositeAudio == null) {
            throw EngineException.invalid("Not found in scenario and audio");
        }
        Duration delay = Ranges.seconds("delay", draft.delay(), 0, MAX_DELAY_SECONDS);
        Long tts = ttsProfile(draft);
        CompositeAudioValidator.requireSynthesisProfile(compositeAudio, tts);
        return new TypeSettings.Autodial(compositeAudio, draft.scenarioId(), tts,
                Boolean.TRUE.equals(draft.useTaskAudioIfAudioError()), delay);
    }

    private TypeSettings.GuaranteedDial guaranteedDial(CampaignDraft draft) {
        if (draft.moh() != null) {
            String audioType = references.audioType(draft.moh())
                    .orElseThrow(() -> EngineException.notFound("Moh not found"));
            if (!References.AUDIO_MELODY.equals(audioType)) {
                throw EngineException.invalid("Wrong audio type: moh");
            }
        }
        OperatorLines lines = operators.lines(draft);
        return new TypeSettings.GuaranteedDial(draft.moh(), lines, ttsProfile(draft),
                Boolean.TRUE.equals(draft.useTaskAudioIfAudioError()));
    }

    private TypeSettings.VoiceRobot voiceRobot(CampaignDraft draft) {
        if (draft.voiceSecretaryId() == null) {
            throw EngineException.invalid("voiceSecretaryId is null");
        }
        if (!references.voiceRobotExists(draft.voiceSecretaryId())) {
            throw EngineException.notFound("Voice secretary not found");
        }
        return new TypeSettings.VoiceRobot(draft.voiceSecretaryId());
    }

    /** AUTODIAL and GUARANTEED_DIAL: the speech profile, when given, must exist. */
    private Long ttsProfile(CampaignDraft draft) {
        if (draft.ttsSettingsId() != null && !references.ttsProfileExists(draft.ttsSettingsId())) {
            throw EngineException.notFound("Not found text to speech settings");
        }
        return draft.ttsSettingsId();
    }
}
