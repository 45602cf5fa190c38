package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.NumberState;
import org.outdial.sip.outcome.Outcome;

class OutcomeStatesTest {

    @Test
    void autodialOutcomesMapToTheSeedsStates() {
        assertEquals(NumberState.ANSW_RJCT, OutcomeStates.forAutodial(Outcome.ANSWERED));
        assertEquals(NumberState.BUSY, OutcomeStates.forAutodial(Outcome.BUSY));
        assertEquals(NumberState.BUSY, OutcomeStates.forAutodial(Outcome.REJECTED), "603 is the callee's reset");
        assertEquals(NumberState.NOANSWER, OutcomeStates.forAutodial(Outcome.NO_ANSWER));
        assertEquals(NumberState.NOT_EXIST, OutcomeStates.forAutodial(Outcome.NOT_EXIST));
        assertEquals(NumberState.WRONG_DIR, OutcomeStates.forAutodial(Outcome.WRONG_DIRECTION));
        assertEquals(NumberState.BUSYOUT, OutcomeStates.forAutodial(Outcome.CONGESTION));
        assertEquals(NumberState.FAIL, OutcomeStates.forAutodial(Outcome.FAILED));
        assertEquals(NumberState.FAIL, OutcomeStates.forAutodial(Outcome.CANCELLED));
    }

    @Test
    void everyOutcomeLeavesAFinishedCallState() {
        for (Outcome outcome : Outcome.values()) {
            assertTrue(OutcomeStates.forAutodial(outcome).callState(), outcome.name());
        }
    }

    @Test
    void everyStateAReachableOutcomeLeavesFiresItsEvent() {
        for (Outcome outcome : Outcome.values()) {
            NumberState state = OutcomeStates.forAutodial(outcome);
            assertTrue(OutcomeStates.eventFor(state).isPresent(), state.name());
        }
    }

    @Test
    void eventsAreTheSeedsNamesForTheState() {
        assertEquals(Optional.of(TriggerEvent.AUTODIAL_CALL_FAIL), OutcomeStates.eventFor(NumberState.FAIL));
        assertEquals(Optional.of(TriggerEvent.AUTODIAL_NUMBER_BLOCKED), OutcomeStates.eventFor(NumberState.BLOCKED));
        assertEquals(Optional.of(TriggerEvent.AUTODIAL_ANSW_RJCT), OutcomeStates.eventFor(NumberState.ANSW_RJCT));
        assertEquals(Optional.of(TriggerEvent.AUTODIAL_CLIENT_CALLED), OutcomeStates.eventFor(NumberState.CLIENT_CALLED));
        // Every other state with an event is named AUTODIAL_<state>.
        Set<NumberState> renamed = EnumSet.of(NumberState.FAIL, NumberState.BLOCKED);
        for (NumberState state : NumberState.values()) {
            Optional<TriggerEvent> event = OutcomeStates.eventFor(state);
            if (event.isPresent() && !renamed.contains(state)) {
                assertEquals("AUTODIAL_" + state.name(), event.get().name());
            }
        }
    }

    @Test
    void statesWithoutAPerNumberEventHaveNone() {
        for (NumberState state : EnumSet.of(NumberState.NEW, NumberState.DIALING, NumberState.CANCEL,
                NumberState.AUTOCANCEL, NumberState.VOICE_MAIL)) {
            assertEquals(Optional.empty(), OutcomeStates.eventFor(state), state.name());
        }
    }

    @Test
    void everyEventForANumberStateConcernsANumber() {
        for (NumberState state : NumberState.values()) {
            OutcomeStates.eventFor(state).ifPresent(e -> assertTrue(e.concernsNumber(), e.name()));
        }
    }
}
