package org.outdial.engine.campaign;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an autodialer's type adds to its settings (seed 004, "specific for ... type part"): the
 * audio an AUTODIAL plays, the operators a GUARANTEED_DIAL connects to, the robot a VOICE_ROBOT runs.
 * A new type is a new record here and a new call flow.
 */
public sealed interface TypeSettings {

    CampaignType autodialerType();

    /** The operator lines the type connects answered calls to, if it has any. */
    default Optional<OperatorLines> operatorLines() {
        return Optional.empty();
    }

    /**
     * AUTODIAL: audio on answer, then the incoming scenario.
     *
     * @param compositeAudio           the audio played on answer, or null for a scenario-only autodialer
     * @param scenarioId               incoming scenario run after the audio, or null
     * @param ttsSettingsId            speech synthesis profile, or null
     * @param useTaskAudioIfAudioError fall back to this audio when a number's own audio fails,
     *                                 instead of ending with AUDIO_ERR
     * @param delay                    between the end of the audio and the scenario, whole seconds
     */
    record Autodial(CompositeAudio compositeAudio, Long scenarioId, Long ttsSettingsId,
                    boolean useTaskAudioIfAudioError, Duration delay) implements TypeSettings {
        public Autodial {
            if (compositeAudio == null && scenarioId == null) {
                // Seed 004: "one of the compositeAudio and scenarioId parameters must be present".
                throw new IllegalArgumentException("an AUTODIAL autodialer needs compositeAudio or scenarioId");
            }
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public CampaignType autodialerType() {
            return CampaignType.AUTODIAL;
        }
    }

    /**
     * GUARANTEED_DIAL: answered calls go to operators, with music on hold while they wait.
     *
     * @param moh           music on hold (audio of type MELODY), or null
     * @param ttsSettingsId speech synthesis profile for the numbers' own audio, or null
     */
    record GuaranteedDial(Long moh, OperatorLines operators, Long ttsSettingsId, boolean useTaskAudioIfAudioError)
            implements TypeSettings {
        public GuaranteedDial {
            Objects.requireNonNull(operators, "operators");
        }

        @Override
        public CampaignType autodialerType() {
            return CampaignType.GUARANTEED_DIAL;
        }

        @Override
        public Optional<OperatorLines> operatorLines() {
            return Optional.of(operators);
        }
    }

    /** VOICE_ROBOT: runs the voice robot ("voice secretary") {@code voiceSecretaryId}. */
    record VoiceRobot(long voiceSecretaryId) implements TypeSettings {
        @Override
        public CampaignType autodialerType() {
            return CampaignType.VOICE_ROBOT;
        }
    }
}
