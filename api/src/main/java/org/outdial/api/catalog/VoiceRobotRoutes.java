package org.outdial.api.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.outdial.api.http.Json;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.robot.VoiceRobot;
import org.outdial.engine.robot.VoiceRobots;

/** /voiceRobots/action: voice robot scripts (GET_WITH_DATA's {@code voiceSecretaries}). */
public final class VoiceRobotRoutes implements RouteGroup {

    private enum Action { GET_LIST, ADD, UPDATE, REMOVE }

    /** The script travels as a JSON object, not as a string holding JSON. */
    private record RobotJson(Long id, String name, JsonNode script) {
        VoiceRobot toRobot() {
            return new VoiceRobot(id == null ? 0 : id, name, script == null || script.isNull() ? null : script.toString());
        }

        static RobotJson of(VoiceRobot r) {
            try {
                return new RobotJson(r.id(), r.name(), Json.mapper().readTree(r.script()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("voice robot " + r.id() + " has a stored script that is not JSON", e);
            }
        }
    }

    private final VoiceRobots robots;

    public VoiceRobotRoutes(VoiceRobots robots) {
        this.robots = robots;
    }

    @Override
    public void register(Router router) {
        router.post("/api/voiceRobots/action", this::action);
    }

    private Response action(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(robots.list().stream().map(RobotJson::of).toList());
            case ADD -> Response.data(robots.add(Actions.body(request, "robot", RobotJson.class).toRobot()));
            case UPDATE -> {
                robots.update(Actions.body(request, "robot", RobotJson.class).toRobot());
                yield Response.success();
            }
            case REMOVE -> {
                robots.remove(Actions.id(request));
                yield Response.success();
            }
        };
    }
}
