package org.outdial.engine.robot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outdial.engine.campaign.DynamicValue;
import org.outdial.engine.error.EngineException;
import org.outdial.media.dtmf.DtmfDigits;

/**
 * Reads and validates a robot script (docs/API.md, "Voice robot scripts"). Every refusal is
 * {@code Wrong script: } followed by where (the node and its field) and what is wrong, so a client
 * can fix a script of many nodes from the message alone. Unknown fields are refused, not ignored.
 * Integers must be JSON integers: a fraction, a boolean or a string of digits is refused.
 */
public final class ScriptParser {

    public static final int MAX_NODES = 500;
    public static final int MAX_AUDIO_PARTS = 20;
    public static final int MAX_TITLE_LENGTH = 100;
    public static final int MAX_TEXT_LENGTH = 1000;
    public static final int MAX_NODE_LIMIT = 1000;
    public static final int MAX_JUMP_LIMIT = 100;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final int MAX_RETRIES = 10;
    /** The composite audio's silence bounds (seed 004 min/maxMultiAudioSilenceMillis). */
    public static final int MAX_SILENCE_MILLIS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]*)}");
    private static final Set<String> ROOT_FIELDS = Set.of("nodes", "start", "nodeLimit", "jumpLimit", "ttsSettingsId");
    private static final Set<String> COMMON = Set.of("id", "type", "title", "endNodeType");

    private ScriptParser() {
    }

    public static RobotScript parse(String script) {
        JsonNode root;
        try {
            root = JSON.readTree(script);
        } catch (JsonProcessingException e) {
            throw wrong("not JSON");
        }
        if (root == null || !root.isObject() || !root.path("nodes").isArray()) {
            throw wrong("an object with a nodes array is expected");
        }
        unknownFields(root, ROOT_FIELDS, "");
        JsonNode list = root.get("nodes");
        if (list.isEmpty()) {
            throw wrong("nodes is empty");
        }
        if (list.size() > MAX_NODES) {
            throw wrong("nodes has " + list.size() + " elements, at most " + MAX_NODES + " are allowed");
        }
        Map<Integer, RobotNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            RobotNode node = node(list.get(i), i);
            if (nodes.putIfAbsent(node.id(), node) != null) {
                throw wrong("nodes[" + i + "]: id " + node.id() + " is repeated");
            }
        }
        int start = root.has("start") ? integer(root.get("start"), "start", 1, Integer.MAX_VALUE)
                : nodes.keySet().iterator().next();
        if (!nodes.containsKey(start)) {
            throw wrong("start " + start + " is not a node");
        }
        for (RobotNode node : nodes.values()) {
            for (Map.Entry<String, Integer> target : targets(node).entrySet()) {
                if (!nodes.containsKey(target.getValue())) {
                    throw wrong(at(node.id()) + target.getKey() + " " + target.getValue() + " is not a node");
                }
            }
        }
        int nodeLimit = root.has("nodeLimit") ? integer(root.get("nodeLimit"), "nodeLimit", 1, MAX_NODE_LIMIT)
                : RobotScript.DEFAULT_NODE_LIMIT;
        int jumpLimit = root.has("jumpLimit") ? integer(root.get("jumpLimit"), "jumpLimit", 0, MAX_JUMP_LIMIT)
                : RobotScript.DEFAULT_JUMP_LIMIT;
        Long tts = root.has("ttsSettingsId") && !root.get("ttsSettingsId").isNull()
                ? (long) integer(root.get("ttsSettingsId"), "ttsSettingsId", 1, Integer.MAX_VALUE) : null;
        return new RobotScript(nodes, start, nodeLimit, jumpLimit, tts);
    }

    /** The node ids a node may go to, by the field that names them ({@code branches.1}, {@code next}, ...). */
    static Map<String, Integer> targets(RobotNode node) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        switch (node) {
            case RobotNode.Play p -> {
                if (p.next() != null) {
                    targets.put("next", p.next());
                }
            }
            case RobotNode.Ask a -> {
                new java.util.TreeMap<>(a.branches()).forEach((digit, to) -> targets.put("branches." + digit, to));
                targets.put("onInvalid", a.onInvalid());
                targets.put("onTimeout", a.onTimeout());
            }
            case RobotNode.Jump j -> targets.put("to", j.to());
            case RobotNode.Transfer t -> { }
            case RobotNode.End e -> { }
        }
        return targets;
    }

    private static RobotNode node(JsonNode n, int index) {
        if (!n.isObject()) {
            throw wrong("nodes[" + index + "] must be an object");
        }
        if (!n.has("id")) {
            throw wrong("nodes[" + index + "]: id is null");
        }
        int id = integer(n.get("id"), "nodes[" + index + "].id", 1, Integer.MAX_VALUE);
        String where = at(id);
        String typeName = text(n, "type", where, 16);
        if (typeName == null) {
            throw wrong(where + "type is null");
        }
        String title = n.has("title") && !n.get("title").isNull() ? text(n, "title", where, MAX_TITLE_LENGTH)
                : "Action #" + id;
        if (title.isBlank()) {
            throw wrong(where + "title is empty");
        }
        EndNodeType endType = endType(n, where, typeName.equals("END"));
        return switch (typeName) {
            case "PLAY" -> {
                unknownFields(n, fields("audio", "audioId", "next"), where);
                if (n.has("audio") && n.has("audioId")) {
                    throw wrong(where + "audio and audioId are both given, give one");
                }
                List<RobotAudio> audio = n.has("audioId")
                        ? List.of(new RobotAudio.File(integer(n.get("audioId"), where + "audioId", 1, Integer.MAX_VALUE)))
                        : audio(n, "audio", where, true);
                yield new RobotNode.Play(id, title, endType, audio, optionalTarget(n, "next", where));
            }
            case "ASK" -> {
                unknownFields(n, fields("prompt", "timeoutSeconds", "retries", "branches", "onInvalid", "onTimeout",
                        "interruptible"), where);
                int timeout = n.has("timeoutSeconds")
                        ? integer(n.get("timeoutSeconds"), where + "timeoutSeconds", 1, MAX_TIMEOUT_SECONDS)
                        : DEFAULT_TIMEOUT_SECONDS;
                int retries = n.has("retries") ? integer(n.get("retries"), where + "retries", 0, MAX_RETRIES) : 0;
                boolean interruptible = true;
                if (n.has("interruptible")) {
                    if (!n.get("interruptible").isBoolean()) {
                        throw wrong(where + "interruptible must be true or false");
                    }
                    interruptible = n.get("interruptible").booleanValue();
                }
                yield new RobotNode.Ask(id, title, endType, audio(n, "prompt", where, false), Duration.ofSeconds(timeout),
                        retries, branches(n, where), target(n, "onInvalid", where), target(n, "onTimeout", where),
                        interruptible);
            }
            case "JUMP" -> {
                unknownFields(n, fields("to"), where);
                yield new RobotNode.Jump(id, title, endType, target(n, "to", where));
            }
            case "TRANSFER" -> {
                unknownFields(n, fields("groupId"), where);
                if (!n.has("groupId") || n.get("groupId").isNull()) {
                    throw wrong(where + "groupId is null");
                }
                yield new RobotNode.Transfer(id, title, endType,
                        integer(n.get("groupId"), where + "groupId", 1, Integer.MAX_VALUE));
            }
            case "END" -> {
                unknownFields(n, fields("audio"), where);
                yield new RobotNode.End(id, title, endType, audio(n, "audio", where, false));
            }
            default -> throw wrong(where + "type must be one of PLAY, ASK, JUMP, TRANSFER, END, was " + typeName);
        };
    }

    private static EndNodeType endType(JsonNode n, String where, boolean required) {
        if (!n.has("endNodeType") || n.get("endNodeType").isNull()) {
            if (required) {
                throw wrong(where + "endNodeType is null (an END node must name it)");
            }
            return EndNodeType.INTERMEDIATE;
        }
        String value = text(n, "endNodeType", where, 32);
        try {
            return EndNodeType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw wrong(where + "endNodeType must be one of INTERMEDIATE, END_SUCCESS, END_FAIL, BACKGROUND,"
                    + " BACKGROUND_DEFER, was " + value);
        }
    }

    private static Map<Character, Integer> branches(JsonNode n, String where) {
        JsonNode b = n.get("branches");
        if (b == null || b.isNull()) {
            throw wrong(where + "branches is null");
        }
        if (!b.isObject() || b.isEmpty()) {
            throw wrong(where + "branches must be an object of digit to node id, such as {\"1\": 2}");
        }
        Map<Character, Integer> branches = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.length() != 1 || !DtmfDigits.isDigit(key.charAt(0))) {
                throw wrong(where + "branches: key \"" + key + "\" must be one DTMF digit 0-9, *, #, A-D");
            }
            branches.put(key.charAt(0), integer(e.getValue(), where + "branches." + key, 1, Integer.MAX_VALUE));
        }
        return branches;
    }

    private static List<RobotAudio> audio(JsonNode n, String field, String where, boolean required) {
        JsonNode list = n.get(field);
        if (list == null || list.isNull()) {
            if (required) {
                throw wrong(where + field + " is null");
            }
            return List.of();
        }
        if (!list.isArray()) {
            throw wrong(where + field + " must be an array");
        }
        if (required && list.isEmpty()) {
            throw wrong(where + field + " is empty");
        }
        if (list.size() > MAX_AUDIO_PARTS) {
            throw wrong(where + field + " has " + list.size() + " elements, at most " + MAX_AUDIO_PARTS
                    + " are allowed");
        }
        List<RobotAudio> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            parts.add(part(list.get(i), where + field + "[" + i + "]"));
        }
        return parts;
    }

    private static RobotAudio part(JsonNode p, String where) {
        if (!p.isObject() || p.size() != 1) {
            throw wrong(where + " must be an object with one of id, silenceMillis, synthesisFromDynamicValue, tts");
        }
        String kind = p.fieldNames().next();
        JsonNode v = p.get(kind);
        return switch (kind) {
            case "id" -> new RobotAudio.File(integer(v, where + ".id", 1, Integer.MAX_VALUE));
            case "silenceMillis" -> new RobotAudio.Silence(integer(v, where + ".silenceMillis", 1, MAX_SILENCE_MILLIS));
            case "synthesisFromDynamicValue" -> {
                requireObject(v, where + ".synthesisFromDynamicValue", Set.of("dynamicValue", "settingsId"));
                String value = v.path("dynamicValue").isTextual() ? v.get("dynamicValue").asText() : null;
                if (value == null) {
                    throw wrong(where + ".synthesisFromDynamicValue.dynamicValue is null");
                }
                yield new RobotAudio.Synthesis(dynamicValue(value, where + ".synthesisFromDynamicValue.dynamicValue"),
                        settings(v, where + ".synthesisFromDynamicValue"));
            }
            case "tts" -> {
                requireObject(v, where + ".tts", Set.of("text", "settingsId"));
                if (!v.path("text").isTextual() || v.get("text").asText().isBlank()) {
                    throw wrong(where + ".tts.text is empty");
                }
                String text = v.get("text").asText();
                if (text.length() > MAX_TEXT_LENGTH) {
                    throw wrong(where + ".tts.text is longer than " + MAX_TEXT_LENGTH + " characters");
                }
                yield new RobotAudio.Speech(speechParts(text, where + ".tts.text"), settings(v, where + ".tts"));
            }
            default -> throw wrong(where + ": unknown field " + kind
                    + " (one of id, silenceMillis, synthesisFromDynamicValue, tts)");
        };
    }

    /** "Hello {NA}, you owe {P1}" as "Hello ", NA, ", you owe ", P1. */
    private static List<Object> speechParts(String text, String where) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                parts.add(text.substring(from, m.start()));
            }
            parts.add(dynamicValue(m.group(1), where + ": placeholder {" + m.group(1) + "}"));
            from = m.end();
        }
        if (from < text.length()) {
            parts.add(text.substring(from));
        }
        return parts;
    }

    private static DynamicValue dynamicValue(String value, String where) {
        try {
            return DynamicValue.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw wrong(where + " must be one of NA, NO, LI, P1..P10, was " + value);
        }
    }

    private static Long settings(JsonNode v, String where) {
        JsonNode s = v.get("settingsId");
        return s == null || s.isNull() ? null : (long) integer(s, where + ".settingsId", 1, Integer.MAX_VALUE);
    }

    private static void requireObject(JsonNode v, String where, Set<String> allowed) {
        if (!v.isObject()) {
            throw wrong(where + " must be an object");
        }
        unknownFields(v, allowed, where + ": ");
    }

    private static Integer optionalTarget(JsonNode n, String field, String where) {
        return n.has(field) && !n.get(field).isNull() ? target(n, field, where) : null;
    }

    private static int target(JsonNode n, String field, String where) {
        if (!n.has(field) || n.get(field).isNull()) {
            throw wrong(where + field + " is null");
        }
        return integer(n.get(field), where + field, 1, Integer.MAX_VALUE);
    }

    private static String text(JsonNode n, String field, String where, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrong(where + field + " must be a string");
        }
        if (v.asText().length() > max) {
            throw wrong(where + field + " is longer than " + max + " characters");
        }
        return v.asText();
    }

    private static int integer(JsonNode v, String name, int min, int max) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrong(name + " must be an integer " + min + ".." + max + ", was " + (v == null ? "null" : v));
        }
        long value = v.asLong();
        if (value < min || value > max) {
            throw wrong(name + " must be an integer " + min + ".." + max + ", was " + value);
        }
        return (int) value;
    }

    private static Set<String> fields(String... own) {
        Set<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(List.of(own));
        return all;
    }

    private static void unknownFields(JsonNode n, Set<String> allowed, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw wrong(where + "unknown field " + field);
            }
        }
    }

    static String at(int nodeId) {
        return "node " + nodeId + ": ";
    }

    static EngineException wrong(String what) {
        return EngineException.invalid("Wrong script: " + what);
    }
}
