package org.outdial.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthFailuresTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final AuthFailures failures = new AuthFailures(5, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void theFifthFailureWithinTheWindowBlocksTheAddressForTheBlockTime() {
        for (int i = 0; i < 4; i++) {
            assertNull(failures.failed("203.0.113.9", T0.plusSeconds(i)));
        }
        assertFalse(failures.blocked("203.0.113.9", T0.plusSeconds(4)));
        assertEquals(T0.plusSeconds(4).plus(Duration.ofMinutes(5)), failures.failed("203.0.113.9", T0.plusSeconds(4)));
        assertTrue(failures.blocked("203.0.113.9", T0.plusSeconds(5)));
        assertTrue(failures.blocked("203.0.113.9", T0.plusSeconds(4).plus(Duration.ofMinutes(5)).minusMillis(1)));
        assertFalse(failures.blocked("203.0.113.9", T0.plusSeconds(4).plus(Duration.ofMinutes(5))));
    }

    @Test
    void otherAddressesAreNotBlocked() {
        for (int i = 0; i < 5; i++) {
            failures.failed("203.0.113.9", T0);
        }
        assertFalse(failures.blocked("203.0.113.10", T0));
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            failures.failed("203.0.113.9", T0);
        }
        assertNull(failures.failed("203.0.113.9", T0.plus(Duration.ofMinutes(1))), "the first four fell out");
        assertFalse(failures.blocked("203.0.113.9", T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 4; i++) {
            failures.failed("203.0.113.9", T0);
        }
        failures.succeeded("203.0.113.9");
        assertNull(failures.failed("203.0.113.9", T0));
        assertFalse(failures.blocked("203.0.113.9", T0));
    }

    @Test
    void anExpiredBlockIsForgotten() {
        for (int i = 0; i < 5; i++) {
            failures.failed("203.0.113.9", T0);
        }
        assertFalse(failures.blocked("203.0.113.9", T0.plus(Duration.ofMinutes(6))));
        assertEquals(0, failures.tracked());
    }
}
