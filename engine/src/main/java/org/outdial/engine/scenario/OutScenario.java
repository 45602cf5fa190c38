package org.outdial.engine.scenario;

import java.util.regex.Pattern;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * An outgoing scenario ("From a fixed number"): which configured trunk an autodialer's calls go
 * out through and with which caller ID ({@code outScenarioId}).
 *
 * @param id       0 for a scenario not stored yet
 * @param trunk    the name of a trunk from the configuration ({@code trunks[].name})
 * @param callerId digits (an international number without '+', or a short trunk-side number),
 *                 1..32; null to use the trunk's own {@code caller-id}
 */
public record OutScenario(long id, String name, String trunk, String callerId) {

    /** Third-party characters are removed, as UniTalk does with every number. */
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

    public OutScenario {
        name = EntityName.check(name);
        if (trunk == null || trunk.isBlank() || trunk.length() > 100) {
            throw EngineException.invalid("Trunk not found");
        }
        trunk = trunk.strip();
        if (callerId != null && !callerId.isBlank()) {
            callerId = NOT_DIGIT.matcher(callerId).replaceAll("");
            if (callerId.isEmpty() || callerId.length() > 32) {
                throw EngineException.invalid("Wrong caller ID");
            }
        } else {
            callerId = null;
        }
    }

    public OutScenario withId(long newId) {
        return new OutScenario(newId, name, trunk, callerId);
    }
}
