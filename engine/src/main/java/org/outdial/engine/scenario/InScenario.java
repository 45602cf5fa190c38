package org.outdial.engine.scenario;

import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * An incoming scenario ("Main with IVR"): what happens when the client stays on the line after an
 * AUTODIAL autodialer's audio ({@code scenarioId}).
 *
 * @param id      0 for a scenario not stored yet
 * @param groupId the group of internal lines for {@link InAction#TRANSFER_TO_GROUP}; null otherwise
 */
public record InScenario(long id, String name, InAction action, Long groupId) {

    public InScenario {
        name = EntityName.check(name);
        if (action == null) {
            throw EngineException.invalid("Wrong scenario action");
        }
        if (action == InAction.TRANSFER_TO_GROUP && groupId == null) {
            throw EngineException.invalid("groupId is null");
        }
        if (action == InAction.HANGUP) {
            groupId = null;
        }
    }

    public InScenario withId(long newId) {
        return new InScenario(newId, name, action, groupId);
    }
}
