package org.outdial.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.outdial.engine.operator.LinePresence.Status;
import org.outdial.engine.operator.OperatorClaims.Claim;
import org.outdial.engine.operator.OperatorClaims.Refusal;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.registrar.RegistrationListener.OfflineReason;
import org.outdial.testing.ManualClock;

class OperatorBoardTest {

    private static final long CAMPAIGN = 7;
    private static final List<String> LINES = List.of("100", "101", "102");
    /** Seed 004's example: pause after 5, 60 s wrap-up after 15 s of talk, reserved lines. */
    private static final OperatorPacing PACING = new OperatorPacing(null, 3, Duration.ofSeconds(60),
            Duration.ofSeconds(15), false);

    private final ManualClock clock = ManualClock.at(Instant.parse("2024-06-03T10:00:00Z"));
    private final OperatorBoard board = new OperatorBoard(clock, Map.of());

    private Instant now() {
        return clock.instant();
    }

    private void later(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    private void register(String line) {
        board.online(new Registration(line, "sip:" + line + "@192.0.2.1:5060", "udp",
                new InetSocketAddress("192.0.2.1", 5060), now().plusSeconds(3600), "test"));
    }

    private Claim claim(OperatorPacing pacing) {
        return board.claim(CAMPAIGN, LINES, pacing, now()).orElseThrow();
    }

    /** One whole call: offered, answered, talked for {@code talkSeconds}. */
    private void call(Claim claim, int talkSeconds) {
        board.answered(claim, now());
        later(talkSeconds);
        board.talkEnded(claim, Duration.ofSeconds(talkSeconds), now());
    }

    @Test
    void onlyRegisteredLinesAreReadyAndClaimed() {
        assertEquals(0, board.ready(LINES, now()));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, LINES, PACING, now()));
        register("101");
        assertEquals(1, board.ready(LINES, now()));
        assertEquals("101", claim(PACING).line());
        assertEquals(0, board.ready(LINES, now()));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, LINES, PACING, now()));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, List.of("999"), PACING, now()), "unknown line");
    }

    @Test
    void theBoardListsEveryLineWithItsStateSinceWhenAndItsTalks() {
        OperatorBoard stored = new OperatorBoard(clock, Map.of("103", WorkStatus.PAUS));
        stored.online(new Registration("100", "sip:100@192.0.2.1:5060", "udp",
                new InetSocketAddress("192.0.2.1", 5060), now().plusSeconds(3600), "test"));
        Instant registered = now();
        Claim claim = stored.claim(CAMPAIGN, List.of("100"), PACING, now()).orElseThrow();
        stored.answered(claim, now());
        later(20);
        stored.talkEnded(claim, Duration.ofSeconds(20), now()); // 20 s >= 15 s: a 60 s wrap-up
        Instant wrapUp = now();
        later(5);

        List<OperatorBoard.LineView> lines = stored.lines(now());

        assertEquals(List.of(new OperatorBoard.LineView("100", OperatorState.WRAP_UP, wrapUp, 1, Duration.ofSeconds(20)),
                new OperatorBoard.LineView("103", OperatorState.OFFLINE, Instant.EPOCH, 0, Duration.ZERO)), lines,
                "registered at " + registered);
        later(60);
        assertEquals(OperatorState.READY, stored.lines(now()).get(0).state(), "the wrap-up ended by itself");
    }

    @Test
    void theLongestIdleOperatorIsClaimedFirst() {
        register("102");
        later(1);
        register("100");
        later(1);
        register("101");
        assertEquals("102", claim(PACING).line());
        assertEquals("100", claim(PACING).line());
        assertEquals("101", claim(PACING).line());
    }

    @Test
    void anOperatorBackFromACallGoesToTheEndOfTheQueue() {
        register("100");
        register("101");
        Claim first = claim(PACING);
        assertEquals("100", first.line(), "same idle time: by number");
        call(first, 5); // shorter than markAsBusyMinSecondsTalk: no wrap-up
        assertEquals("101", claim(PACING).line());
        assertEquals("100", claim(PACING).line());
    }

    @Test
    void aReleasedClaimKeepsTheOperatorsPlace() {
        register("100");
        later(1);
        register("101");
        Claim claim = claim(PACING);
        assertEquals(now().minusSeconds(1), board.readySince(claim));
        later(10);
        board.released(claim, now());
        assertEquals("100", claim(PACING).line());
    }

    @Test
    void anOperatorIsNeverClaimedTwiceEvenByAnotherCampaign() {
        register("100");
        Claim claim = claim(PACING);
        assertEquals(Optional.empty(), board.claim(8, List.of("100"), PACING, now()));
        assertEquals(Optional.empty(), board.claim(9, List.of("100"), null, now()));
        board.answered(claim, now());
        assertEquals(Optional.empty(), board.claim(8, List.of("100"), null, now()));
        assertEquals(1, board.claimedBy(CAMPAIGN));
        assertEquals(0, board.claimedBy(8));
    }

    @Test
    void aClaimIsResolvedOnceAndOnlyByItsHolder() {
        register("100");
        Claim claim = claim(PACING);
        board.released(claim, now());
        assertThrows(IllegalStateException.class, () -> board.answered(claim, now()));
        assertThrows(IllegalStateException.class, () -> board.released(claim, now()));
        Claim forged = new Claim("101", CAMPAIGN, PACING, now());
        assertThrows(IllegalStateException.class, () -> board.refused(forged, Refusal.NO_ANSWER, now()));
    }

    @Test
    void aWrongResolutionThrowsAndLeavesTheClaimHeld() {
        register("100");
        Claim claim = claim(PACING);
        board.answered(claim, now());
        assertThrows(IllegalStateException.class, () -> board.released(claim, now()));
        assertThrows(IllegalStateException.class, () -> board.refused(claim, Refusal.NO_ANSWER, now()));
        assertEquals(OperatorState.TALKING, board.stateOf("100", now()));
        board.talkEnded(claim, Duration.ofSeconds(1), now());
        assertEquals(OperatorState.READY, board.stateOf("100", now()));
    }

    @Test
    void manyThreadsClaimingNeverGetOneOperatorTwice() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add("2" + String.format("%03d", i));
            register(lines.getLast());
        }
        Set<String> holding = ConcurrentHashMap.newKeySet();
        AtomicInteger doubleClaims = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long campaign = t % 4;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 2_000; round++) {
                        Optional<Claim> claim = board.claim(campaign, lines, PACING, clock.instant());
                        if (claim.isEmpty()) {
                            continue;
                        }
                        claims.incrementAndGet();
                        if (!holding.add(claim.get().line())) {
                            doubleClaims.incrementAndGet();
                        }
                        Thread.yield();
                        holding.remove(claim.get().line());
                        if (round % 2 == 0) {
                            board.released(claim.get(), clock.instant());
                        } else {
                            board.answered(claim.get(), clock.instant());
                            board.talkEnded(claim.get(), Duration.ofSeconds(1), clock.instant());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, doubleClaims.get());
        assertTrue(claims.get() > 1_000, "the threads did claim: " + claims.get());
        assertEquals(20, board.ready(lines, now()), "every claim was resolved");
    }

    @Test
    void anOperatorWhoDoesNotAnswerTheLimitInARowIsPausedAndTheCampaignTold() {
        register("100");
        List<String> told = new ArrayList<>();
        board.onPaused((offer, inARow) -> told.add(offer.line() + "/" + offer.campaignId() + "/" + inARow));
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        board.refused(claim(PACING), Refusal.DECLINED, now());
        assertEquals(List.of(), told);
        assertEquals(OperatorState.READY, board.stateOf("100", now()));
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        assertEquals(List.of("100/7/3"), told);
        assertEquals(OperatorState.PAUSED, board.stateOf("100", now()));
        assertEquals(Status.ONLINE, board.statusOf("100"));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, LINES, PACING, now()));

        board.setWorkStatus("100", WorkStatus.WORK);
        assertEquals(OperatorState.READY, board.stateOf("100", now()));
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        assertEquals(OperatorState.READY, board.stateOf("100", now()), "WORK forgot the earlier misses");
    }

    @Test
    void anAnsweredOfferResetsTheMissesAndBusyOrUnreachableDoNotCount() {
        register("100");
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        call(claim(PACING), 1);
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        assertEquals(OperatorState.READY, board.stateOf("100", now()));

        board.refused(claim(PACING), Refusal.BUSY, now());
        assertEquals(OperatorState.BUSY_ELSEWHERE, board.stateOf("100", now()));
        later(30);
        board.refused(claim(PACING), Refusal.UNREACHABLE, now());
        assertEquals(OperatorState.OFFLINE, board.stateOf("100", now()));
        register("100");
        assertEquals(OperatorState.READY, board.stateOf("100", now()), "two misses, not three");
    }

    @Test
    void withoutALimitAnOperatorIsNeverPaused() {
        register("100");
        OperatorPacing noLimit = new OperatorPacing(null, null, Duration.ZERO, Duration.ZERO, false);
        for (int i = 0; i < 10; i++) {
            board.refused(claim(noLimit), Refusal.NO_ANSWER, now());
        }
        assertEquals(OperatorState.READY, board.stateOf("100", now()));
    }

    @Test
    void aPhoneBusyWithACallOutdialDidNotGiveIsLeftAloneForAWhile() {
        register("100");
        List<Instant> due = new ArrayList<>();
        board.onChangeDue(due::add);
        board.refused(claim(PACING), Refusal.BUSY, now());
        assertEquals(Status.BUSY, board.statusOf("100"));
        assertEquals(List.of(now().plus(OperatorBoard.DEFAULT_BUSY_ELSEWHERE)), due);
        later(29);
        assertEquals(0, board.ready(LINES, now()));
        later(1);
        assertEquals(1, board.ready(LINES, now()));
    }

    @Test
    void aLongEnoughTalkIsFollowedByTheWrapUpAndAShortOneIsNot() {
        register("100");
        call(claim(PACING), 15);
        assertEquals(OperatorState.WRAP_UP, board.stateOf("100", now()));
        assertEquals(Status.BUSY, board.statusOf("100"));
        assertEquals(Optional.of(now().plusSeconds(60)), board.nextChangeAt());
        later(59);
        assertEquals(0, board.ready(LINES, now()));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, LINES, PACING, now()));
        later(1);
        assertEquals(1, board.ready(LINES, now()));
        assertEquals(Status.ONLINE, board.statusOf("100"));

        call(claim(PACING), 14);
        assertEquals(OperatorState.READY, board.stateOf("100", now()));
        assertEquals(Optional.empty(), board.nextChangeAt());
    }

    @Test
    void wrapUpEndsAtIsPure() {
        Instant end = Instant.parse("2024-06-03T10:00:00Z");
        assertEquals(Optional.of(end.plusSeconds(60)), OperatorBoard.wrapUpEndsAt(PACING, Duration.ofSeconds(15), end));
        assertEquals(Optional.empty(), OperatorBoard.wrapUpEndsAt(PACING, Duration.ofMillis(14_999), end));
        assertEquals(Optional.empty(), OperatorBoard.wrapUpEndsAt(null, Duration.ofSeconds(100), end));
        OperatorPacing noWrapUp = new OperatorPacing(null, null, Duration.ZERO, Duration.ZERO, false);
        assertEquals(Optional.empty(), OperatorBoard.wrapUpEndsAt(noWrapUp, Duration.ofSeconds(100), end));
    }

    @Test
    void anEndedWrapUpCountsFromItsEndForTheQueueAndTickTellsTheListeners() {
        register("100");
        later(10);
        register("101");
        call(claim(PACING), 20); // 100 talks, then wraps up until +60 s
        AtomicInteger told = new AtomicInteger();
        board.onReady(told::incrementAndGet);
        later(100);
        board.tick(now());
        assertEquals(1, told.get());
        board.tick(now());
        assertEquals(1, told.get(), "told once");
        // 101 has been idle since 10:00:10; 100 since its wrap-up ended at 10:01:30.
        assertEquals("101", claim(PACING).line());
    }

    @Test
    void aReservedWrapUpIsBusyOnlyForAutodialerCalls() {
        OperatorPacing reserved = new OperatorPacing(null, null, Duration.ofSeconds(60), Duration.ZERO, true);
        register("100");
        call(board.claim(CAMPAIGN, List.of("100"), reserved, now()).orElseThrow(), 1);
        assertEquals(OperatorState.WRAP_UP, board.stateOf("100", now()));
        assertEquals(0, board.ready(List.of("100"), now()));
        assertEquals(Optional.empty(), board.claim(8, List.of("100"), PACING, now()), "an autodialer call waits");
        Claim incoming = board.claim(9, List.of("100"), null, now()).orElseThrow();
        assertEquals("100", incoming.line(), "an incoming scenario's transfer takes it");
    }

    @Test
    void anUnreservedWrapUpIsBusyForEveryCall() {
        register("100");
        call(claim(PACING), 20);
        assertEquals(Optional.empty(), board.claim(9, List.of("100"), null, now()));
    }

    @Test
    void readyLinesAreOfferedBeforeReservedWrapUps() {
        OperatorPacing reserved = new OperatorPacing(null, null, Duration.ofSeconds(60), Duration.ZERO, true);
        register("100");
        call(board.claim(CAMPAIGN, List.of("100"), reserved, now()).orElseThrow(), 1);
        register("101");
        assertEquals("101", board.claim(9, List.of("100", "101"), null, now()).orElseThrow().line());
    }

    @Test
    void workStatusStopsAndResumesOffersAndAPausedLineIsOnline() {
        OperatorBoard stored = new OperatorBoard(clock, Map.of("100", WorkStatus.PAUS));
        stored.online(new Registration("100", "sip:100@192.0.2.1", "udp", new InetSocketAddress("192.0.2.1", 5060),
                now().plusSeconds(60), null));
        assertEquals(OperatorState.PAUSED, stored.stateOf("100", now()), "a pause stored before a restart holds");
        assertEquals(Status.ONLINE, stored.statusOf("100"));
        AtomicInteger told = new AtomicInteger();
        stored.onReady(told::incrementAndGet);
        stored.setWorkStatus("100", WorkStatus.WORK);
        assertEquals(1, told.get());
        assertEquals(1, stored.ready(List.of("100"), now()));
        stored.setWorkStatus("100", WorkStatus.STOP);
        assertEquals(0, stored.ready(List.of("100"), now()));
    }

    @Test
    void aLineThatGoesOfflineMidCallKeepsItsClaimUntilTheFlowResolvesIt() {
        register("100");
        Claim claim = claim(PACING);
        board.answered(claim, now());
        board.offline("100", OfflineReason.EXPIRED);
        assertEquals(OperatorState.TALKING, board.stateOf("100", now()));
        assertEquals(Status.BUSY, board.statusOf("100"));
        board.talkEnded(claim, Duration.ofSeconds(30), now());
        assertEquals(OperatorState.OFFLINE, board.stateOf("100", now()), "no wrap-up for a line that left");
        assertEquals(Status.OFFLINE, board.statusOf("100"));
        assertEquals(Optional.empty(), board.claim(CAMPAIGN, LINES, PACING, now()));
    }

    @Test
    void presenceFollowsRegistrationAndCalls() {
        assertEquals(Status.OFFLINE, board.statusOf("100"));
        register("100");
        assertEquals(Status.ONLINE, board.statusOf("100"));
        Claim claim = claim(PACING);
        assertEquals(Status.BUSY, board.statusOf("100"), "ringing");
        board.released(claim, now());
        assertEquals(Status.ONLINE, board.statusOf("100"));
        board.offline("100", OfflineReason.UNREGISTERED);
        assertEquals(Status.OFFLINE, board.statusOf("100"));
    }

    @Test
    void readyListenersHearOfEveryOperatorWhoMayHaveBecomeReady() {
        AtomicInteger told = new AtomicInteger();
        board.onReady(told::incrementAndGet);
        register("100");
        assertEquals(1, told.get(), "registered");
        register("100");
        assertEquals(1, told.get(), "a refresh changes nothing");
        Claim claim = claim(PACING);
        board.released(claim, now());
        assertEquals(2, told.get(), "released");
        board.refused(claim(PACING), Refusal.NO_ANSWER, now());
        assertEquals(3, told.get(), "refused");
        call(claim(PACING), 1);
        assertEquals(4, told.get(), "talk over, no wrap-up");
    }

    @Test
    void countsShowEveryLineOfTheCampaignByState() {
        register("100");
        register("101");
        board.answered(claim(PACING), now());
        Map<OperatorState, Integer> counts = board.counts(LINES, now());
        assertEquals(1, counts.get(OperatorState.TALKING));
        assertEquals(1, counts.get(OperatorState.READY));
        assertEquals(1, counts.get(OperatorState.OFFLINE));
        assertFalse(counts.containsValue(null));
        assertEquals(new HashSet<>(List.of(OperatorState.values())), counts.keySet());
    }
}
