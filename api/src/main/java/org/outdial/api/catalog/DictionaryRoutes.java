package org.outdial.api.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.audio.AudioType;
import org.outdial.engine.catalog.Catalog;

/**
 * UniTalk's {@code /dictionary?type=...}: "ID": "name" of the project's entities, for the types
 * Outdial has. Types of other areas (AUTODIAL_ALL, AUTODIAL_AUTODIALER, ...) are plugged in by
 * the composition root through {@code more}.
 */
public final class DictionaryRoutes implements RouteGroup {

    private final Map<String, Supplier<? extends Map<?, String>>> types = new LinkedHashMap<>();

    /**
     * @param more further types, for example {@code "AUTODIAL_ALL" -> autodialers::names}
     */
    public DictionaryRoutes(Catalog catalog, Map<String, Supplier<? extends Map<?, String>>> more) {
        types.put("INNER_PHONE", catalog.operators()::phoneNames);
        types.put("IN_SCENARIO", catalog.scenarios()::inNames);
        types.put("OUT_SCENARIO", catalog.scenarios()::outNames);
        types.put("TTS_PROFILE", catalog.ttsProfiles()::names);
        types.put("PHONE_GROUP", catalog.operators()::groupNames);
        types.put("TRIGGER_ACTION", catalog.triggerActions()::names);
        types.put("VOICE_ROBOT", catalog.voiceRobots()::names);
        types.put("AUDIO_ALL", () -> catalog.audio().names(null));
        for (AudioType type : AudioType.values()) {
            types.put("AUDIO_" + type.name(), () -> catalog.audio().names(type));
        }
        types.putAll(more);
    }

    /** The types this server answers. */
    public Set<String> types() {
        return types.keySet();
    }

    @Override
    public void register(Router router) {
        router.post("/api/dictionary", this::dictionary);
    }

    private Response dictionary(Request request) {
        String type = request.query("type").orElseThrow(() -> HttpException.badRequest("type is null"));
        Supplier<? extends Map<?, String>> names = types.get(type);
        if (names == null) {
            throw HttpException.badRequest("Wrong type").withData(types.keySet());
        }
        return Response.data(names.get());
    }
}
