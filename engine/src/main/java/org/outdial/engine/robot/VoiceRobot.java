package org.outdial.engine.robot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * A voice robot (UniTalk's "voice secretary", {@code voiceSecretaryId}): a script of nodes kept as
 * JSON text. Only its outline is checked here (a JSON object with a {@code nodes} array), so a row
 * stored by an earlier version still reads; {@link VoiceRobots} validates the node vocabulary when a
 * script is saved ({@link ScriptParser}) and the flow parses it again before each call.
 *
 * @param id     0 for a robot not stored yet
 * @param script a JSON object, at most 1,000,000 characters (the column's size)
 */
public record VoiceRobot(long id, String name, String script) {

    public static final int MAX_SCRIPT_LENGTH = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public VoiceRobot {
        name = EntityName.check(name);
        if (script == null || script.isBlank()) {
            throw EngineException.invalid("script is null");
        }
        if (script.length() > MAX_SCRIPT_LENGTH) {
            throw EngineException.invalid("Script is too long");
        }
        JsonNode root;
        try {
            root = JSON.readTree(script);
        } catch (JsonProcessingException e) {
            throw EngineException.invalid("Wrong script: not JSON");
        }
        if (root == null || !root.isObject() || !root.path("nodes").isArray()) {
            throw EngineException.invalid("Wrong script: an object with a nodes array is expected");
        }
    }

    public VoiceRobot withId(long newId) {
        return new VoiceRobot(newId, name, script);
    }
}
