package org.outdial.engine.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.tts.TtsProfile;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.media.tts.TtsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UniTalk's /audio/tts: synthesizes up to five texts and stores each as an audio file. Each
 * element succeeds or fails on its own, with the seed's per-element error texts; only malformed
 * requests and a second simultaneous request are refused whole.
 *
 * <p>SSML: the seed requires it to "start and end with the speak tag". Outdial strips the markup
 * and speaks the text, instead of passing SSML to espeak-ng ({@code -m}): espeak-ng understands
 * only part of SSML and silently reads unsupported tags in some versions, while plain text always
 * sounds the same. Prosody and break tags are therefore not honoured yet.
 */
public final class AudioSynthesis {

    /** UniTalk /audio/tts: "A maximum of 5 voicings per 1 request is allowed." */
    public static final int MAX_ITEMS = 5;
    /** UniTalk: "the text to be voiced cannot exceed 4960 characters". */
    public static final int MAX_TEXT_LENGTH = 4960;
    /** UniTalk: ssml "Cannot exceed 5000 characters". */
    public static final int MAX_SSML_LENGTH = 5000;

    // The seed's texts, with its typographic quotes (U+2018, U+2019) kept as they are.
    public static final String TEXT_AND_SSML_NULL = "Text to speech \u2018text\u2019 and \u2018ssml\u2019 is null";
    public static final String TEXT_NOT_VALID = "Text to speech \u2018text\u2019 not valid";
    public static final String SSML_NOT_VALID = "Text to speech \u2018ssml\u2019 not valid";
    public static final String SETTINGS_ID_NULL = "Text to speech \u2018settingsId\u2019 is null";

    private static final Logger log = LoggerFactory.getLogger(AudioSynthesis.class);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final AudioLibrary library;
    private final TtsProfiles profiles;
    private final SpeechSynthesizer synthesizer;
    /** Outdial is one project: one /audio/tts request at a time. */
    private final ReentrantLock running = new ReentrantLock();

    public AudioSynthesis(AudioLibrary library, TtsProfiles profiles, SpeechSynthesizer synthesizer) {
        this.library = Objects.requireNonNull(library, "library");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
    }

    /**
     * Synthesizes and stores every element in order; each stored one gets its id, each failed one
     * its error.
     *
     * @param data the request's {@code data} array; null when absent
     */
    public List<TtsResult> synthesize(List<TtsRequestItem> data) {
        if (data == null) {
            throw EngineException.invalid("data is null");
        }
        if (data.isEmpty()) {
            throw EngineException.invalid("data is empty");
        }
        if (data.size() > MAX_ITEMS) {
            throw new EngineException(EngineException.Kind.TOO_LARGE, "Too many elements in data");
        }
        if (!running.tryLock()) {
            throw EngineException.busy("Allowed only one simultaneous text to speech request per project");
        }
        try {
            List<TtsResult> results = new ArrayList<>(data.size());
            for (TtsRequestItem item : data) {
                results.add(one(item));
            }
            return results;
        } finally {
            running.unlock();
        }
    }

    private TtsResult one(TtsRequestItem item) {
        String name = item == null ? null : item.name();
        try {
            return TtsResult.ok(name, synthesizeAndStore(item));
        } catch (EngineException e) {
            return TtsResult.failed(name, e.getMessage());
        } catch (TtsException e) {
            log.warn("Text to speech failed for '{}': {}", name, e.reason());
            return TtsResult.failed(name, TtsException.MESSAGE);
        } catch (RuntimeException e) {
            log.error("Text to speech of '{}' failed unexpectedly", name, e);
            return TtsResult.failed(name, "Internal error");
        }
    }

    private long synthesizeAndStore(TtsRequestItem item) {
        if (item == null || item.type() == null) {
            throw EngineException.invalid("type is null");
        }
        AudioType type = type(item.type());
        String name = EntityName.check(item.name());
        if (library.nameTaken(name)) {
            throw EngineException.conflict(AudioLibrary.SAME_NAME);
        }
        TtsRequestItem.Tts tts = item.tts();
        if (tts == null) {
            throw EngineException.invalid("tts is null");
        }
        String text = spokenText(tts);
        if (tts.settingsId() == null) {
            throw EngineException.invalid(SETTINGS_ID_NULL);
        }
        Optional<TtsProfile> profile = profiles.find(tts.settingsId());
        if (profile.isEmpty()) {
            throw EngineException.notFound(TtsProfiles.NOT_FOUND);
        }
        TtsProfile p = profile.get();
        short[] samples = synthesizer.synthesize(text, new org.outdial.media.tts.TtsProfile(p.voice(), p.speed(), p.pitch()))
                .samples();
        return library.store(name, type, samples, false);
    }

    /** What espeak-ng is given: the SSML's text when there is SSML (the seed: "ssml will be used"). */
    private static String spokenText(TtsRequestItem.Tts tts) {
        if (tts.text() == null && tts.ssml() == null) {
            throw EngineException.invalid(TEXT_AND_SSML_NULL);
        }
        if (tts.ssml() != null) {
            String ssml = tts.ssml().strip();
            if (ssml.length() > MAX_SSML_LENGTH || !ssml.startsWith("<speak") || !ssml.endsWith("</speak>")) {
                throw EngineException.invalid(SSML_NOT_VALID);
            }
            String text = ssmlText(ssml);
            if (text.isEmpty()) {
                throw EngineException.invalid(SSML_NOT_VALID);
            }
            return text;
        }
        String text = tts.text().strip();
        if (text.isEmpty() || tts.text().length() > MAX_TEXT_LENGTH) {
            throw EngineException.invalid(TEXT_NOT_VALID);
        }
        return text;
    }

    /** The words of an SSML document, markup stripped, as espeak-ng is given them. */
    public static String ssmlText(String ssml) {
        return unescape(BLANKS.matcher(TAG.matcher(ssml).replaceAll(" ")).replaceAll(" ")).strip();
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static AudioType type(String name) {
        try {
            return AudioType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("Wrong type");
        }
    }
}
