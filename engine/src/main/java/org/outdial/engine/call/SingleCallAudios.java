package org.outdial.engine.call;

import java.util.ArrayList;
import java.util.List;
import org.outdial.engine.audio.AudioFile;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.NumberAudio;
import org.outdial.engine.tts.TtsProfiles;

/**
 * What a single call plays, checked as seed 004 checks originateNew's {@code audios}: at most 5
 * elements, at most 2 of them synthesis, files of the "API calls" section, synthesis with a
 * profile of the project. Every message is the seed's, after "audios: ".
 */
public final class SingleCallAudios {

    /** Seed 004: "Maximum of 5 elements, of which the maximum of voicings is 2". */
    public static final int MAX_AUDIOS = 5;
    public static final int MAX_TTS = 2;
    /** Seed 004: "text to be voiced cannot exceed 4960 characters", ssml "Cannot exceed 5000 characters". */
    public static final int MAX_TEXT = 4960;
    public static final int MAX_SSML = 5000;

    /** One element of {@code audios} as the client sent it: a file id, or a synthesis; either may be null. */
    public record Draft(Long id, Tts tts) {
    }

    /** Seed 004 {@code tts}: text or SSML (SSML wins), and the synthesis profile, which cannot be null. */
    public record Tts(String text, String ssml, Long settingsId) {
    }

    private final AudioLibrary library;
    private final TtsProfiles profiles;

    public SingleCallAudios(AudioLibrary library, TtsProfiles profiles) {
        this.library = library;
        this.profiles = profiles;
    }

    /** The audios to play, in order, or the seed's error naming the first wrong element's fault. */
    public List<NumberAudio> check(List<Draft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            return List.of();
        }
        if (drafts.size() > MAX_AUDIOS) {
            throw refused("Too many audios");
        }
        List<NumberAudio> audios = new ArrayList<>(drafts.size());
        int tts = 0;
        for (Draft draft : drafts) {
            if (draft == null) {
                throw refused("Audio is null");
            }
            if (draft.id() != null) {
                // Seed 004: "If both id and tts are not null, id will be used."
                AudioFile file = library.find(draft.id()).orElseThrow(() -> refused("Audio not found by id"));
                if (file.type() != AudioType.API) {
                    throw refused("Wrong type of audio");
                }
                audios.add(new NumberAudio.File(draft.id()));
                continue;
            }
            if (draft.tts() == null) {
                throw refused("Audio is empty");
            }
            if (++tts > MAX_TTS) {
                throw refused("Too many text to speech");
            }
            audios.add(synthesis(draft.tts()));
        }
        return List.copyOf(audios);
    }

    private NumberAudio synthesis(Tts t) {
        if (t.text() == null && t.ssml() == null) {
            throw refused("Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null");
        }
        if (t.ssml() != null) {
            // Seed 004: "If both text and ssml fields are specified, ssml will be used"; "Must start and end with the speak tag".
            String ssml = t.ssml().strip();
            if (ssml.length() > MAX_SSML || !ssml.startsWith("<speak") || !ssml.endsWith("</speak>")) {
                throw refused("Text to speech \u2018ssml\u2019 not valid");
            }
        } else if (t.text().length() > MAX_TEXT || t.text().isBlank()) {
            throw refused("Text to speech \u2018text\u2019 not valid");
        }
        if (t.settingsId() == null) {
            throw refused("Text to speech \u2018settingsId\u2019 is null");
        }
        if (profiles.find(t.settingsId()).isEmpty()) {
            throw refused("Text to speech settings not found by id");
        }
        return t.ssml() != null ? new NumberAudio.Tts(null, t.ssml().strip(), t.settingsId())
                : new NumberAudio.Tts(t.text(), null, t.settingsId());
    }

    static EngineException refused(String reason) {
        return EngineException.invalid("audios: " + reason);
    }
}
