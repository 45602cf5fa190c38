package org.outdial.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.scenario.InAction;
import org.outdial.engine.scenario.InScenario;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.testing.ManualClock;

class OperatorsTest {

    private final DataSource db = TestStores.freshDatabase();
    private final ManualClock clock = ManualClock.at(Instant.parse("2024-05-01T10:00:00Z"));
    private final Operators operators = new Operators(db, clock);

    @Test
    void linesAreStoredWithTheirOperatorNames() {
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", "Alexander", "Maksimov"));
        operators.addPhone(new InnerPhone("1000", "s3cret-pass", null, " "));

        assertEquals(new InnerPhone("4030", "s3cret-pass", "Alexander", "Maksimov"), operators.findPhone("4030").orElseThrow());
        assertNull(operators.findPhone("1000").orElseThrow().lastName());
        assertEquals(Map.of("1000", "1000", "4030", "Alexander Maksimov"), operators.phoneNames());
        assertEquals(List.of("1000", "4030"), List.copyOf(operators.phoneNames().keySet()));
        assertRefused("Number already present", () -> operators.addPhone(new InnerPhone("4030", "another-pass", null, null)));
    }

    @Test
    void lineValuesAreChecked() {
        assertRefused("Wrong number", () -> new InnerPhone("40a0", "s3cret-pass", null, null));
        assertRefused("Wrong number", () -> new InnerPhone("", "s3cret-pass", null, null));
        assertRefused("Wrong password", () -> new InnerPhone("4030", "short", null, null));
        assertRefused("Wrong password", () -> new InnerPhone("4030", "has space in it", null, null));
        assertRefused("First name length more than 100 chars", () -> new InnerPhone("4030", "s3cret-pass", "x".repeat(101), null));
    }

    @Test
    void missingPhonesNamesTheUnknownNumbersInRequestOrder() {
        operators.addPhone(new InnerPhone("1000", "s3cret-pass", null, null));
        assertEquals(List.of("2000", "3000"), operators.missingPhones(List.of("2000", "1000", "3000", "2000")));
        assertEquals(List.of(), operators.missingPhones(List.of("1000")));
        assertEquals("Operator not found: 2000", Operators.operatorNotFound("2000"));
    }

    @Test
    void groupsHoldLinesAndOnlyGroupsOfInternalLinesTakeMembers() {
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", "Alexander", "Maksimov"));
        long sales = operators.addGroup("Sales department", GroupType.INNER_PHONES);
        long gsm = operators.addGroup("GSM gateway", GroupType.GSM);

        operators.addMember(sales, "4030");
        operators.addMember(sales, "4030");
        assertEquals(List.of("4030"), operators.findGroup(sales).orElseThrow().phones().stream().map(InnerPhone::number).toList());
        assertRefused(Operators.WRONG_GROUP_TYPE, () -> operators.addMember(gsm, "4030"));
        assertRefused("Operator not found: 9999", () -> operators.addMember(sales, "9999"));
        assertRefused(Operators.GROUP_NOT_FOUND, () -> operators.addMember(12345, "4030"));

        assertEquals(sales, operators.requireInnerPhonesGroup(sales).id());
        assertRefused(Operators.WRONG_GROUP_TYPE, () -> operators.requireInnerPhonesGroup(gsm));
        assertRefused(Operators.GROUP_NOT_FOUND, () -> operators.requireInnerPhonesGroup(12345));
        assertEquals(Map.of(sales, "Sales department", gsm, "GSM gateway"), operators.groupNames());

        operators.removeMember(sales, "4030");
        assertTrue(operators.findGroup(sales).orElseThrow().phones().isEmpty());
    }

    @Test
    void removingALineRemovesItFromItsGroups() {
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", null, null));
        long sales = operators.addGroup("Sales", GroupType.INNER_PHONES);
        operators.addMember(sales, "4030");
        operators.removePhone("4030");
        assertTrue(operators.groups().getFirst().phones().isEmpty());
        assertRefused("Operator not found: 4030", () -> operators.removePhone("4030"));
    }

    @Test
    void aGroupAnIncomingScenarioTransfersToCannotBeRemoved() {
        long sales = operators.addGroup("Sales", GroupType.INNER_PHONES);
        new Scenarios(db, clock, Set.of()).addIn(new InScenario(0, "To sales", InAction.TRANSFER_TO_GROUP, sales));
        assertRefused("Group is used by incoming scenario", () -> operators.removeGroup(sales));
        assertTrue(operators.findGroup(sales).isPresent());
    }

    @Test
    void groupNamesAreUnique() {
        long a = operators.addGroup("Sales", GroupType.INNER_PHONES);
        long b = operators.addGroup("Support", GroupType.INNER_PHONES);
        assertRefused("Name already present", () -> operators.addGroup("Sales", GroupType.GSM));
        assertRefused("Name already present", () -> operators.renameGroup(b, "Sales"));
        operators.renameGroup(a, "Sales 2");
        assertEquals("Sales 2", operators.findGroup(a).orElseThrow().name());
    }

    @Test
    void aWorkStatusIsStoredAndTheBoardIsTold() {
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", null, null));
        operators.addPhone(new InnerPhone("4031", "s3cret-pass", null, null));
        assertEquals(WorkStatus.WORK, operators.workStatus("4030"), "a new line works");
        List<String> told = new java.util.ArrayList<>();
        operators.onWorkStatus((line, status) -> told.add(line + "=" + status));

        operators.setWorkStatus("4030", WorkStatus.PAUS, null);

        assertEquals(List.of("4030=PAUS"), told);
        assertEquals(Map.of("4030", WorkStatus.PAUS, "4031", WorkStatus.WORK), operators.workStatuses());
        assertEquals(WorkStatus.PAUS, new Operators(db, clock).workStatus("4030"), "stored: survives a restart");
    }

    @Test
    void aWorkStatusNeedsAKnownLineAndNoCustomName() {
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", null, null));
        assertRefused("Operator not found: 9999", () -> operators.setWorkStatus("9999", WorkStatus.WORK, null));
        assertRefused("Operator not found: 9999", () -> operators.workStatus("9999"));
        assertRefused("status is null", () -> operators.setWorkStatus("4030", null, null));
        assertRefused("Status name not found: Cold Calling",
                () -> operators.setWorkStatus("4030", WorkStatus.WORK, "Cold Calling"));
        assertEquals(WorkStatus.WORK, operators.workStatus("4030"));
    }

    @Test
    void theRegistrarSeesAPasswordChangeAndARemovedLineAtOnce() {
        assertEquals(java.util.Optional.empty(), operators.passwordOf("4030"), "not a line yet (and remembered)");
        operators.addPhone(new InnerPhone("4030", "s3cret-pass", null, null));
        assertEquals(java.util.Optional.of("s3cret-pass"), operators.passwordOf("4030"));
        operators.updatePhone(new InnerPhone("4030", "another-pass", null, null));
        assertEquals(java.util.Optional.of("another-pass"), operators.passwordOf("4030"));
        operators.removePhone("4030");
        assertEquals(java.util.Optional.empty(), operators.passwordOf("4030"));
        assertEquals(java.util.Optional.empty(), operators.passwordOf(null));
    }
}
