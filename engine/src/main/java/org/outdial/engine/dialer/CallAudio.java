package org.outdial.engine.dialer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.outdial.engine.audio.AudioFile;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.campaign.AudioPart;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.TypeSettings;
import org.outdial.engine.campaign.DynamicValue;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberAudio;
import org.outdial.engine.number.NumberData;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.AudioCache;
import org.outdial.media.audio.AudioFileException;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.media.tts.TtsException;
import org.outdial.media.tts.TtsProfile;

/**
 * Builds what a call plays on answer, before it is dialed (the seed: "the synthesis process
 * occurs before the start of the call"): the number's own audios when it has them, otherwise the
 * autodialer's composite audio with dynamic values read from the number. Files are decoded once
 * (the media module's cache) and synthesis is cached by text and profile.
 */
public final class CallAudio {

    /** The audio could not be built; the call ends as AUDIO_ERR. */
    public static final class Unavailable extends Exception {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final AudioLibrary library;
    private final AudioCache cache;
    private final SpeechSynthesizer synthesizer;
    private final TtsProfiles profiles;

    public CallAudio(AudioLibrary library, AudioCache cache, SpeechSynthesizer synthesizer, TtsProfiles profiles) {
        this.library = library;
        this.cache = cache;
        this.synthesizer = synthesizer;
        this.profiles = profiles;
    }

    public AudioSource forNumber(Campaign campaign, AutodialNumber number) throws Unavailable {
        TypeSettings.Autodial settings = campaign.settings().autodial();
        List<NumberAudio> own = number.data().audios();
        if (!own.isEmpty()) {
            try {
                return numberAudio(settings.ttsSettingsId(), own);
            } catch (Unavailable e) {
                if (!settings.useTaskAudioIfAudioError()) {
                    throw e;
                }
                // Seed 004, useTaskAudioIfAudioError: true means "Use autodialer audio".
            }
        }
        return campaignAudio(settings, number.data());
    }

    /**
     * What a single call plays on answer (engine.call.SingleCalls): {@code audios} in order, each
     * synthesis with its own profile. Built before dialing, as every call's audio.
     */
    public AudioSource forAudios(List<NumberAudio> audios) throws Unavailable {
        return numberAudio(null, audios);
    }

    /**
     * What a GUARANTEED_DIAL call plays on answer before the operator: the number's own audio (seed
     * 004: at most one, a "Waiting melodies" audio or a synthesis), or nothing. On an audio error,
     * {@code useTaskAudioIfAudioError} means "Use autodialer audio", which for this type is none.
     */
    public AudioSource forGuaranteed(Campaign campaign, AutodialNumber number) throws Unavailable {
        TypeSettings.GuaranteedDial settings = (TypeSettings.GuaranteedDial) campaign.settings().type();
        List<NumberAudio> own = number.data().audios();
        if (own.isEmpty()) {
            return AudioSource.empty();
        }
        try {
            return numberAudio(settings.ttsSettingsId(), own);
        } catch (Unavailable e) {
            if (!settings.useTaskAudioIfAudioError()) {
                throw e;
            }
            return AudioSource.empty();
        }
    }

    /**
     * What the callee hears while waiting for an operator: the audio {@code mohId} (seed 004
     * {@code moh}), or, when there is none, silence with a short tone every few seconds.
     */
    public AudioSource onHold(Long mohId) throws Unavailable {
        return mohId == null ? HoldMusic.DEFAULT : file(mohId);
    }

    private AudioSource numberAudio(Long ttsSettingsId, List<NumberAudio> audios) throws Unavailable {
        List<AudioSource> parts = new ArrayList<>();
        for (NumberAudio audio : audios) {
            switch (audio) {
                case NumberAudio.File file -> parts.add(file(file.id()));
                case NumberAudio.Tts tts -> parts.add(speak(tts.ssml() != null ? AudioSynthesis.ssmlText(tts.ssml())
                        : tts.text(), tts.settingsId() != null ? tts.settingsId() : ttsSettingsId));
            }
        }
        return AudioSource.concat(parts);
    }

    private AudioSource campaignAudio(TypeSettings.Autodial settings, NumberData data) throws Unavailable {
        if (settings.compositeAudio() == null) {
            return AudioSource.empty(); // a scenario-only autodialer plays nothing before its scenario
        }
        List<AudioSource> parts = new ArrayList<>();
        for (AudioPart part : settings.compositeAudio().multiAudios()) {
            switch (part) {
                case AudioPart.File file -> parts.add(file(file.id()));
                case AudioPart.Silence silence -> parts.add(AudioSource.silence(Duration.ofMillis(silence.millis())));
                case AudioPart.Synthesis synthesis -> {
                    String text = value(synthesis.dynamicValue(), data);
                    if (text != null && !text.isBlank()) {
                        parts.add(speak(text, synthesis.settingsId() != null ? synthesis.settingsId()
                                : settings.ttsSettingsId()));
                    }
                }
            }
        }
        return AudioSource.concat(parts);
    }

    private AudioSource file(long id) throws Unavailable {
        Optional<AudioFile> audio = library.find(id);
        if (audio.isEmpty()) {
            throw new Unavailable("audio " + id + " not found");
        }
        try {
            return cache.load(audio.get().path());
        } catch (AudioFileException e) {
            throw new Unavailable("audio " + id + ": " + e.reason());
        }
    }

    private AudioSource speak(String text, Long profileId) throws Unavailable {
        if (profileId == null) {
            throw new Unavailable("no speech synthesis profile for \"" + abbreviate(text) + "\"");
        }
        var profile = profiles.find(profileId)
                .orElseThrow(() -> new Unavailable("speech synthesis profile " + profileId + " not found"));
        try {
            return synthesizer.synthesize(text, new TtsProfile(profile.voice(), profile.speed(), profile.pitch()));
        } catch (TtsException e) {
            throw new Unavailable("Text to speech failed: " + e.reason());
        }
    }

    private static String value(DynamicValue value, NumberData data) {
        return switch (value) {
            case NA -> data.name();
            case NO -> data.note();
            case LI -> data.link();
            default -> data.params().get(value.parameter());
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
