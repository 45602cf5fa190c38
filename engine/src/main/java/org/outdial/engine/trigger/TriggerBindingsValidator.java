package org.outdial.engine.trigger;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.campaign.References;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.event.TriggerEvent;

/** A draft's {@code triggerActions}: which handlers run on which event, by seed 004's rules. */
public final class TriggerBindingsValidator {

    /** Seed 004: "A maximum of 5 handlers can be attached to one event". */
    public static final int MAX_HANDLERS_PER_EVENT = 5;

    private final References references;

    public TriggerBindingsValidator(References references) {
        this.references = references;
    }

    /** The handler ids per event, each id once in the client's order; empty when none are bound. */
    public Map<TriggerEvent, List<Long>> bindings(Map<TriggerEvent, List<Long>> requested) {
        if (requested == null || requested.isEmpty()) {
            return Map.of();
        }
        Map<TriggerEvent, List<Long>> result = new EnumMap<>(TriggerEvent.class);
        for (Map.Entry<TriggerEvent, List<Long>> entry : requested.entrySet()) {
            result.put(entry.getKey(), handlers(entry.getKey(), entry.getValue()));
        }
        return result;
    }

    private List<Long> handlers(TriggerEvent event, List<Long> ids) {
        if (ids == null) {
            throw EngineException.invalid("triggerActionIds is null");
        }
        if (ids.size() > MAX_HANDLERS_PER_EVENT) {
            throw EngineException.invalid("Too many trigger actions");
        }
        Set<String> types = new HashSet<>();
        List<Long> unique = new ArrayList<>();
        for (Long id : ids) {
            if (id == null) {
                throw EngineException.invalid("triggerActionIds is null");
            }
            String actionType = references.triggerActionType(id)
                    .orElseThrow(() -> EngineException.notFound("Trigger action not found"));
            if (unique.contains(id)) {
                continue;
            }
            if (!types.add(actionType)) {
                throw EngineException.invalid("Few trigger actions with same type");
            }
            if (!references.compatible(actionType, event)) {
                throw EngineException.invalid("Not compatible trigger action");
            }
            unique.add(id);
        }
        return List.copyOf(unique);
    }
}
