package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpSequenceNumberTest {

    @Test
    void nextAfter65535Is0() {
        assertEquals(new RtpSequenceNumber(0), new RtpSequenceNumber(65535).next());
    }

    @Test
    void zeroIsNewerThan65535AcrossTheWrap() {
        RtpSequenceNumber before = new RtpSequenceNumber(65535);
        RtpSequenceNumber after = new RtpSequenceNumber(0);

        assertTrue(after.isNewerThan(before));
        assertFalse(before.isNewerThan(after));
        assertEquals(1, after.minus(before));
        assertEquals(-1, before.minus(after));
    }

    @Test
    void distancesAcrossTheWrapAreSmallAndSigned() {
        assertEquals(10, new RtpSequenceNumber(5).minus(new RtpSequenceNumber(65531)));
        assertEquals(new RtpSequenceNumber(4), new RtpSequenceNumber(65530).plus(10));
        assertEquals(new RtpSequenceNumber(65530), new RtpSequenceNumber(4).plus(-10));
    }

    @Test
    void aPacketCountBeyond16And32BitsStillLandsOnTheRightNumber() {
        RtpSequenceNumber first = new RtpSequenceNumber(65530);

        assertEquals(new RtpSequenceNumber(65530), first.plus(RtpSequenceNumber.MODULUS));
        assertEquals(new RtpSequenceNumber(4), first.plus(10 + 3L * RtpSequenceNumber.MODULUS));
        assertEquals(new RtpSequenceNumber(4), first.plus((1L << 32) + 10), "past what an int holds");
    }

    @Test
    void halfTheSpaceAheadIsOlderBySerialArithmetic() {
        // RFC 1982: exactly half way is undefined; one past it reads as behind.
        assertFalse(new RtpSequenceNumber(32769).isNewerThan(new RtpSequenceNumber(0)));
        assertTrue(new RtpSequenceNumber(32767).isNewerThan(new RtpSequenceNumber(0)));
    }

    @Test
    void valuesOutside16BitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RtpSequenceNumber(65536));
        assertEquals("RTP sequence number must be 0..65535, was 65536", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RtpSequenceNumber(-1));
    }
}
