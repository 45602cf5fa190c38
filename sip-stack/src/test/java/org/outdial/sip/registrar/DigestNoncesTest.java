package org.outdial.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestNoncesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final DigestNonces nonces = new DigestNonces(new byte[32], Duration.ofMinutes(5));

    @Test
    void aNonceIsFreshForItsLifetimeAndStaleAfter() {
        String nonce = nonces.issue("10.0.0.7", T0);
        assertTrue(nonces.fresh(nonce, "10.0.0.7", T0));
        assertTrue(nonces.fresh(nonce, "10.0.0.7", T0.plus(Duration.ofMinutes(5))));
        assertFalse(nonces.fresh(nonce, "10.0.0.7", T0.plus(Duration.ofMinutes(5)).plusSeconds(1)));
    }

    @Test
    void aNonceIsBoundToTheClientsAddress() {
        String nonce = nonces.issue("10.0.0.7", T0);
        assertFalse(nonces.fresh(nonce, "10.0.0.8", T0));
    }

    @Test
    void anotherSecretsNoncesAreNotOurs() {
        // What a restart does: a new random secret.
        String before = DigestNonces.random(Duration.ofMinutes(5)).issue("10.0.0.7", T0);
        assertFalse(nonces.fresh(before, "10.0.0.7", T0));
    }

    @Test
    void aTamperedOrMalformedNonceIsNotOurs() {
        String nonce = nonces.issue("10.0.0.7", T0);
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertFalse(nonces.fresh(tampered, "10.0.0.7", T0));
        assertFalse(nonces.fresh("not base64 !", "10.0.0.7", T0));
        assertFalse(nonces.fresh("", "10.0.0.7", T0));
    }

    @Test
    void aNonceFromTheFutureIsNotFresh() {
        String nonce = nonces.issue("10.0.0.7", T0.plusSeconds(60));
        assertFalse(nonces.fresh(nonce, "10.0.0.7", T0));
    }

    @Test
    void noncesDifferFromSecondToSecond() {
        assertNotEquals(nonces.issue("10.0.0.7", T0), nonces.issue("10.0.0.7", T0.plusSeconds(1)));
    }
}
