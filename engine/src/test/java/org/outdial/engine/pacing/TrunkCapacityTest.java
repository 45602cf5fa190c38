package org.outdial.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.outdial.sip.trunk.TrunkSettings;

class TrunkCapacityTest {

    private static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");

    static TrunkSettings settings(String name, int maxCalls, int maxCps) {
        return new TrunkSettings(name, "sip.example.net", 5060, "udp", null, null, null, "", maxCalls, maxCps);
    }

    static TrunkCapacity trunk(int maxCalls, int maxCps) {
        return new TrunkCapacity(settings("main", maxCalls, maxCps));
    }

    @Test
    void linesRunOutAtMaxCallsAndComeBackWhenCallsEnd() {
        TrunkCapacity trunk = trunk(2, 100);
        assertTrue(trunk.tryAcquire(T0));
        assertTrue(trunk.tryAcquire(T0));
        assertEquals(0, trunk.freeLines());
        assertFalse(trunk.tryAcquire(T0.plusSeconds(5)), "no line, whatever the cps budget");
        trunk.release();
        assertEquals(1, trunk.freeLines());
        assertTrue(trunk.tryAcquire(T0.plusSeconds(5)));
    }

    @Test
    void releasingMoreThanWasTakenIsABug() {
        TrunkCapacity trunk = trunk(2, 100);
        assertThrows(IllegalStateException.class, trunk::release);
    }

    @Test
    void theCpsBudgetIsASlidingSecond() {
        TrunkCapacity trunk = trunk(100, 3);
        assertTrue(trunk.tryAcquire(T0.plusMillis(900)));
        assertTrue(trunk.tryAcquire(T0.plusMillis(950)));
        assertTrue(trunk.tryAcquire(T0.plusMillis(999)));
        assertEquals(0, trunk.callsAllowedNow(T0.plusMillis(1_100)), "a new wall-clock second does not refill it");
        assertFalse(trunk.tryAcquire(T0.plusMillis(1_899)));
        assertEquals(Instant.parse("2024-06-03T10:00:01.900Z"), trunk.nextCallAllowedAt(T0.plusMillis(1_100)));
        assertEquals(1, trunk.callsAllowedNow(T0.plusMillis(1_900)), "the 0.900 start left the window");
        assertEquals(3, trunk.callsAllowedNow(T0.plusMillis(1_999)));
    }

    @Test
    void aFailedAcquireTakesNeitherALineNorACpsSlot() {
        TrunkCapacity trunk = trunk(1, 5);
        assertTrue(trunk.tryAcquire(T0));
        assertFalse(trunk.tryAcquire(T0));
        assertEquals(4, trunk.callsAllowedNow(T0), "the refused call took no cps slot");
        TrunkCapacity fast = trunk(5, 1);
        assertTrue(fast.tryAcquire(T0));
        assertFalse(fast.tryAcquire(T0));
        assertEquals(4, fast.freeLines(), "the refused call took no line");
    }

    @Test
    void oneCapacityPerTrunkByName() {
        Map<String, TrunkCapacity> trunks = TrunkCapacity.of(List.of(settings("a", 10, 5), settings("b", 20, 7)));
        assertEquals(10, trunks.get("a").freeLines());
        assertEquals(7, trunks.get("b").callsAllowedNow(T0));
        assertThrows(IllegalArgumentException.class,
                () -> TrunkCapacity.of(List.of(settings("a", 1, 1), settings("a", 2, 2))));
    }

    @Test
    void campaignsOnManyThreadsNeverTakeMoreThanTheTrunkHas() throws Exception {
        TrunkCapacity trunk = trunk(50, 10_000);
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    if (trunk.tryAcquire(T0)) {
                        taken.incrementAndGet();
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(50, taken.get());
        assertEquals(0, trunk.freeLines());
    }
}
