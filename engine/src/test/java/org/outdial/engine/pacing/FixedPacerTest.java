package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.CampaignMode;

class FixedPacerTest {

    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00.250Z");
    private static final int PLENTY = 10_000;

    private static final Pacer PACER = Pacer.of(CampaignMode.FIXED);

    /** A FIXED campaign's snapshot, the fields in the order the old FixedSnapshot had them. */
    private static PacingSnapshot fixed(int threadCount, int inFlight, int callDelaySeconds,
                                        boolean callDelayOnlyAnswered, Instant lastCallEndedAt,
                                        boolean lastCallAnswered, int trunkFreeLines, int trunkCallsAllowedNow) {
        return new PacingSnapshot(new ModeSettings.Fixed(threadCount, java.time.Duration.ofSeconds(callDelaySeconds), callDelayOnlyAnswered),
                new PacingSnapshot.CampaignCalls(inFlight, lastCallEndedAt, lastCallAnswered),
                new PacingSnapshot.TrunkRoom(trunkFreeLines, trunkCallsAllowedNow), PacingSnapshot.OperatorRoom.NONE,
                PacingSnapshot.CallStatistics.NONE);
    }

    private static PacingSnapshot threads(int threadCount, int inFlight) {
        return fixed(threadCount, inFlight, 0, false, null, false, PLENTY, PLENTY);
    }

    @Test
    void startsExactlyTheFreeThreadsAndThenWaitsForACallToEnd() {
        assertEquals(new PacingDecision(5, null), PACER.decide(threads(5, 0), NOW));
        assertEquals(new PacingDecision(2, null), PACER.decide(threads(5, 3), NOW));
        assertEquals(PacingDecision.WAIT_FOR_EVENT, PACER.decide(threads(5, 5), NOW));
    }

    @Test
    void moreInFlightThanThreadsAfterAnUpdateStartsNothing() {
        assertEquals(PacingDecision.WAIT_FOR_EVENT, PACER.decide(threads(2, 5), NOW));
    }

    @Test
    void oneThreadWaitsTheCallDelayAfterTheLastCall() {
        Instant ended = NOW.minusSeconds(3);
        PacingSnapshot s = fixed(1, 0, 10, false, ended, false, PLENTY, PLENTY);
        assertEquals(new PacingDecision(0, ended.plusSeconds(10)), PACER.decide(s, NOW));
        assertEquals(new PacingDecision(1, null), PACER.decide(s, ended.plusSeconds(10)));
    }

    @Test
    void callDelayIsIgnoredWithMoreThanOneThread() {
        PacingSnapshot s = fixed(2, 0, 10, false, NOW.minusSeconds(1), true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(2, null), PACER.decide(s, NOW));
    }

