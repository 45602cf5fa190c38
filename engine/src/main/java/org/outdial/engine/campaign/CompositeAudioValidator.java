package org.outdial.engine.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.outdial.engine.error.EngineException;

/** A draft's {@code compositeAudio.multiAudios}, checked part by part (seed 004, error "compositeAudio"). */
public final class CompositeAudioValidator {

    private final References references;

    public CompositeAudioValidator(References references) {
        this.references = references;
    }

    /** The audio, or null when the draft has no parts. */
    public CompositeAudio compositeAudio(List<CampaignDraft.AudioPartDraft> draft) {
        if (draft == null || draft.isEmpty()) {
            return null;
        }
        if (draft.size() > CompositeAudio.MAX_PARTS) {
            throw refused("too many audio parts");
        }
        List<AudioPart> parts = new ArrayList<>();
        for (CampaignDraft.AudioPartDraft part : draft) {
            parts.add(part(part));
        }
        return new CompositeAudio(parts);
    }

    /**
     * Seed 004: "For correct audio synthesis, it is necessary to have one of the parameters
     * settingsId of the synthesis part and ttsSettingsId of the autodialer."
     */
    public static void requireSynthesisProfile(CompositeAudio audio, Long ttsSettingsId) {
        if (audio == null || ttsSettingsId != null) {
            return;
        }
        for (AudioPart part : audio.multiAudios()) {
            if (part instanceof AudioPart.Synthesis s && s.settingsId() == null) {
                throw refused("speech synthesis settings not found");
            }
        }
    }

    private AudioPart part(CampaignDraft.AudioPartDraft part) {
        if (part == null) {
            throw refused("audio part is null");
        }
        if (part.id() != null) {
            String audioType = references.audioType(part.id()).orElseThrow(() -> refused("audio not found"));
            if (!References.AUDIO_AUTODIAL.equals(audioType)) {
                throw refused("audio type is not AUTODIAL");
            }
            return new AudioPart.File(part.id());
        }
        if (part.silence() != null) {
            return new AudioPart.Silence(silenceMillis(part.silence()));
        }
        if (part.synthesis() != null) {
            CampaignDraft.SynthesisDraft synthesis = part.synthesis();
            if (synthesis.dynamicValue() == null) {
                throw refused("synthesis dynamicValue is null");
            }
            if (synthesis.settingsId() != null && !references.ttsProfileExists(synthesis.settingsId())) {
                throw refused("speech synthesis settings not found");
            }
            return new AudioPart.Synthesis(synthesis.dynamicValue(), synthesis.settingsId());
        }
        throw refused("audio part is empty");
    }

    /** Seed 004: "silenceMillis value is not in range from 1 to 10 000". */
    private static int silenceMillis(Duration silence) {
        long millis = silence.toMillis();
        if (!Duration.ofMillis(millis).equals(silence)
                || millis < CompositeAudio.MIN_SILENCE_MILLIS || millis > CompositeAudio.MAX_SILENCE_MILLIS) {
            throw refused("invalid silenceMillis");
        }
        return (int) millis;
    }

    private static EngineException refused(String reason) {
        // Seed 004 lists the error as "compositeAudio" with these reasons; Outdial names both.
        return EngineException.invalid("compositeAudio: " + reason);
    }
}
