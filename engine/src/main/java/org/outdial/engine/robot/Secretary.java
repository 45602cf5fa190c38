package org.outdial.engine.robot;

import java.util.List;
import java.util.Objects;

/**
 * How a robot went on one call: the history's {@code secretary} object (seed 004 GET_CALLS_HISTORY).
 * Stored with the call record; GET_CALLS_HISTORY filters on {@code robotId}, {@code endNodeType}
 * and {@code endReason}.
 *
 * @param robotId         the voice robot ({@code id}, and {@code endVoiceSecretaryId}: no background robot runs)
 * @param durationSeconds from the answer to the robot's end, whole seconds
 * @param steps           the nodes passed, in order, the end node last
 */
public record Secretary(long robotId, int durationSeconds, EndNodeType endNodeType, EndReason endReason,
                        int endNodeId, String endNodeTitle, List<Step> steps) {

    public Secretary {
        Objects.requireNonNull(endNodeType, "endNodeType");
        Objects.requireNonNull(endReason, "endReason");
        steps = List.copyOf(steps);
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must be >= 0, was " + durationSeconds);
        }
    }

    /**
     * One node passed.
     *
     * @param jumpToNode the node was reached by a JUMP node (seed: "transition to a node using the
     *                   action 'Go to another node'")
     * @param digits     the DTMF digits pressed at the node, in order, empty when none (Outdial's
     *                   addition; the seed's {@code recognizedText} is for speech, which this
     *                   version does not recognise)
     */
    public record Step(int nodeId, String actionTitle, boolean jumpToNode, String digits) {
        public Step {
            Objects.requireNonNull(actionTitle, "actionTitle");
            Objects.requireNonNull(digits, "digits");
        }
    }
}
