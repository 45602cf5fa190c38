package org.outdial.engine.campaign;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.outdial.engine.error.EngineException;

/** A draft's {@code groupId} or {@code pseudoGroupOperators}, checked against the stored groups and lines. */
public final class OperatorLinesValidator {

    private final References references;

    public OperatorLinesValidator(References references) {
        this.references = references;
    }

    public OperatorLines lines(CampaignDraft draft) {
        if (draft.groupId() != null) {
            // Seed 004: "If the parameter groupId is used, these params will be skipped."
            String groupType = references.groupType(draft.groupId())
                    .orElseThrow(() -> EngineException.notFound("Group not found"));
            if (!References.INNER_PHONES.equals(groupType)) {
                throw EngineException.invalid("Wrong group type");
            }
            return new OperatorLines(draft.groupId(), List.of());
        }
        List<String> lines = draft.pseudoGroupOperators();
        if (lines == null || lines.isEmpty()) {
            throw EngineException.invalid("groupId and pseudoGroupOperators is null");
        }
        List<String> missing = new ArrayList<>();
        for (String line : lines) {
            if (line == null || !references.operatorExists(line)) {
                missing.add(String.valueOf(line));
            }
        }
        if (!missing.isEmpty()) {
            throw EngineException.invalid("Operator not found: " + String.join(", ", missing));
        }
        return new OperatorLines(null, List.copyOf(new LinkedHashSet<>(lines)));
    }
}
