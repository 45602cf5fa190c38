package org.outdial.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrunkGateTest {

    private static final long SECOND = 1_000_000_000L;

    private static TrunkGate gate(int maxCalls, int maxCps) {
        return new TrunkGate(new TrunkSettings("t", "127.0.0.1", 5060, "udp", null, null, null, "", maxCalls, maxCps));
    }

    @Test
    void callsBeyondMaxCallsAreRefusedUntilOneEnds() {
        TrunkGate gate = gate(2, 100);

        assertEquals(Admission.ADMITTED, gate.tryAdmit(0));
        assertEquals(Admission.ADMITTED, gate.tryAdmit(1));
        assertEquals(Admission.TOO_MANY_CALLS, gate.tryAdmit(2));
        gate.release();
        assertEquals(Admission.ADMITTED, gate.tryAdmit(3));
        assertEquals(2, gate.inFlight());
    }

    @Test
    void atMostMaxCpsCallsStartInOneSecondThenTheBudgetRefills() {
        TrunkGate gate = gate(100, 3);

        assertEquals(Admission.ADMITTED, gate.tryAdmit(0));
        assertEquals(Admission.ADMITTED, gate.tryAdmit(10));
        assertEquals(Admission.ADMITTED, gate.tryAdmit(20));
        assertEquals(Admission.TOO_FAST, gate.tryAdmit(30));
        assertEquals(Admission.TOO_FAST, gate.tryAdmit(SECOND / 3 - 1), "one token takes a third of a second");
        assertEquals(Admission.ADMITTED, gate.tryAdmit(SECOND / 3 + 30));
        assertEquals(Admission.TOO_FAST, gate.tryAdmit(SECOND / 3 + 40));
    }

    @Test
    void aLongIdleTrunkDoesNotSaveUpMoreThanOneSecondOfCalls() {
        TrunkGate gate = gate(100, 2);
        gate.tryAdmit(0);

        long later = 60 * SECOND;
        assertEquals(Admission.ADMITTED, gate.tryAdmit(later));
        assertEquals(Admission.ADMITTED, gate.tryAdmit(later));
        assertEquals(Admission.TOO_FAST, gate.tryAdmit(later));
    }

    @Test
    void releasingWithoutACallIsABug() {
        assertThrows(IllegalStateException.class, () -> gate(1, 1).release());
    }
}
