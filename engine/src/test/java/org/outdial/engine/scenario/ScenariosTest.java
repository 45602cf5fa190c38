package org.outdial.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.operator.GroupType;
import org.outdial.engine.operator.Operators;
import org.outdial.testing.ManualClock;

class ScenariosTest {

    private final DataSource db = TestStores.freshDatabase();
    private final ManualClock clock = ManualClock.at(Instant.parse("2024-05-01T10:00:00Z"));
    private final Operators operators = new Operators(db, clock);
    private final Scenarios scenarios = new Scenarios(db, clock, Set.of("main", "backup"));

    @Test
    void incomingScenarioTransfersOnlyToAGroupOfInternalLines() {
        long sales = operators.addGroup("Sales", GroupType.INNER_PHONES);
        long gsm = operators.addGroup("GSM", GroupType.GSM);

        long id = scenarios.addIn(new InScenario(0, "To sales", InAction.TRANSFER_TO_GROUP, sales));
        assertEquals(new InScenario(id, "To sales", InAction.TRANSFER_TO_GROUP, sales), scenarios.findIn(id).orElseThrow());
        assertRefused(Operators.WRONG_GROUP_TYPE,
                () -> scenarios.addIn(new InScenario(0, "To gsm", InAction.TRANSFER_TO_GROUP, gsm)));
        assertRefused(Operators.GROUP_NOT_FOUND,
                () -> scenarios.addIn(new InScenario(0, "Nowhere", InAction.TRANSFER_TO_GROUP, 9999L)));
        assertRefused("groupId is null", () -> new InScenario(0, "x", InAction.TRANSFER_TO_GROUP, null));
        assertRefused("Wrong scenario action", () -> new InScenario(0, "x", null, null));
        assertEquals(Map.of(id, "To sales"), scenarios.inNames());
    }

    @Test
    void hangupScenarioForgetsAnyGroup() {
        long id = scenarios.addIn(new InScenario(0, "Bye", InAction.HANGUP, 77L));
        assertNull(scenarios.findIn(id).orElseThrow().groupId());
    }

    @Test
    void updateAndRemoveUseTheSeedsNotFoundTexts() {
        long id = scenarios.addIn(new InScenario(0, "Bye", InAction.HANGUP, null));
        scenarios.updateIn(new InScenario(id, "Bye bye", InAction.HANGUP, null));
        assertEquals("Bye bye", scenarios.findIn(id).orElseThrow().name());
        assertRefused(Scenarios.IN_NOT_FOUND, () -> scenarios.updateIn(new InScenario(999, "x", InAction.HANGUP, null)));
        scenarios.removeIn(id);
        assertRefused("In scenario not found", () -> scenarios.removeIn(id));
        assertRefused("Not found out scenario", () -> scenarios.removeOut(5));
    }

    @Test
    void outgoingScenarioNamesAConfiguredTrunkAndCallerIdIsDigits() {
        long id = scenarios.addOut(new OutScenario(0, "From a fixed number", "main", "+44 (20) 7946-0000"));
        assertEquals(new OutScenario(id, "From a fixed number", "main", "442079460000"), scenarios.findOut(id).orElseThrow());
        assertRefused("Trunk not found", () -> scenarios.addOut(new OutScenario(0, "x", "nope", null)));
        assertRefused("Wrong caller ID", () -> new OutScenario(0, "x", "main", "abc"));
        assertRefused("Name already present", () -> scenarios.addOut(new OutScenario(0, "From a fixed number", "backup", null)));

        scenarios.updateOut(new OutScenario(id, "Backup route", "backup", null));
        assertEquals(new OutScenario(id, "Backup route", "backup", null), scenarios.findOut(id).orElseThrow());
        assertEquals(Map.of(id, "Backup route"), scenarios.outNames());
    }
}
