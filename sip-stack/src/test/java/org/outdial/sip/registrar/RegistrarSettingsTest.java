package org.outdial.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrarSettingsTest {

    @Test
    void theDefaultsPutAVanishedPhoneOfflineWithin90Seconds() {
        assertEquals(Duration.ofSeconds(90), RegistrarSettings.DEFAULTS.offlineWithin());
    }

    @Test
    void aDefaultExpiryOutsideTheBoundsIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegistrarSettings(
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(3600), Duration.ofSeconds(30), 2,
                Duration.ofMinutes(5), 5, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertTrue(e.getMessage().startsWith("registrar.default-expiry"), e.getMessage());
    }

    @Test
    void zeroMissesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegistrarSettings(
                Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(3600), Duration.ofSeconds(30), 0,
                Duration.ofMinutes(5), 5, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertEquals("registrar.keep-alive-misses must be 1..100, was 0", e.getMessage());
    }
}
