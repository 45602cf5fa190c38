package org.outdial.engine.number;

import java.util.List;
import java.util.Map;

/**
 * One element of ADD_NUMBERS {@code numbersWithData} as the client sent it (field names are the
 * seed's). A plain {@code numbers} entry becomes a draft with only the phone.
 */
public record NumberDraft(String phone, String name, String note, String link, Map<String, String> params,
                          List<AudioDraft> audios) {

    public static NumberDraft phoneOnly(String phone) {
        return new NumberDraft(phone, null, null, null, null, null);
    }

    /** One {@code audios} element as sent: an audio id or speech synthesis. */
    public record AudioDraft(Long id, TtsDraft tts) {
    }

    /** {@code tts} as sent. */
    public record TtsDraft(String text, String ssml, Long settingsId) {
    }
}
