package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpTimestampTest {

    private static final long MAX = 0xFFFF_FFFFL;

    @Test
    void aFrameAfterTheLastTimestampWrapsTo159() {
        assertEquals(new RtpTimestamp(159), new RtpTimestamp(MAX).plus(160));
    }

    @Test
    void aFrameCountPastTheWrapLandsOnTheRightTimestamp() {
        RtpTimestamp first = new RtpTimestamp(MAX - 479);

        assertEquals(new RtpTimestamp(0), first.plus(3 * 160));
        assertEquals(new RtpTimestamp(160), first.plus(4 * 160 + 5 * RtpTimestamp.MODULUS));
        assertEquals(new RtpTimestamp(MAX - 639), first.plus(-160 + RtpTimestamp.MODULUS * 2));
    }

    @Test
    void timestampsAfterTheWrapAreNewer() {
        RtpTimestamp before = new RtpTimestamp(MAX - 79);
        RtpTimestamp after = new RtpTimestamp(80);

        assertTrue(after.isNewerThan(before));
        assertFalse(before.isNewerThan(after));
        assertEquals(160, after.minus(before));
        assertEquals(-160, before.minus(after));
    }

    @Test
    void valuesOutside32BitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RtpTimestamp(MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> new RtpTimestamp(-1));
    }
}
