package org.outdial.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class TelephoneEventCodecTest {

    @Test
    void digitNineMidEventIsWrittenFieldByField() {
        ByteBuf out = Unpooled.buffer();

        DtmfEncoder.encode(new TelephoneEvent(9, false, 10, 480), out);

        assertArrayEquals(new byte[] {
                0x09,              // event 9 (RFC 4733 §3.2: digit "9")
                0x0A,              // E=0, R=0, volume 10 (-10 dBm0)
                0x01, (byte) 0xE0, // duration 480 (60 ms at 8 kHz)
        }, ByteBufUtil.getBytes(out));
    }

    @Test
    void poundEndPacketIsWrittenWithTheEndBit() {
        ByteBuf out = Unpooled.buffer();

        DtmfEncoder.encode(new TelephoneEvent(11, true, 0, 800), out);

        assertArrayEquals(new byte[] {
                0x0B,              // event 11: "#"
                (byte) 0x80,       // E=1, R=0, volume 0
                0x03, 0x20,        // duration 800 (100 ms)
        }, ByteBufUtil.getBytes(out));
    }

    @Test
    void bytesFromTheWireAreDecodedIntoTheirFields() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {
                (byte) 0xEE,       // junk before the payload, skipped by the offset
                0x0A,              // event 10: "*"
                (byte) 0xBF,       // E=1, R=0 (ignored), volume 63
                (byte) 0xFF, (byte) 0xFF, // duration 65535, the largest
        });

        TelephoneEvent event = DtmfDecoder.decode(in, 1, 4);

        assertEquals(new TelephoneEvent(10, true, 63, 65535), event);
    }

    @Test
    void theReservedBitIsIgnoredOnReceipt() {
        // RFC 4733 §2.3.3: R is sent as zero and ignored by receivers.
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {0x01, 0x40 | 0x07, 0x00, (byte) 0xA0});

        assertEquals(new TelephoneEvent(1, false, 7, 160), DtmfDecoder.decode(in, 0, 4));
    }

    @Test
    void whatIsWrittenIsReadBackForEveryDigit() {
        for (int code = 0; code < 16; code++) {
            TelephoneEvent event = new TelephoneEvent(code, code % 2 == 0, code * 3, code * 160);
            ByteBuf buf = Unpooled.buffer();
            DtmfEncoder.encode(event, buf);
            assertEquals(event, DtmfDecoder.decode(buf, 0, buf.readableBytes()));
        }
    }

    @Test
    void aPayloadShorterThanFourBytesIsRejected() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});

        assertThrows(DtmfFormatException.class, () -> DtmfDecoder.decode(in, 0, 3));
    }

    @Test
    void digitsMapToTheirEventCodes() {
        assertEquals(0, DtmfDigits.eventCode('0'));
        assertEquals(10, DtmfDigits.eventCode('*'));
        assertEquals(11, DtmfDigits.eventCode('#'));
        assertEquals(15, DtmfDigits.eventCode('d'));
        assertEquals('#', DtmfDigits.digit(11));
        assertThrows(IllegalArgumentException.class, () -> DtmfDigits.eventCode('x'));
    }

    @Test
    void outOfRangeFieldsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 64, 0));
        assertEquals("telephone-event volume must be 0..63, was 64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 0, 65536));
    }
}
