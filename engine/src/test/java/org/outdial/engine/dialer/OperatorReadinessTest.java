package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.outdial.engine.operator.OperatorClaims.Claim;

/** The queue of waiting callees: the oldest gets the operator who becomes free, across campaigns. */
class OperatorReadinessTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private final FakeOperators operators = new FakeOperators();
    private final OperatorReadiness readiness = OperatorReadiness.of(operators);

    private OperatorReadiness.Turn join(long campaign, int waitedSecondsAgo, String... lines) {
        return readiness.join(T0.minusSeconds(waitedSecondsAgo),
                () -> operators.claim(campaign, List.of(lines), null, T0));
    }

    @Test
    void theCalleeWaitingLongestGetsTheOperatorWhoBecomesFreeWhateverOrderTheyJoinedIn() {
        OperatorReadiness.Turn young = join(1, 1, "2001");
        OperatorReadiness.Turn old = join(2, 5, "2001");
        OperatorReadiness.Turn middle = join(1, 3, "2001");
        assertEquals(3, readiness.waiting());

        operators.ready("2001");

        assertTrue(old.claimed().isDone(), "the oldest callee holds the operator");
        assertFalse(middle.claimed().isDone());
        assertFalse(young.claimed().isDone());
        assertEquals(Optional.of("2001"), readiness.leave(old).map(Claim::line));
        assertEquals(2, readiness.waiting());

        operators.ready("2002"); // nobody waits for this line: the queue keeps its order
        assertFalse(middle.claimed().isDone());
        assertEquals(Optional.empty(), readiness.leave(young), "one that gives up leaves with nothing");
        assertEquals(Optional.empty(), readiness.leave(middle));
        assertEquals(0, readiness.waiting());
    }

    @Test
    void anOlderCalleeWhoseLinesAreBusyDoesNotHoldBackAYoungerOneWhoseLineIsFree() {
        OperatorReadiness.Turn old = join(1, 9, "2001");
        operators.ready("2002");

        OperatorReadiness.Turn young = join(2, 1, "2002");

        assertTrue(young.claimed().isDone(), "claimed at once: nobody older could take 2002");
        assertFalse(old.claimed().isDone());
        assertEquals(Optional.of("2002"), readiness.leave(young).map(Claim::line));
        assertEquals(Optional.empty(), readiness.leave(old));
    }

    @Test
    void aCalleeJoiningWhileAnOperatorIsReadyTakesThemAfterOlderOnesTried() {
        operators.ready("2001", "2002");
        OperatorReadiness.Turn first = join(1, 2, "2001", "2002");
        OperatorReadiness.Turn second = join(1, 1, "2001", "2002");

        assertEquals(Optional.of("2001"), readiness.leave(first).map(Claim::line), "longest idle first");
        assertEquals(Optional.of("2002"), readiness.leave(second).map(Claim::line));
    }
}
