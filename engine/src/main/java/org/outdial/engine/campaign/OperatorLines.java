package org.outdial.engine.campaign;

import java.util.List;

/**
 * Where answered calls go: a group of internal lines, or the lines themselves (seed 004,
 * {@code groupId} and {@code pseudoGroupOperators}: "If the parameter groupId is used, these
 * params will be skipped"). GUARANTEED_DIAL autodialers and the FREE and SMART modes have one.
 *
 * @param groupId the group, or null when the lines are listed
 * @param lines   the lines when there is no group, each once, in the client's order; empty with a group
 */
public record OperatorLines(Long groupId, List<String> lines) {

    public OperatorLines {
        lines = List.copyOf(lines);
        if (groupId == null && lines.isEmpty()) {
            throw new IllegalArgumentException("operator lines need a groupId or at least one line");
        }
        if (groupId != null && !lines.isEmpty()) {
            throw new IllegalArgumentException("operator lines have a groupId or lines, not both");
        }
    }
}
