package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPacingTest {

    private static final Instant NOW = Instant.parse("2024-06-03T10:00:00.250Z");
    private static final int PLENTY = 10_000;

    private static FixedSnapshot threads(int threadCount, int inFlight) {
        return new FixedSnapshot(threadCount, inFlight, 0, false, null, false, PLENTY, PLENTY);
    }

    @Test
    void startsExactlyTheFreeThreadsAndThenWaitsForACallToEnd() {
        assertEquals(new PacingDecision(5, null), FixedPacing.decide(threads(5, 0), NOW));
        assertEquals(new PacingDecision(2, null), FixedPacing.decide(threads(5, 3), NOW));
        assertEquals(PacingDecision.WAIT_FOR_EVENT, FixedPacing.decide(threads(5, 5), NOW));
    }

    @Test
    void moreInFlightThanThreadsAfterAnUpdateStartsNothing() {
        assertEquals(PacingDecision.WAIT_FOR_EVENT, FixedPacing.decide(threads(2, 5), NOW));
    }

    @Test
    void oneThreadWaitsTheCallDelayAfterTheLastCall() {
        Instant ended = NOW.minusSeconds(3);
        FixedSnapshot s = new FixedSnapshot(1, 0, 10, false, ended, false, PLENTY, PLENTY);
        assertEquals(new PacingDecision(0, ended.plusSeconds(10)), FixedPacing.decide(s, NOW));
        assertEquals(new PacingDecision(1, null), FixedPacing.decide(s, ended.plusSeconds(10)));
    }

    @Test
    void callDelayIsIgnoredWithMoreThanOneThread() {
        FixedSnapshot s = new FixedSnapshot(2, 0, 10, false, NOW.minusSeconds(1), true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(2, null), FixedPacing.decide(s, NOW));
    }

    @Test
    void callDelayOnlyAnsweredSkipsThePauseAfterUnansweredCalls() {
        Instant ended = NOW.minusSeconds(1);
        FixedSnapshot unanswered = new FixedSnapshot(1, 0, 10, true, ended, false, PLENTY, PLENTY);
        FixedSnapshot answered = new FixedSnapshot(1, 0, 10, true, ended, true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), FixedPacing.decide(unanswered, NOW));
        assertEquals(new PacingDecision(0, ended.plusSeconds(10)), FixedPacing.decide(answered, NOW));
    }

    @Test
    void zeroCallDelayStartsTheNextCallAtOnce() {
        FixedSnapshot s = new FixedSnapshot(1, 0, 0, false, NOW, true, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), FixedPacing.decide(s, NOW));
    }

    @Test
    void theFirstCallHasNoDelay() {
        FixedSnapshot s = new FixedSnapshot(1, 0, 10, false, null, false, PLENTY, PLENTY);
        assertEquals(new PacingDecision(1, null), FixedPacing.decide(s, NOW));
    }

    @Test
    void trunkLinesCapTheCallsAndALineReleaseIsTheEventToWaitFor() {
        FixedSnapshot s = new FixedSnapshot(10, 0, 0, false, null, false, 3, PLENTY);
        assertEquals(new PacingDecision(3, null), FixedPacing.decide(s, NOW));
    }

    @Test
    void theCpsBudgetCapsTheCallsAndWakesAtTheNextSecond() {
        FixedSnapshot s = new FixedSnapshot(10, 0, 0, false, null, false, PLENTY, 4);
        assertEquals(new PacingDecision(4, Instant.parse("2024-06-03T10:00:01Z")), FixedPacing.decide(s, NOW));
        FixedSnapshot spent = new FixedSnapshot(10, 0, 0, false, null, false, PLENTY, 0);
        assertEquals(new PacingDecision(0, Instant.parse("2024-06-03T10:00:01Z")), FixedPacing.decide(spent, NOW));
    }

    @Test
    void snapshotsRefuseNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new FixedSnapshot(0, 0, 0, false, null, false, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedSnapshot(1, -1, 0, false, null, false, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedSnapshot(1, 0, -1, false, null, false, 1, 1));
    }

    @Test
    void neverMoreThanThreadCountInFlightNorMoreThanTheTrunkAllows() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int threadCount = 1 + random.nextInt(50);
            FixedSnapshot s = new FixedSnapshot(threadCount, random.nextInt(60), random.nextInt(3) * 5,
                    random.nextBoolean(), random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(20)),
                    random.nextBoolean(), random.nextInt(40), random.nextInt(40));
            PacingDecision d = FixedPacing.decide(s, NOW);
            String what = s + " -> " + d;
            assertTrue(s.inFlight() + d.callsToStart() <= Math.max(threadCount, s.inFlight()), what);
            assertTrue(d.callsToStart() <= Math.max(0, threadCount - s.inFlight()), what);
            assertTrue(d.callsToStart() <= s.trunkFreeLines(), what);
            assertTrue(d.callsToStart() <= s.trunkCallsAllowedNow(), what);
            if (d.wakeAt() != null) {
                assertTrue(d.wakeAt().isAfter(NOW), what);
            }
            boolean limitedOnlyByThreads = s.trunkFreeLines() >= PLENTY && s.trunkCallsAllowedNow() >= PLENTY;
            if (limitedOnlyByThreads && s.threadCount() > 1) {
                assertEquals(Math.max(0, threadCount - s.inFlight()), d.callsToStart(), what);
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
            PacingDecision d = FixedPacing.decide(new FixedSnapshot(threadCount, ends.size(), 0, false, null, false,
                    trunk.freeLines(), trunk.callsAllowedNow(now)), now);
            for (int c = 0; c < d.callsToStart() && trunk.tryAcquire(now); c++) {
                ends.addLast(now.plusSeconds(3));
            }
            maxSeen = Math.max(maxSeen, ends.size());
            assertEquals(threadCount, ends.size(), "at " + now);
        }
        assertEquals(threadCount, maxSeen);
        assertNull(FixedPacing.decide(threads(threadCount, threadCount), now).wakeAt());
    }
}
