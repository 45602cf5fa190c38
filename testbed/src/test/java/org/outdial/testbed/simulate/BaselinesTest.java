package org.outdial.testbed.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.Outlook.Activity;
import org.outdial.engine.pacing.PacingSnapshot;

class BaselinesTest {

    private static final Instant MORNING = Instant.parse("2026-01-05T08:00:00Z");

    /** A snapshot with {@code team} operators, {@code ringing} unanswered and {@code waiting} answered calls without one. */
    private static PacingSnapshot snapshot(List<Activity> team, int ringing, int waiting, int withCalls,
                                           long ended, Outlook.Tally today, Instant now) {
        List<Outlook.Operator> operators = new ArrayList<>();
        for (Activity a : team) {
            operators.add(new Outlook.Operator(a, now, a == Activity.WRAP_UP ? now.plusSeconds(15) : null));
        }
        List<Outlook.Call> calls = new ArrayList<>();
        for (int i = 0; i < ringing; i++) {
            calls.add(new Outlook.Call(now, null));
        }
        for (int i = 0; i < waiting; i++) {
            calls.add(new Outlook.Call(now, now));
        }
        int ready = Collections.frequency(team, Activity.READY);
        return new PacingSnapshot(PacingSimulation.Setup.free().settings(),
                new PacingSnapshot.CampaignCalls(ringing + waiting + withCalls, null, false),
                new PacingSnapshot.TrunkRoom(1000, 1000), new PacingSnapshot.OperatorRoom(ready, withCalls, 0),
                new PacingSnapshot.CallStatistics(ended, today.liveAnswered(), today.abandoned()),
                new Outlook(operators, calls, Outlook.Measured.NONE,
                        new Outlook.Abandonment(today, today, 3.0, 5, Duration.ofSeconds(2))));
    }

    private static List<Activity> team(int ready, int talking, int wrapUp) {
        List<Activity> team = new ArrayList<>(Collections.nCopies(ready, Activity.READY));
        team.addAll(Collections.nCopies(talking, Activity.TALKING));
        team.addAll(Collections.nCopies(wrapUp, Activity.WRAP_UP));
        return team;
    }

    @Test
    void progressiveKeepsOneCallWithoutAnOperatorPerReadyOperator() {
        ProgressiveDialing progressive = new ProgressiveDialing();
        assertEquals(4, progressive.callsToStart(snapshot(team(6, 3, 1), 1, 1, 3, 0, Outlook.Tally.NONE, MORNING), MORNING));
        assertEquals(0, progressive.callsToStart(snapshot(team(2, 3, 1), 2, 1, 3, 0, Outlook.Tally.NONE, MORNING), MORNING));
        assertEquals(0, progressive.callsToStart(snapshot(team(0, 10, 0), 0, 0, 10, 0, Outlook.Tally.NONE, MORNING), MORNING));
    }

    @Test
    void freeIsWithinOnePointOfTheProgressiveBaseline() {
        for (int team : new int[] {5, 20}) {
            Workload w = Workload.gridCell(team, 0.2, 11);
            SimulationResult free = PacingSimulation.free(w);
            SimulationResult progressive = PacingSimulation.run(w, new ProgressiveDialing());
            assertEquals(progressive.occupancy(), free.occupancy(), 0.01, free + " vs " + progressive);
            assertEquals(0, progressive.abandoned());
        }
    }

    @Test
    void aFixedRatioKeepsThatManyCallsInFlightPerLoggedInOperator() {
        FixedRatioDialing ratio = new FixedRatioDialing(2.0);
        // 10 operators: 20 in flight wanted; 3 talking, 4 ringing, 1 waiting are 8.
        assertEquals(12, ratio.callsToStart(snapshot(team(6, 3, 1), 4, 1, 3, 0, Outlook.Tally.NONE, MORNING), MORNING));
        assertEquals(0, ratio.callsToStart(snapshot(team(0, 10, 0), 10, 0, 10, 0, Outlook.Tally.NONE, MORNING), MORNING));
        assertEquals("ratio 2.0", ratio.name());
        assertThrows(IllegalArgumentException.class, () -> new FixedRatioDialing(0.5));
    }

    @Test
    void aFixedRatioAbandonsMoreAsMoreAnswer() {
        SimulationResult low = PacingSimulation.run(Workload.gridCell(20, 0.1, 3), new FixedRatioDialing(2.0));
        SimulationResult high = PacingSimulation.run(Workload.gridCell(20, 0.4, 3), new FixedRatioDialing(2.0));
        assertTrue(high.abandonedPercent() > low.abandonedPercent() + 10, low + " vs " + high);
    }

