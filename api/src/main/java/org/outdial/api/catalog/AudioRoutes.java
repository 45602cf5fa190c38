package org.outdial.api.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Part;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.audio.AudioFile;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.audio.AudioSynthesis;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.audio.TtsRequestItem;
import org.outdial.engine.error.EngineException;

/** UniTalk's /audio/upload and /audio/tts, and /audio/action to list and remove files. */
public final class AudioRoutes implements RouteGroup {

    private enum Action { GET_LIST, REMOVE }

    /** One /audio/tts element as sent; every field may be missing. */
    private record TtsItemJson(String name, String type, TtsJson tts) {
        TtsRequestItem toItem() {
            return new TtsRequestItem(name, type, tts == null ? null
                    : new TtsRequestItem.Tts(tts.text(), tts.ssml(), tts.settingsId()));
        }
    }

    private record TtsJson(String text, String ssml, Long settingsId) {
    }

    /** A stored file as GET_LIST shows it; the server-side path stays private. */
    private record AudioJson(long id, String name, AudioType type, long durationMillis, boolean temp, String createdAt) {
        static AudioJson of(AudioFile f) {
            return new AudioJson(f.id(), f.name(), f.type(), f.durationMs(), f.temp(), f.createdAt().toString());
        }
    }

    private final AudioLibrary library;
    private final AudioSynthesis synthesis;

    public AudioRoutes(AudioLibrary library, AudioSynthesis synthesis) {
        this.library = library;
        this.synthesis = synthesis;
    }

    @Override
    public void register(Router router) {
        router.post("/api/audio/upload", this::upload)
                .post("/api/audio/tts", this::tts)
                .post("/api/audio/action", this::action);
    }

    private Response upload(Request request) {
        String type = request.formField("type").orElse(null);
        byte[] file = request.file("file").map(Part::content)
                .orElseThrow(() -> EngineException.invalid("file is null"));
        long id = library.upload(request.formField("name").orElse(null), type == null ? null : audioType(type),
                file, temp(request.formField("temp").orElse(null)));
        return Response.success(Long.toString(id));
    }

    private Response tts(Request request) throws JsonMappingException {
        List<TtsItemJson> data = request.bind("data", new TypeReference<List<TtsItemJson>>() {
        });
        List<TtsRequestItem> items = data == null ? null
                : data.stream().map(i -> i == null ? new TtsRequestItem(null, null, null) : i.toItem()).toList();
        return Response.success("Success", synthesis.synthesize(items));
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> {
                String type = request.bind("type", String.class);
                yield Response.data(library.list(type == null ? null : audioType(type)).stream().map(AudioJson::of).toList());
            }
            case REMOVE -> {
                library.remove(Actions.id(request));
                yield Response.success();
            }
        };
    }

    private static AudioType audioType(String name) {
        try {
            return AudioType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("Wrong type");
        }
    }

    /** UniTalk: "temp (Boolean) Optional parameter". */
    private static boolean temp(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpException.badRequest("Wrong value for 'temp': expected true or false");
        };
    }
}
