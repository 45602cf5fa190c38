package org.outdial.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.outdial.engine.operator.OperatorState.BUSY_ELSEWHERE;
import static org.outdial.engine.operator.OperatorState.OFFERED;
import static org.outdial.engine.operator.OperatorState.OFFLINE;
import static org.outdial.engine.operator.OperatorState.PAUSED;
import static org.outdial.engine.operator.OperatorState.READY;
import static org.outdial.engine.operator.OperatorState.TALKING;
import static org.outdial.engine.operator.OperatorState.WRAP_UP;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.outdial.engine.operator.LinePresence.Status;
import org.outdial.engine.operator.OperatorState.Event;

class OperatorStateTest {

    /** Registered and at WORK: a line's rest is READY. */
    private static OperatorState working(OperatorState from, Event event) {
        return from.on(event, true, true);
    }

    @Test
    void aRegisteredWorkingLineIsReadyAndAnUnregisteredOneOffline() {
        assertEquals(READY, OFFLINE.on(Event.REGISTERED, true, true));
        assertEquals(PAUSED, OFFLINE.on(Event.REGISTERED, true, false));
        assertEquals(OFFLINE, OFFLINE.on(Event.WORK, false, true));
        assertEquals(OFFLINE, OFFLINE.on(Event.STOP, false, false));
        assertEquals(OFFLINE, OFFLINE.on(Event.UNREGISTERED, false, true));
        assertEquals(OFFLINE, OFFLINE.on(Event.UNREACHABLE, false, true));
        assertEquals(OFFLINE, READY.on(Event.UNREGISTERED, false, true));
        assertEquals(READY, READY.on(Event.REGISTERED, true, true));
        assertEquals(OFFLINE, PAUSED.on(Event.UNREGISTERED, false, false));
    }

    @Test
    void workStatusPausesAndResumesAnIdleLine() {
        assertEquals(PAUSED, READY.on(Event.STOP, true, false));
        assertEquals(READY, PAUSED.on(Event.WORK, true, true));
        assertEquals(PAUSED, PAUSED.on(Event.STOP, true, false));
        assertEquals(PAUSED, PAUSED.on(Event.REGISTERED, true, false));
        assertEquals(READY, READY.on(Event.WORK, true, true));
    }

    @Test
    void anOfferIsAnsweredTalkedAndEndsInWrapUpOrReady() {
        assertEquals(OFFERED, working(READY, Event.OFFER));
        assertEquals(TALKING, working(OFFERED, Event.ANSWER));
        assertEquals(READY, working(TALKING, Event.TALK_ENDED));
        assertEquals(WRAP_UP, working(TALKING, Event.TALK_ENDED_WRAP_UP));
        assertEquals(READY, working(WRAP_UP, Event.TIME_UP));
    }

    @Test
    void anOfferNotTakenLeavesTheLineWhereItRests() {
        assertEquals(READY, working(OFFERED, Event.NOT_TAKEN));
        assertEquals(PAUSED, OFFERED.on(Event.NOT_TAKEN, true, false));
        assertEquals(OFFLINE, OFFERED.on(Event.NOT_TAKEN, false, true));
        assertEquals(BUSY_ELSEWHERE, working(OFFERED, Event.BUSY));
        assertEquals(OFFLINE, OFFERED.on(Event.BUSY, false, true));
        assertEquals(OFFLINE, OFFERED.on(Event.UNREACHABLE, false, true));
        assertEquals(READY, working(BUSY_ELSEWHERE, Event.TIME_UP));
    }

    @Test
    void aClaimHoldsWhateverThePhoneOrTheOperatorDoesMeanwhile() {
        for (OperatorState held : new OperatorState[] {OFFERED, TALKING}) {
            assertEquals(held, held.on(Event.UNREGISTERED, false, true));
            assertEquals(held, held.on(Event.STOP, true, false));
            assertEquals(held, held.on(Event.REGISTERED, true, true));
            assertEquals(held, held.on(Event.WORK, true, true));
        }
        assertEquals(OFFLINE, TALKING.on(Event.TALK_ENDED, false, true));
        assertEquals(OFFLINE, TALKING.on(Event.TALK_ENDED_WRAP_UP, false, true));
        assertEquals(PAUSED, TALKING.on(Event.TALK_ENDED_WRAP_UP, true, false));
    }

    @Test
    void aWrapUpEndsEarlyWhenTheLineLeavesOrPausesAndMayTakeAReservedOffer() {
        assertEquals(OFFLINE, WRAP_UP.on(Event.UNREGISTERED, false, true));
        assertEquals(PAUSED, WRAP_UP.on(Event.STOP, true, false));
        assertEquals(WRAP_UP, working(WRAP_UP, Event.REGISTERED));
        assertEquals(WRAP_UP, working(WRAP_UP, Event.WORK));
        assertEquals(OFFERED, working(WRAP_UP, Event.OFFER));
        assertEquals(BUSY_ELSEWHERE, working(BUSY_ELSEWHERE, Event.REGISTERED));
        assertEquals(PAUSED, BUSY_ELSEWHERE.on(Event.STOP, true, false));
    }

    @Test
    void impossibleEventsThrowNamingTheStateAndTheEvent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> working(TALKING, Event.OFFER));
        assertEquals("operator line in state TALKING cannot take event OFFER", e.getMessage());
        assertThrows(IllegalStateException.class, () -> working(PAUSED, Event.OFFER));
        assertThrows(IllegalStateException.class, () -> OFFLINE.on(Event.OFFER, false, true));
        assertThrows(IllegalStateException.class, () -> working(READY, Event.ANSWER));
        assertThrows(IllegalStateException.class, () -> working(OFFERED, Event.OFFER));
        assertThrows(IllegalStateException.class, () -> working(OFFERED, Event.TALK_ENDED));
        assertThrows(IllegalStateException.class, () -> working(BUSY_ELSEWHERE, Event.OFFER));
        assertThrows(IllegalStateException.class, () -> working(READY, Event.TIME_UP));
        assertThrows(IllegalStateException.class, () -> working(WRAP_UP, Event.ANSWER));
    }

    @Test
    void presenceIsOnlineBusyOrOffline() {
        Set<OperatorState> busy = EnumSet.of(OFFERED, TALKING, WRAP_UP, BUSY_ELSEWHERE);
        for (OperatorState state : OperatorState.values()) {
            Status expected = state == OFFLINE ? Status.OFFLINE : busy.contains(state) ? Status.BUSY : Status.ONLINE;
            assertEquals(expected, state.presence(), state.name());
        }
    }
}
