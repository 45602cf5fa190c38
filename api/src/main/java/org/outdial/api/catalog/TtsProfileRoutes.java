package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.tts.TtsProfile;
import org.outdial.engine.tts.TtsProfiles;

/** /ttsProfiles/action: speech synthesis settings profiles (GET_WITH_DATA's {@code ttsSettings}). */
public final class TtsProfileRoutes implements RouteGroup {

    private enum Action { GET_LIST, ADD, UPDATE, REMOVE }

    /** speed and pitch default to espeak-ng's own defaults (175 words per minute, 50). */
    private record ProfileJson(Long id, String name, String voice, Integer speed, Integer pitch) {
        TtsProfile toProfile() {
            return new TtsProfile(id == null ? 0 : id, name, voice,
                    speed == null ? TtsProfile.DEFAULT_SPEED : speed, pitch == null ? TtsProfile.DEFAULT_PITCH : pitch);
        }
    }

    private final TtsProfiles profiles;

    public TtsProfileRoutes(TtsProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public void register(Router router) {
        router.post("/api/ttsProfiles/action", this::action);
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(profiles.list());
            case ADD -> Response.data(profiles.add(Actions.body(request, "profile", ProfileJson.class).toProfile()));
            case UPDATE -> {
                profiles.update(Actions.body(request, "profile", ProfileJson.class).toProfile());
                yield Response.success();
            }
            case REMOVE -> {
                profiles.remove(Actions.id(request));
                yield Response.success();
            }
        };
    }
}