    @Test
    void vicidialPlacesLevelTimesAgentsMinusCallsInFlightEveryTwoAndAHalfSeconds() {
        VicidialAdaptiveDialing vicidial = new VicidialAdaptiveDialing();
        // 10 agents, 2 of them in wrap-up (PAUSED in the disposition screen): 8 counted at level 1.0.
        assertEquals(5, vicidial.callsToStart(snapshot(team(5, 3, 2), 0, 0, 3, 0, Outlook.Tally.NONE, MORNING), MORNING));
        Instant second = MORNING.plusSeconds(1);
        assertEquals(0, vicidial.callsToStart(snapshot(team(5, 3, 2), 0, 0, 3, 0, Outlook.Tally.NONE, second), second),
                "AST_VDauto_dial.pl's loop is 2.5 s");
        Instant loop = MORNING.plusMillis(2500);
        assertEquals(3, vicidial.callsToStart(snapshot(team(5, 3, 2), 2, 0, 3, 0, Outlook.Tally.NONE, loop), loop));
    }

    @Test
    void vicidialRaisesItsLevelByTheReadyShareEveryFifteenSecondsUpToItsMaximum() {
        VicidialAdaptiveDialing vicidial = new VicidialAdaptiveDialing();
        List<Double> levels = new ArrayList<>();
        for (int s = 0; s <= 60; s++) {
            Instant now = MORNING.plusSeconds(s);
            // Always 10 agents, 5 ready and 5 talking, nobody waiting: differential 5 over 10 agents.
            vicidial.callsToStart(snapshot(team(5, 5, 0), 0, 0, 5, 0, Outlook.Tally.NONE, now), now);
            levels.add(vicidial.dialLevel());
        }
        assertEquals(1.0, levels.get(14), "not before the 16th loop");
        assertEquals(1.5, levels.get(15), 1e-9);
        assertEquals(2.25, levels.get(30), 1e-9);
        assertEquals(3.0, levels.get(45), 1e-9, "adaptive_maximum_level caps 3.375");
    }

    @Test
    void vicidialLowersItsLevelWhenCallsWaitForAgents() {
        VicidialAdaptiveDialing vicidial = new VicidialAdaptiveDialing(3.0, 3.0, 2100, 0, 0, 2.0);
        for (int s = 0; s <= 15; s++) {
            Instant now = MORNING.plusSeconds(s);
            // 10 agents talking, 4 answered calls waiting: differential -4 over 10.
            vicidial.callsToStart(snapshot(team(0, 10, 0), 0, 4, 10, 0, Outlook.Tally.NONE, now), now);
        }
        assertEquals(1.2, vicidial.dialLevel(), 1e-9);
    }

    @Test
    void vicidialTapersOnlyWhenTodaysDropsAreOverTheLimitAndMoreAsTheLatestTimeNears() {
        Outlook.Tally overLimit = new Outlook.Tally(100, 5); // 5 % of answers dropped, over 3 %
        Outlook.Tally underLimit = new Outlook.Tally(100, 2);
        assertEquals(3.0, levelAfter16Loops("2026-01-05T08:00:00Z", overLimit), 1e-9,
                "at 08:00 the latest time 21:00 is over 1000 HHMM away: rate 1, no taper");
        assertEquals(1.5, levelAfter16Loops("2026-01-05T16:00:00Z", overLimit), 1e-9, "at 16:00 rate 0.5");
        assertEquals(3.0, levelAfter16Loops("2026-01-05T16:00:00Z", underLimit), 1e-9);
        assertEquals(1.0, levelAfter16Loops("2026-01-05T21:30:00Z", overLimit), 1e-9, "past the latest time: 1.0");
    }

    /** A VICIdial campaign at level 3.0 with the differential 0 for 16 loops from {@code start}: its level. */
    private static double levelAfter16Loops(String start, Outlook.Tally today) {
        VicidialAdaptiveDialing vicidial = new VicidialAdaptiveDialing(3.0, 3.0, 2100, 0, 0, 3.0);
        for (int s = 0; s <= 15; s++) {
            Instant now = Instant.parse(start).plusSeconds(s);
            vicidial.callsToStart(snapshot(team(0, 10, 0), 0, 0, 10, 2000, today, now), now);
        }
        return vicidial.dialLevel();
    }
}
