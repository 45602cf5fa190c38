package org.outdial.api.jsonrpc;

import java.util.List;
import java.util.Set;
import org.outdial.engine.audio.AudioFile;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.tts.TtsProfile;
import org.outdial.engine.tts.TtsProfiles;

/**
 * Seed 001's messages ({@code contact_message}, {@code operator_message}: {@code type} media or
 * tts, and {@code value}) and dialing music ({@code media_file_id}) read into what the engine's
 * single call plays. A media file is an Outdial audio ({@code /api/audio/upload}); a message must
 * be one of the "API calls" section, as UniTalk's originateNew asks. A text is read by the
 * speech synthesis profile {@code json-rpc.tts-profile}, or the project's first.
 */
final class Messages {

    static final Set<String> FIELDS = Set.of("type", "value");
    private static final List<String> TYPES = List.of("media", "tts");

    private final AudioLibrary audios;
    private final TtsProfiles profiles;
    private final CallApiSettings settings;

    Messages(AudioLibrary audios, TtsProfiles profiles, CallApiSettings settings) {
        this.audios = audios;
        this.profiles = profiles;
        this.settings = settings;
    }

    /** The message in parameter {@code name} of {@code params}, or null when it was not given. */
    SingleCallAudios.Draft message(RpcParams params, String name, boolean required) {
        RpcParams message = params.object(name, required, FIELDS);
        if (message == null) {
            return null;
        }
        String type = message.oneOf("type", true, TYPES);
        String value = message.text("value", true);
        if (type.equals("media")) {
            long id;
            try {
                id = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw message.invalid("value");
            }
            AudioFile file = audios.find(id).orElseThrow(() -> message.refusal(RpcError.MEDIA_FILE_NOT_FOUND, "value")
                    .with("media_file_id", value));
            if (file.type() != AudioType.API) {
                throw message.invalid("value").with("reason", "the media file " + id
                        + " is not an audio of the API calls section (type API)");
            }
            return new SingleCallAudios.Draft(id, null);
        }
        if (value.isBlank()) {
            throw message.invalid("value");
        }
        if (value.length() > settings.ttsMaxLength()) {
            throw message.refusal(RpcError.TTS_TEXT_EXCEEDED, "value")
                    .with("tts_message_max_length", settings.ttsMaxLength())
                    .with("sent_tts_message_length", value.length());
        }
        return new SingleCallAudios.Draft(null, new SingleCallAudios.Tts(value, null, profile(message)));
    }

    /** Seed 001 {@code media_file_id}: the dialing music, by default the engine's hold tone ("Dialing Music"). */
    SingleCalls.Hold dialingMusic(RpcParams params) {
        Long id = params.integer("media_file_id", false);
        if (id == null) {
            return SingleCalls.Hold.DEFAULT;
        }
        if (audios.find(id).isEmpty()) {
            throw params.refusal(RpcError.MEDIA_FILE_NOT_FOUND, "media_file_id").with("media_file_id", id);
        }
        return SingleCalls.Hold.of(id);
    }

    private long profile(RpcParams message) {
        if (settings.ttsProfile() != 0) {
            return settings.ttsProfile();
        }
        return profiles.list().stream().map(TtsProfile::id).min(Long::compare)
                .orElseThrow(() -> message.refusal(RpcError.PARAMETER_NOT_SUPPORTED, "type").with("reason",
                        "Text-to-Speech needs a speech synthesis profile: add one (POST /api/ttsProfiles/action)"
                                + " or set json-rpc.tts-profile"));
    }
}
