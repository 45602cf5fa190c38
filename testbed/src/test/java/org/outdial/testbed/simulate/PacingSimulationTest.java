package org.outdial.testbed.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.pacing.Outlook;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.pacing.PacingSnapshot;

class PacingSimulationTest {

    private static Workload oneOperator(double answerRate, double operatorNoAnswer, double hours) {
        return new Workload(1, answerRate, Duration.ofSeconds(6), Duration.ofSeconds(24), Duration.ofSeconds(30),
                Duration.ofSeconds(120), Duration.ofSeconds(15), operatorNoAnswer, hours, 7);
    }

    @Test
    void freeNeverAbandonsWhenOperatorsAnswerEveryOffer() {
        for (int team : new int[] {5, 20}) {
            SimulationResult r = PacingSimulation.free(Workload.gridCell(team, 0.2, 1));
            assertEquals(0, r.abandoned(), team + " operators");
            assertTrue(r.liveAnswered() > 100 * team, "answered " + r.liveAnswered());
        }
    }

    @Test
    void oneOperatorUnderFreeMatchesTheQueueingArithmetic() {
        // FREE with one operator dials one call at a time: a connected call costs (1 - a) / a unanswered
        // dials of 30 s each plus a mean 15 s dial to answer, then 120 s talk and 15 s wrap-up.
        // a = 0.5: idle 15 + 30 = 45 s per 135 s busy: occupancy 0.75, 40 talk min/h, 45 s wait.
        SimulationResult r = PacingSimulation.free(oneOperator(0.5, 0, 300));
        assertEquals(0.75, r.occupancy(), 0.015, r.toString());
        assertEquals(40, r.talkMinutesPerHour(), 1.0, r.toString());
        assertEquals(45, r.meanWaitSeconds(), 2.0, r.toString());
        assertEquals(0, r.abandoned());
        // Dials per hour: 3600 / 180 s cycles × (1 / a) dials each = 40.
        assertEquals(40, r.dialsPerOperatorHour(), 1.5, r.toString());
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        Workload cell = Workload.gridCell(10, 0.3, 42);
        assertEquals(PacingSimulation.free(cell), PacingSimulation.free(cell));
        assertNotEquals(PacingSimulation.free(cell), PacingSimulation.free(Workload.gridCell(10, 0.3, 43)));
    }

    @Test
    void anOperatorWhoLeavesOffersUnansweredMakesCallsAbandonedAfterTheGrace() {
        // One operator answering half the offers: an answered call is offered at 0 s and again at 1 s
        // (the offer rings 1 s), and is abandoned at the 2 s grace when both were left: 1 in 4.
        SimulationResult r = PacingSimulation.free(oneOperator(0.5, 0.5, 200));
        assertEquals(25, r.abandonedPercent(), 3, r.toString());
    }

    @Test
    void thePolicyIsAskedAtLeastOnceASimulatedSecondWithTheWholeTeamInTheOutlook() {
        List<Instant> asked = new ArrayList<>();
        List<PacingSnapshot> seen = new ArrayList<>();
        Pacer free = Pacer.of(CampaignMode.FREE);
        DialPolicy recording = new DialPolicy() {
            @Override
            public String name() {
                return "recording FREE";
            }

            @Override
            public int callsToStart(PacingSnapshot snapshot, Instant now) {
                asked.add(now);
                seen.add(snapshot);
                return free.decide(snapshot, now).callsToStart();
            }
        };
        Workload w = new Workload(3, 0.3, Duration.ofSeconds(6), Duration.ofSeconds(24), Duration.ofSeconds(30),
                Duration.ofSeconds(120), Duration.ofSeconds(15), 0, 0.5, 3);
        SimulationResult r = PacingSimulation.run(w, recording);
        assertEquals("recording FREE", r.policy());
        assertEquals(PacingSimulation.START, asked.getFirst());
        for (int i = 1; i < asked.size(); i++) {
            assertTrue(!asked.get(i).isBefore(asked.get(i - 1)), "the simulated clock never goes back");
            assertTrue(Duration.between(asked.get(i - 1), asked.get(i)).compareTo(Duration.ofSeconds(1)) <= 0,
                    "asked again within a second after " + asked.get(i - 1));
        }
        assertTrue(asked.getLast().isAfter(PacingSimulation.START.plus(Duration.ofMinutes(29))));
        boolean sawTalk = false;
        boolean sawWrapUp = false;
        boolean sawRinging = false;
        for (PacingSnapshot s : seen) {
            Outlook o = s.outlook();
            assertEquals(3, o.operators().size());
            long ready = o.operators().stream().filter(op -> op.activity() == Outlook.Activity.READY).count();
            assertEquals(ready, s.operators().ready(), "the room and the outlook agree on who is ready");
            assertEquals(s.calls().inFlight(), o.calls().size() + s.operators().withCalls(),
                    "calls in flight are those without an operator and those with one");
            sawTalk |= o.operators().stream().anyMatch(op -> op.activity() == Outlook.Activity.TALKING);
            sawWrapUp |= o.operators().stream().anyMatch(op -> op.activity() == Outlook.Activity.WRAP_UP
                    && op.freeAt().equals(op.since().plusSeconds(15)));
            sawRinging |= o.calls().stream().anyMatch(c -> c.answeredAt() == null);
            assertEquals(o.abandonment().window(), o.abandonment().today());
            assertEquals(3.0, o.abandonment().targetPercent());
        }
        assertTrue(sawTalk && sawWrapUp && sawRinging);
        Outlook.Measured last = seen.getLast().outlook().measured();
        assertTrue(last.answered() > 0 && !last.dialToAnswer().isEmpty() && !last.talk().isEmpty());
        assertTrue(last.dialToAnswer().stream().allMatch(d -> d.getSeconds() >= 6 && d.getSeconds() <= 24));
        assertEquals(Duration.ofSeconds(15), last.wrapUp());
    }
}
