package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.OperatorLines;
import org.outdial.engine.pacing.PacingSnapshot.OperatorRoom;

class FreePacerTest {

    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00.250Z");
    private static final int PLENTY = 1000;
    private static final Pacer PACER = Pacer.of(CampaignMode.FREE);

    private static PacingSnapshot free(Double multiplier, int inFlight, OperatorRoom operators, int freeLines,
                                       int allowedNow) {
        ModeSettings.OperatorPacing pacing = new ModeSettings.OperatorPacing(multiplier, 5, Duration.ofSeconds(60),
                Duration.ofSeconds(15), true);
        return new PacingSnapshot(new ModeSettings.Free(new OperatorLines(null, List.of("100")), pacing),
                new PacingSnapshot.CampaignCalls(inFlight, null, false), new PacingSnapshot.TrunkRoom(freeLines, allowedNow),
                operators, PacingSnapshot.CallStatistics.NONE);
    }

    private static PacingSnapshot free(int ready, int withCalls, int inFlight) {
        return free(null, inFlight, new OperatorRoom(ready, withCalls, 0), PLENTY, PLENTY);
    }

    @Test
    void nobodyReadyStartsNothingAndSaysItWaitsForOperators() {
        PacingDecision decision = PACER.decide(free(0, 0, 0), NOW);
        assertEquals(PacingDecision.WAIT_FOR_OPERATORS, decision);
        assertEquals(true, decision.waitingForOperators());
        assertEquals(PacingDecision.WAIT_FOR_OPERATORS, PACER.decide(free(0, 3, 3), NOW), "all of them talking");
    }

    @Test
    void startsOneCallPerReadyOperatorThenWaits() {
        assertEquals(new PacingDecision(4, null), PACER.decide(free(4, 0, 0), NOW));
        assertEquals(PacingDecision.WAIT_FOR_EVENT, PACER.decide(free(4, 0, 4), NOW));
    }

    @Test
    void callsWithAnOperatorDoNotCountAgainstTheReadyOnes() {
        // 10 operators: 3 talking on this campaign's calls, 7 ready; 5 calls out without one.
        assertEquals(new PacingDecision(2, null), PACER.decide(free(7, 3, 8), NOW));
        // Calls out for more than are ready (some just answered by people while operators took others).
        assertEquals(PacingDecision.WAIT_FOR_EVENT, PACER.decide(free(2, 3, 8), NOW));
    }

    @Test
    void theTrunkCapsTheCalls() {
        assertEquals(new PacingDecision(3, null), PACER.decide(free(null, 0, new OperatorRoom(10, 0, 0), 3, PLENTY), NOW));
        assertEquals(new PacingDecision(2, Instant.parse("2024-06-03T10:00:01Z")),
                PACER.decide(free(null, 0, new OperatorRoom(10, 0, 0), PLENTY, 2), NOW));
        assertEquals(new PacingDecision(0, Instant.parse("2024-06-03T10:00:01Z")),
                PACER.decide(free(null, 0, new OperatorRoom(10, 0, 0), PLENTY, 0), NOW));
    }

    @Test
    void theColdBaseMultiplierActsFullyAtTheStartAndFadesAsTheBaseIsDialed() {
        // docs/PACING.md's examples: floor(ready × (m + (1 − m) × p)).
        assertEquals(15, FreePacer.target(10, 1.5, 0));
        assertEquals(12, FreePacer.target(10, 1.5, 0.5));
        assertEquals(10, FreePacer.target(10, 1.5, 1));
        assertEquals(5, FreePacer.target(10, 0.5, 0));
        assertEquals(7, FreePacer.target(10, 0.5, 0.5));
        assertEquals(11, FreePacer.target(10, 1.1, 0), "no binary-fraction loss");
        assertEquals(10, FreePacer.target(10, 1.1, 0.5));
        assertEquals(1, FreePacer.target(10, 0.1, 0));
        assertEquals(5, FreePacer.target(10, 0.1, 0.5));
        assertEquals(10, FreePacer.target(10, null, 0.3));
        assertEquals(1, FreePacer.target(3, 0.1, 0), "at least one call while anyone is ready");
        assertEquals(0, FreePacer.target(0, 1.5, 0));
    }

    @Test
    void theMultiplierSetsHowManyCallsAreStarted() {
        assertEquals(new PacingDecision(15, null), PACER.decide(free(1.5, 0, new OperatorRoom(10, 0, 0), PLENTY, PLENTY), NOW));
        assertEquals(new PacingDecision(2, null), PACER.decide(free(0.5, 0, new OperatorRoom(4, 0, 0.0), PLENTY, PLENTY), NOW));
        assertEquals(new PacingDecision(3, null), PACER.decide(free(1.5, 7, new OperatorRoom(8, 0, 0.5), PLENTY, PLENTY), NOW),
                "8 ready × 1.25 = 10, 7 already out");
    }

    @Test
    void freePacingNeedsFreeSettings() {
        PacingSnapshot fixed = new PacingSnapshot(new ModeSettings.Fixed(1, Duration.ZERO, false),
                new PacingSnapshot.CampaignCalls(0, null, false), new PacingSnapshot.TrunkRoom(1, 1), OperatorRoom.NONE,
                PacingSnapshot.CallStatistics.NONE);
        assertThrows(IllegalArgumentException.class, () -> PACER.decide(fixed, NOW));
    }

    @Test
    void theOperatorRoomIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new OperatorRoom(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OperatorRoom(0, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new OperatorRoom(0, 0, Double.NaN));
        assertEquals(0.25, OperatorRoom.share(25, 100));
        assertEquals(0.0, OperatorRoom.share(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PacingDecision(1, null, true));
    }
}
