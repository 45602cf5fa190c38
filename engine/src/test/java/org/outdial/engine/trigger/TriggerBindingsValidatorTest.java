package org.outdial.engine.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.outdial.engine.campaign.Refusals.invalid;
import static org.outdial.engine.campaign.Refusals.notFound;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.KnownReferences;
import org.outdial.engine.event.TriggerEvent;

class TriggerBindingsValidatorTest {

    private final KnownReferences references = new KnownReferences()
            .triggerAction(1, "WEBHOOK").triggerAction(2, "TELEGRAM").triggerAction(3, "WEBHOOK")
            .triggerAction(4, "CRM").numberEventsOnly("CRM");
    private final TriggerBindingsValidator validator = new TriggerBindingsValidator(references);

    private Map<TriggerEvent, List<Long>> bind(TriggerEvent event, List<Long> ids) {
        Map<TriggerEvent, List<Long>> requested = new HashMap<>();
        requested.put(event, ids);
        return validator.bindings(requested);
    }

    @Test
    void handlersAreBoundOnceEachInTheClientsOrder() {
        assertEquals(Map.of(TriggerEvent.AUTODIAL_FINISH, List.of(2L, 1L)),
                bind(TriggerEvent.AUTODIAL_FINISH, List.of(2L, 1L, 2L)));
        assertEquals(Map.of(), validator.bindings(null));
    }

    @Test
    void everySeedRuleHasItsMessage() {
        invalid("triggerActionIds is null", () -> bind(TriggerEvent.AUTODIAL_FINISH, null));
        invalid("triggerActionIds is null", () -> bind(TriggerEvent.AUTODIAL_FINISH, Arrays.asList(1L, null)));
        invalid("Too many trigger actions", () -> bind(TriggerEvent.AUTODIAL_FINISH, List.of(1L, 2L, 3L, 4L, 1L, 2L)));
        notFound("Trigger action not found", () -> bind(TriggerEvent.AUTODIAL_FINISH, List.of(99L)));
        invalid("Few trigger actions with same type", () -> bind(TriggerEvent.AUTODIAL_BUSY, List.of(1L, 3L)));
        invalid("Not compatible trigger action", () -> bind(TriggerEvent.AUTODIAL_FINISH, List.of(4L)));
    }
}
