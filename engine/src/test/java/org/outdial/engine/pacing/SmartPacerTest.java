package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.OperatorLines;
import org.outdial.engine.pacing.Outlook.Activity;

/** SMART's decisions on hand-built snapshots (issue 11's unit checks). */
class SmartPacerTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Pacer PACER = Pacer.of(CampaignMode.SMART);
    private static final int PLENTY = 10_000;

    /** A campaign that has run a while: 20 % answer, answers 6-24 s after the dial, talks of 120 s. */
    private static final Outlook.Measured WARM = measured(5000, 1000);

    private static Outlook.Measured measured(long dialed, long answered) {
        List<Duration> toAnswer = IntStream.range(0, 500).mapToObj(i -> Duration.ofMillis(6000 + 36L * i)).toList();
        // Exponential talks with mean 120 s, by their quantiles.
        List<Duration> talks = IntStream.range(0, 500)
                .mapToObj(i -> Duration.ofMillis(Math.round(-120_000 * Math.log(1 - (i + 0.5) / 500)))).toList();
        return new Outlook.Measured(dialed, answered, toAnswer, talks, Duration.ofSeconds(15), Duration.ofSeconds(30),
                answered, answered);
    }

    private static Outlook.Abandonment cap(long answered, long abandoned, int minTeam) {
        Outlook.Tally tally = new Outlook.Tally(answered, abandoned);
        return new Outlook.Abandonment(tally, tally, 3.0, minTeam, Duration.ofSeconds(2));
    }

    private static List<Outlook.Operator> team(int ready, int talking, int wrapUp, Duration wrapLeft) {
        List<Outlook.Operator> team = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            team.add(new Outlook.Operator(Activity.READY, NOW.minusSeconds(3), null));
        }
        for (int i = 0; i < talking; i++) {
            team.add(new Outlook.Operator(Activity.TALKING, NOW.minusSeconds(10 + 7L * i), null));
        }
        for (int i = 0; i < wrapUp; i++) {
            team.add(new Outlook.Operator(Activity.WRAP_UP, NOW.minusSeconds(1), NOW.plus(wrapLeft)));
        }
        return team;
    }

    private static List<Outlook.Call> ringing(int calls, int secondsAgo) {
        return IntStream.range(0, calls).mapToObj(i -> new Outlook.Call(NOW.minusSeconds(secondsAgo), null)).toList();
    }

    private static PacingSnapshot smart(int speed, Outlook outlook, int freeLines, int allowedNow) {
        ModeSettings.OperatorPacing pacing = new ModeSettings.OperatorPacing(null, 5, Duration.ofSeconds(15),
                Duration.ZERO, false);
        int ready = (int) outlook.operators().stream().filter(o -> o.activity() == Activity.READY).count();
        int withCalls = (int) outlook.operators().stream()
                .filter(o -> o.activity() == Activity.TALKING || o.activity() == Activity.OFFERED).count();
        return new PacingSnapshot(new ModeSettings.Smart(new OperatorLines(1L, List.of()), pacing, speed),
                new PacingSnapshot.CampaignCalls(withCalls + outlook.calls().size(), null, false),
                new PacingSnapshot.TrunkRoom(freeLines, allowedNow),
                new PacingSnapshot.OperatorRoom(ready, withCalls, 0.5), PacingSnapshot.CallStatistics.NONE, outlook);
    }

    private static PacingSnapshot smart(int speed, Outlook outlook) {
        return smart(speed, outlook, PLENTY, PLENTY);
    }

    private static int calls(PacingSnapshot s) {
        return PACER.decide(s, NOW).callsToStart();
    }

    private static Outlook outlook(List<Outlook.Operator> team, List<Outlook.Call> calls, Outlook.Measured m,
                                   Outlook.Abandonment cap) {
        return new Outlook(team, calls, m, cap);
    }

    @Test
    void aColdStartDialsAheadOfTheReadyOperatorsButByItsCautiousPrior() {
        Outlook cold = outlook(team(20, 0, 0, Duration.ZERO), List.of(), Outlook.Measured.NONE, cap(0, 0, 5));
        int calls = calls(smart(0, cold));
        assertTrue(calls > 20, "more than one call per ready operator (FREE would dial 20), was " + calls);
        // The prior answer probability is 0.35: more than 20 / 0.35 would expect more people than operators.
        assertTrue(calls <= Math.ceil(20 / AnswerTimes.PRIOR_ANSWER), "bounded by the prior, was " + calls);
        // The campaign's own 20 % answer rate lets it dial more for the same operators.
        int warm = calls(smart(0, outlook(team(20, 0, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5))));
        assertTrue(warm > calls, "20 % measured dials more than the 35 % prior: " + warm + " vs " + calls);
    }

    @Test
    void callsAlreadyRingingForTheOperatorsHoldNewDials() {
        Outlook free = outlook(team(10, 10, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5));
        Outlook covered = outlook(team(10, 10, 0, Duration.ZERO), ringing(60, 2), WARM, cap(1000, 0, 5));
        int none = calls(smart(0, free));
        assertTrue(none > 10, "ten ready operators and nothing out, was " + none);
        assertEquals(0, calls(smart(0, covered)), "60 calls just dialed bring about 12 people for 10 ready operators");
        int some = calls(smart(0, outlook(team(10, 10, 0, Duration.ZERO), ringing(20, 2), WARM, cap(1000, 0, 5))));
        assertTrue(some > 0 && some < none, "20 ringing cover part of them: " + some + " of " + none);
    }

    @Test
    void operatorsInWrapUpAreDialedForBeforeTheyAreFreeButNotTooLongBefore() {
        // Everyone is in wrap-up for 4 s more: FREE would wait for operators; SMART dials for them,
        // since nobody answers within 6 s of the dial.
        Outlook soon = outlook(team(0, 0, 20, Duration.ofSeconds(4)), List.of(), WARM, cap(1000, 0, 5));
        PacingDecision decision = PACER.decide(smart(0, soon), NOW);
        assertTrue(decision.callsToStart() > 20, "dials for operators free in 4 s, was " + decision.callsToStart());
        assertEquals(false, decision.waitingForOperators());
        assertEquals(NOW.plusSeconds(1), decision.wakeAt(), "asks again next second: the forecast moves with time");
        // Free in 20 s: a dial answered within 18 s, most of them, would find nobody; it waits.
        Outlook later = outlook(team(0, 0, 20, Duration.ofSeconds(20)), List.of(), WARM, cap(1000, 0, 5));
        PacingDecision waits = PACER.decide(smart(0, later), NOW);
        assertEquals(new PacingDecision(0, NOW.plusSeconds(1)), waits);
    }

    @Test
    void everyoneTalkingWaitsTillSomeoneCanBeFreeByTheEarliestAnswer() {
        // With 15 s of wrap-up after every talk, nobody is free within the 6 s a dial takes at least.
        Outlook talking = outlook(team(0, 20, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5));
        assertEquals(new PacingDecision(0, NOW.plusSeconds(1)), PACER.decide(smart(0, talking), NOW));
        // Three of them free in 2 s, the rest talking: dials for the three and for talks likely to end.
        List<Outlook.Operator> mixed = new ArrayList<>(team(0, 17, 3, Duration.ofSeconds(2)));
        int calls = calls(smart(0, outlook(mixed, List.of(), WARM, cap(1000, 0, 5))));
        assertTrue(calls >= 3 && calls <= 3 / 0.2 + 2, "about 3 / 0.2 calls, was " + calls);
    }

    @Test
    void aBudgetNearlyUsedDialsLessAndASpentOneIsPacedAsFree() {
        List<Outlook.Operator> team = team(20, 0, 0, Duration.ZERO);
        int unused = calls(smart(0, outlook(team, List.of(), WARM, cap(1000, 0, 5))));
        int nearly = calls(smart(0, outlook(team, List.of(), WARM, cap(1000, 28, 5)))); // 2.8 %
        assertTrue(nearly < unused, "2.8 % of 3 % used dials less: " + nearly + " vs " + unused);
        PacingSnapshot spent = smart(0, outlook(team, List.of(), WARM, cap(1000, 30, 5))); // 3.0 %
        assertEquals(FreePacer.progressive(spent, pacingOf(spent), NOW), PACER.decide(spent, NOW));
        assertEquals(20, calls(spent), "FREE: one call per ready operator");
    }

    @Test
    void today_countsAsMuchAsTheWindow() {
        List<Outlook.Operator> team = team(20, 0, 0, Duration.ZERO);
        Outlook.Abandonment badDay = new Outlook.Abandonment(new Outlook.Tally(100_000, 300),
                new Outlook.Tally(1000, 31), 3.0, 5, Duration.ofSeconds(2));
        assertEquals(20, calls(smart(0, outlook(team, List.of(), WARM, badDay))),
                "3.1 % today, 0.3 % over 30 days: paced as FREE (Ofcom counts per day)");
    }

    @Test
    void aFewAbandonedCallsOfAYoungCampaignAreWeighedOverAFairSample() {
        // One abandoned of the first 10 answered is 10 %, but over the 200 answered SMART waits for, 0.5 %.
        List<Outlook.Operator> team = team(20, 0, 0, Duration.ZERO);
        assertTrue(calls(smart(0, outlook(team, List.of(), WARM, cap(10, 1, 5)))) > 20);
        assertEquals(1.0 / 6, AbandonmentBudget.of(cap(10, 1, 5)).used(), 1e-9);
    }

    @Test
    void theBudgetsScaleFallsAsItIsUsed() {
        double previous = Double.MAX_VALUE;
        for (double used = 0; used < AbandonmentBudget.SPENT; used += 0.01) {
            double scale = new AbandonmentBudget(used).scale();
            assertTrue(scale <= previous && scale > 0, "scale " + scale + " at " + used);
            previous = scale;
        }
        assertEquals(AbandonmentBudget.MAX_SCALE, new AbandonmentBudget(0).scale(), 1e-12);
        assertEquals(1, new AbandonmentBudget(AbandonmentBudget.EASE).scale(), 1e-12);
        assertTrue(new AbandonmentBudget(AbandonmentBudget.SPENT).spent());
    }

    @Test
    void aTeamBelowTheMinimumOrUnknownIsPacedAsFree() {
        PacingSnapshot small = smart(0, outlook(team(4, 0, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5)));
        assertEquals(new PacingDecision(4, null), PACER.decide(small, NOW));
        PacingSnapshot allowed = smart(0, outlook(team(4, 0, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 3)));
        assertTrue(calls(allowed) > 4, "a minimum of 3 lets four operators be paced predictively");
        PacingSnapshot unknown = smart(0, Outlook.NONE);
        assertEquals(PacingDecision.WAIT_FOR_OPERATORS, PACER.decide(unknown, NOW), "no Outlook: FREE's rule");
    }

    @Test
    void smartSpeedIsMonotone() {
        List<Outlook> cases = List.of(
                outlook(team(20, 0, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5)),
                outlook(team(5, 15, 0, Duration.ZERO), ringing(10, 5), WARM, cap(1000, 10, 5)),
                outlook(team(0, 10, 10, Duration.ofSeconds(8)), ringing(5, 12), WARM, cap(1000, 20, 5)),
                outlook(team(50, 50, 0, Duration.ZERO), ringing(100, 3), WARM, cap(5000, 50, 5)));
        for (Outlook o : cases) {
            int previous = -1;
            for (int speed = -10; speed <= 10; speed++) {
                int calls = calls(smart(speed, o));
                assertTrue(calls >= previous, "speed " + speed + " dials " + calls + " < " + previous + " at " + (speed - 1));
                previous = calls;
            }
        }
        Outlook o = cases.get(0);
        assertTrue(calls(smart(10, o)) > calls(smart(-10, o)), "the speed moves the decision");
    }

    @Test
    void theTrunkCapsTheCalls() {
        Outlook o = outlook(team(20, 0, 0, Duration.ZERO), List.of(), WARM, cap(1000, 0, 5));
        assertEquals(7, calls(smart(0, o, 7, PLENTY)));
        assertEquals(3, calls(smart(0, o, PLENTY, 3)));
    }

    @Test
    void needsSmartSettings() {
        PacingSnapshot s = smart(0, Outlook.NONE);
        PacingSnapshot free = new PacingSnapshot(new ModeSettings.Free(new OperatorLines(1L, List.of()), pacingOf(s)),
                s.calls(), s.trunk(), s.operators(), s.recent(), s.outlook());
        assertThrows(IllegalArgumentException.class, () -> PACER.decide(free, NOW));
    }

    @Test
    void theExpectedShortfallIsTheNormalsPartialMean() {
        assertEquals(0.3989422804, SmartForecast.expectedPositive(0, 1), 1e-7);
        assertEquals(2.0, SmartForecast.expectedPositive(2, 0), 1e-12);
        assertEquals(0.0, SmartForecast.expectedPositive(-2, 0), 1e-12);
        assertEquals(0.0084, SmartForecast.expectedPositive(-2, 1), 1e-4);
        assertEquals(0.975, SmartForecast.phi(1.96), 1e-4);
    }

    private static ModeSettings.OperatorPacing pacingOf(PacingSnapshot s) {
        return ((ModeSettings.Smart) s.settings()).pacing();
    }
}
