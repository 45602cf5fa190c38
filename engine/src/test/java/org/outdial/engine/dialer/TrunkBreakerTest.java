package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberData;
import org.outdial.engine.number.NumberState;

class TrunkBreakerTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");
    private static final BreakerSettings THREE = new BreakerSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(1));

    private final TrunkBreaker breaker = new TrunkBreaker(THREE);

    @Test
    void threeFailuresInARowTakeTheTrunkDownAndTheFirstProbeIsDueAfterTheInterval() {
        assertFalse(breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0));
        assertFalse(breaker.onCall(TrunkBreaker.Signal.OVERLOADED, T0.plusSeconds(1)));
        assertTrue(breaker.up());
        assertTrue(breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0.plusSeconds(2)), "the third takes it down");
        assertFalse(breaker.up());
        assertEquals(T0.plusSeconds(2), breaker.downSince());
        assertEquals(T0.plusSeconds(7), breaker.nextProbeAt());
        assertFalse(breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0.plusSeconds(3)), "down once per period");
    }

    @Test
    void anAnsweredCallResetsTheCount() {
        breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        breaker.onCall(TrunkBreaker.Signal.ANSWERED, T0);
        breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        assertFalse(breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0));
        assertTrue(breaker.up());
    }

    @Test
    void callsThatPlacedNothingSayNothing() {
        breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        breaker.onCall(TrunkBreaker.Signal.NONE, T0);
        assertTrue(breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0));
    }

    @Test
    void anUnansweredProbeSchedulesTheNextAndAnAnsweredOneBringsItUp() {
        for (int i = 0; i < 3; i++) {
            breaker.onCall(TrunkBreaker.Signal.UNREACHABLE, T0);
        }
        assertFalse(breaker.onProbe(false, T0.plusSeconds(6)));
        assertEquals(T0.plusSeconds(11), breaker.nextProbeAt());
        assertTrue(breaker.onProbe(true, T0.plusSeconds(11)));
        assertTrue(breaker.up());
        assertNull(breaker.nextProbeAt());
        assertEquals(0, breaker.failuresInARow());
        assertFalse(breaker.onProbe(true, T0.plusSeconds(12)), "a late probe of a trunk already up changes nothing");
    }

    @Test
    void silenceIsTheTrunksFaultUnlessItAnsweredAnotherCallSinceThisOneStarted() {
        assertTrue(breaker.blames(T0), "never answered anything");
        breaker.onCall(TrunkBreaker.Signal.ANSWERED, T0.plusSeconds(10));
        assertTrue(breaker.blames(T0.plusSeconds(10)), "answered before (or as) this call started");
        assertFalse(breaker.blames(T0.plusSeconds(5)), "answered another call while this one waited");
    }

    @Test
    void signalsComeFromTheSipCodeAndTheCause() {
        assertEquals(TrunkBreaker.Signal.OVERLOADED, TrunkBreaker.Signal.of(result(503, 34)));
        assertEquals(TrunkBreaker.Signal.ANSWERED, TrunkBreaker.Signal.of(result(486, 17)));
        assertEquals(TrunkBreaker.Signal.ANSWERED, TrunkBreaker.Signal.of(result(504, 102)), "a 504 is a response");
        assertEquals(TrunkBreaker.Signal.UNREACHABLE, TrunkBreaker.Signal.of(result(null, 102)), "Timer B");
        assertEquals(TrunkBreaker.Signal.UNREACHABLE, TrunkBreaker.Signal.of(result(null, 38)), "transport");
        assertEquals(TrunkBreaker.Signal.NONE, TrunkBreaker.Signal.of(result(null, 41)), "a local error");
        assertEquals(TrunkBreaker.Signal.NONE, TrunkBreaker.Signal.of(result(null, null)), "no call placed");
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new BreakerSettings(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new BreakerSettings(1, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new BreakerSettings(1, Duration.ofSeconds(1), null));
    }

    private static CallResult result(Integer sipCode, Integer q850) {
        AutodialNumber n = new AutodialNumber(1, 1, NumberData.of("380671234567"), NumberState.DIALING, T0, 0, 0, 0,
                false, null);
        return new CallResult(1, n, NumberState.FAIL, sipCode, q850, "outdial", null, null, null, T0, null);
    }
}
