package org.outdial.engine.number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.campaign.References;
import org.outdial.engine.error.EngineException;

/**
 * Checks the numbers of an ADD_NUMBERS (or ADD) request before anything is written: phones are
 * normalized, data cut to the seed's lengths, parameters and audios checked. A request with any
 * invalid phone is refused whole with "Wrong numbers" and the offending elements in data.
 */
public final class NumberIntake {

    /** Seed 004: at most 2500 characters of text or SSML per synthesis element. */
    static final int MAX_TTS_TEXT = 2500;

    /** What passed: unique numbers in request order (a later duplicate replaces an earlier one). */
    public record Accepted(List<NumberData> numbers) {
    }

    /** One number refused for its audios (the seed's "Wrong audios" data element). */
    public record AudioError(String phone, String error) {
    }

    private final References references;

    public NumberIntake(References references) {
        this.references = references;
    }

    /**
     * @param plain    the {@code numbers} array
     * @param withData the {@code numbersWithData} array
     * @param maxCount the most numbers one request may carry
     */
    public Accepted accept(CampaignType type, List<String> plain, List<NumberDraft> withData, int maxCount) {
        int count = (plain == null ? 0 : plain.size()) + (withData == null ? 0 : withData.size());
        if (count == 0) {
            throw EngineException.invalid("Numbers is null or empty");
        }
        if (count > maxCount) {
            throw EngineException.invalid("Too many numbers");
        }
        List<Object> wrong = new ArrayList<>();
        List<AudioError> audioErrors = new ArrayList<>();
        Map<String, NumberData> unique = new LinkedHashMap<>();
        if (plain != null) {
            for (String raw : plain) {
                String phone = PhoneNumbers.normalize(raw);
                if (phone == null) {
                    wrong.add(raw);
                } else {
                    unique.putIfAbsent(phone, NumberData.of(phone));
                }
            }
        }
        if (withData != null) {
            for (NumberDraft draft : withData) {
                String phone = draft == null ? null : PhoneNumbers.normalize(draft.phone());
                if (phone == null) {
                    wrong.add(draft);
                    continue;
                }
                String audioError = type == CampaignType.VOICE_ROBOT ? null : audioError(type, draft.audios());
                if (audioError != null) {
                    audioErrors.add(new AudioError(draft.phone(), audioError));
                    continue;
                }
                unique.remove(phone); // the element with data wins over a plain duplicate, and keeps its place last
                unique.put(phone, new NumberData(phone, cut(draft.name(), NumberData.MAX_NAME),
                        cut(draft.note(), NumberData.MAX_TEXT), cut(draft.link(), NumberData.MAX_TEXT),
                        params(draft.params()), type == CampaignType.VOICE_ROBOT ? List.of() : audios(draft.audios())));
            }
        }
        if (!wrong.isEmpty()) {
            throw EngineException.invalid("Wrong numbers", wrong);
        }
        if (!audioErrors.isEmpty()) {
            throw EngineException.invalid("Wrong audios", audioErrors);
        }
        return new Accepted(List.copyOf(unique.values()));
    }

    private static TreeMap<Integer, String> params(Map<String, String> raw) {
        TreeMap<Integer, String> params = new TreeMap<>();
        if (raw == null) {
            return params;
        }
        if (raw.size() > NumberData.MAX_PARAMS) {
            throw EngineException.invalid("Too many params");
        }
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            int key;
            try {
                key = Integer.parseInt(entry.getKey().strip());
            } catch (NumberFormatException e) {
                throw EngineException.invalid("Wrong parameter key");
            }
            if (key < 1 || key > NumberData.MAX_PARAMS) {
                throw EngineException.invalid("Wrong parameter key");
            }
            if (entry.getValue() != null) {
                params.put(key, cut(entry.getValue(), NumberData.MAX_TEXT));
            }
        }
        return params;
    }

    /** The seed's reason why a number's audios are wrong, or null when they are fine. */
    private String audioError(CampaignType type, List<NumberDraft.AudioDraft> audios) {
        if (audios == null || audios.isEmpty()) {
            return null;
        }
        // Seed 004: AUTODIAL takes at most 5 elements, 2 of them synthesis; GUARANTEED_DIAL one.
        int maxAudios = type == CampaignType.AUTODIAL ? 5 : 1;
        int maxTts = type == CampaignType.AUTODIAL ? 2 : 1;
        if (audios.size() > maxAudios) {
            return "Too many audios";
        }
        int tts = 0;
        for (NumberDraft.AudioDraft audio : audios) {
            if (audio == null) {
                return "Audio is null";
            }
            if (audio.id() != null) {
                String expected = type == CampaignType.AUTODIAL ? References.AUDIO_AUTODIAL : References.AUDIO_MELODY;
                var found = references.audioType(audio.id());
                if (found.isEmpty()) {
                    return "Audio not found by id";
                }
                if (!found.get().equals(expected)) {
                    return "Wrong type of audio";
                }
                continue;
            }
            if (audio.tts() == null) {
                return "Audio is empty";
            }
            if (++tts > maxTts) {
                return "Too many text to speech";
            }
            NumberDraft.TtsDraft t = audio.tts();
            if (t.text() == null && t.ssml() == null) {
                return "Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null";
            }
            if (t.ssml() != null) {
                String ssml = t.ssml().strip();
                if (ssml.length() > MAX_TTS_TEXT || !ssml.startsWith("<speak") || !ssml.endsWith("</speak>")) {
                    return "Text to speech \u2018ssml\u2019 not valid";
                }
            } else if (t.text().length() > MAX_TTS_TEXT || t.text().isBlank()) {
                return "Text to speech \u2018text\u2019 not valid";
            }
            if (t.settingsId() != null && !references.ttsProfileExists(t.settingsId())) {
                return "Text to speech settings not found by id";
            }
        }
        return null;
    }

    private static List<NumberAudio> audios(List<NumberDraft.AudioDraft> audios) {
        if (audios == null) {
            return List.of();
        }
        List<NumberAudio> result = new ArrayList<>(audios.size());
        for (NumberDraft.AudioDraft audio : audios) {
            // Seed 004: "if both are specified, id will be used"; for tts, "ssml will be used".
            if (audio.id() != null) {
                result.add(new NumberAudio.File(audio.id()));
            } else {
                NumberDraft.TtsDraft t = audio.tts();
                result.add(t.ssml() != null ? new NumberAudio.Tts(null, t.ssml().strip(), t.settingsId())
                        : new NumberAudio.Tts(t.text(), null, t.settingsId()));
            }
        }
        return result;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