    @Test
    void callDelayOnlyAnsweredSkipsThePauseAfterUnansweredCalls() {
        Instant ended = NOW.minusSeconds(1);
        PacingSnapshot unanswered = fixed(1, 0, 10, true, ended, false, PLENTY, PLENTY);
        PacingSnapshot answered = fixed(1, 0, 10, true, ended, true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), PACER.decide(unanswered, NOW));
        assertEquals(new PacingDecision(0, ended.plusSeconds(10)), PACER.decide(answered, NOW));
    }

    @Test
    void zeroCallDelayStartsTheNextCallAtOnce() {
        PacingSnapshot s = fixed(1, 0, 0, false, NOW, true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), PACER.decide(s, NOW));
    }

    @Test
    void theFirstCallHasNoDelay() {
        PacingSnapshot s = fixed(1, 0, 10, false, null, false, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), PACER.decide(s, NOW));
    }

    @Test
    void trunkLinesCapTheCallsAndALineReleaseIsTheEventToWaitFor() {
        PacingSnapshot s = fixed(10, 0, 0, false, null, false, 3, PLENTY);
        assertEquals(new PacingDecision(3, null), PACER.decide(s, NOW));
    }

    @Test
    void theCpsBudgetCapsTheCallsAndWakesAtTheNextSecond() {
        PacingSnapshot s = fixed(10, 0, 0, false, null, false, PLENTY, 4);
        assertEquals(new PacingDecision(4, Instant.parse("2024-06-03T10:00:01Z")), PACER.decide(s, NOW));
        PacingSnapshot spent = fixed(10, 0, 0, false, null, false, PLENTY, 0);
        assertEquals(new PacingDecision(0, Instant.parse("2024-06-03T10:00:01Z")), PACER.decide(spent, NOW));
    }

    @Test
    void snapshotsRefuseNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> fixed(0, 0, 0, false, null, false, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> fixed(1, -1, 0, false, null, false, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> fixed(1, 0, -1, false, null, false, 1, 1));
    }

    @Test
    void neverMoreThanThreadCountInFlightNorMoreThanTheTrunkAllows() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int threadCount = 1 + random.nextInt(50);
            PacingSnapshot s = fixed(threadCount, random.nextInt(60), random.nextInt(3) * 5,
                    random.nextBoolean(), random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(20)),
                    random.nextBoolean(), random.nextInt(40), random.nextInt(40));
            PacingDecision d = PACER.decide(s, NOW);
            String what = s + " -> " + d;
            assertTrue(s.calls().inFlight() + d.callsToStart() <= Math.max(threadCount, s.calls().inFlight()), what);
            assertTrue(d.callsToStart() <= Math.max(0, threadCount - s.calls().inFlight()), what);
            assertTrue(d.callsToStart() <= s.trunk().freeLines(), what);
            assertTrue(d.callsToStart() <= s.trunk().callsAllowedNow(), what);
            if (d.wakeAt() != null) {
                assertTrue(d.wakeAt().isAfter(NOW), what);
            }
            boolean limitedOnlyByThreads = s.trunk().freeLines() >= PLENTY && s.trunk().callsAllowedNow() >= PLENTY;
            if (limitedOnlyByThreads && threadCount > 1) {
                assertEquals(Math.max(0, threadCount - s.calls().inFlight()), d.callsToStart(), what);
            }
        }
    }

    @Test
    void aSimulatedCampaignKeepsExactlyThreadCountCallsInFlight() {
        // Fake clock: calls last 3 s; every tick the pacer fills the free threads through a shared trunk.
        TrunkCapacity trunk = TrunkCapacityTest.trunk(100, 1000);
        int threadCount = 5;
        Instant now = Instant.parse("2024-06-03T10:00:00Z");
        java.util.ArrayDeque<Instant> ends = new java.util.ArrayDeque<>();
        int maxSeen = 0;
        for (int tick = 0; tick < 600; tick++, now = now.plusMillis(100)) {
            while (!ends.isEmpty() && !ends.peekFirst().isAfter(now)) {
                ends.pollFirst();
                trunk.release();
            }
            PacingDecision d = PACER.decide(fixed(threadCount, ends.size(), 0, false, null, false,
                    trunk.freeLines(), trunk.callsAllowedNow(now)), now);
            for (int c = 0; c < d.callsToStart() && trunk.tryAcquire(now); c++) {
                ends.addLast(now.plusSeconds(3));
            }
            maxSeen = Math.max(maxSeen, ends.size());
            assertEquals(threadCount, ends.size(), "at " + now);
        }
        assertEquals(threadCount, maxSeen);
        assertNull(PACER.decide(threads(threadCount, threadCount), now).wakeAt());
    }

    @Test
    void fixedIsPacedAndSaysNothingIsMissing() {
        assertTrue(PACER instanceof FixedPacer);
        assertEquals(Optional.empty(), PACER.missing());
    }

    @Test
    void smartIsPacedByTheSmartPacer() {
        assertTrue(Pacer.of(CampaignMode.SMART) instanceof SmartPacer);
        assertEquals(Optional.empty(), Pacer.of(CampaignMode.SMART).missing());
    }

    @Test
    void freeIsPacedByTheFreePacer() {
        assertTrue(Pacer.of(CampaignMode.FREE) instanceof FreePacer);
        assertEquals(Optional.empty(), Pacer.of(CampaignMode.FREE).missing());
    }
}
