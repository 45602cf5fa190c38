package org.outdial.engine.robot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A voice robot's script, validated ({@link ScriptParser}): its nodes by id, where it starts, the
 * bounds every call's walk is held to, and the speech profile its synthesis uses by default.
 *
 * @param nodeLimit     nodes a call may pass through; one more ends it with NODE_LIMIT
 * @param jumpLimit     JUMP nodes a call may pass; one more ends it with JUMP_LIMIT
 * @param ttsSettingsId the profile of synthesis parts that name none, or null
 */
public record RobotScript(Map<Integer, RobotNode> nodes, int start, int nodeLimit, int jumpLimit,
                          Long ttsSettingsId) {

    public static final int DEFAULT_NODE_LIMIT = 100;
    public static final int DEFAULT_JUMP_LIMIT = 10;

    public RobotScript {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        if (!nodes.containsKey(start)) {
            throw new IllegalArgumentException("start " + start + " is not a node");
        }
    }

    public RobotNode node(int id) {
        return Objects.requireNonNull(nodes.get(id), () -> "no node " + id);
    }

    /** Every node's audio, in node order: what must be built before a call is dialed. */
    public Map<Integer, List<RobotAudio>> audios() {
        Map<Integer, List<RobotAudio>> audios = new LinkedHashMap<>();
        for (RobotNode node : nodes.values()) {
            switch (node) {
                case RobotNode.Play p -> audios.put(p.id(), p.audio());
                case RobotNode.Ask a -> audios.put(a.id(), a.prompt());
                case RobotNode.End e -> audios.put(e.id(), e.audio());
                case RobotNode.Jump j -> { }
                case RobotNode.Transfer t -> { }
            }
        }
        return audios;
    }
}
