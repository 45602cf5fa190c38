package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void aHeaderIsWrittenFieldByField() {
        ByteBuf out = Unpooled.buffer();

        RtpPacket.writeHeader(out, true, 8, 0xFFFE, 0xFFFF_FFF0L, 0xDEADBEEFL);

        assertArrayEquals(new byte[] {
                (byte) 0x80,                                   // V=2, P=0, X=0, CC=0
                (byte) 0x88,                                   // M=1, PT=8 (PCMA)
                (byte) 0xFF, (byte) 0xFE,                      // sequence 65534
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, // timestamp 2^32-16
                (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, // SSRC
        }, ByteBufUtil.getBytes(out));
    }

    @Test
    void aReceivedPacketIsReadInPlaceAtAnOffset() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {
                0x55, 0x55,                                    // two bytes before the packet
                (byte) 0x80,                                   // V=2, no padding/extension/CSRC
                0x65,                                          // M=0, PT=101 (telephone-event)
                0x12, 0x34,                                    // sequence 4660
                0x00, 0x00, 0x1F, 0x40,                        // timestamp 8000
                0x00, 0x00, 0x00, 0x2A,                        // SSRC 42
                0x01, 0x0A, 0x00, (byte) 0xA0,                 // payload: 4 bytes
        });

        RtpPacket.validate(in, 2, 16);
        assertEquals(2, RtpPacket.version(in, 2));
        assertFalse(RtpPacket.marker(in, 2));
        assertEquals(101, RtpPacket.payloadType(in, 2));
        assertEquals(0x1234, RtpPacket.sequenceNumber(in, 2));
        assertEquals(8000, RtpPacket.timestamp(in, 2));
        assertEquals(42, RtpPacket.ssrc(in, 2));
        assertEquals(12, RtpPacket.headerLength(in, 2));
        assertEquals(4, RtpPacket.payloadLength(in, 2, 16));
    }

    @Test
    void csrcsExtensionAndPaddingAreSkippedToFindThePayload() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {
                (byte) 0xB1,                                   // V=2, P=1, X=1, CC=1
                0x00,                                          // M=0, PT=0
                0x00, 0x01,                                    // sequence 1
                0x00, 0x00, 0x00, 0x00,                        // timestamp 0
                0x00, 0x00, 0x00, 0x01,                        // SSRC 1
                0x00, 0x00, 0x00, 0x02,                        // CSRC 2
                (byte) 0xBE, (byte) 0xDE, 0x00, 0x01,          // extension: profile 0xBEDE, 1 word
                0x10, 0x20, 0x30, 0x40,                        // the extension word
                (byte) 0xFF, (byte) 0xFF,                      // payload: 2 bytes of µ-law silence
                0x00, 0x00, 0x03,                              // padding: 3 bytes, last is its count
        });

        RtpPacket.validate(in, 0, in.readableBytes());
        assertEquals(24, RtpPacket.headerLength(in, 0));
        assertEquals(2, RtpPacket.payloadLength(in, 0, in.readableBytes()));
    }

    @Test
    void settersChangeOneFieldInPlace() {
        ByteBuf buf = Unpooled.buffer();
        RtpPacket.writeHeader(buf, false, 0, 1, 2, 3);

        RtpPacket.setMarker(buf, 0, true);
        RtpPacket.setPayloadType(buf, 0, 101);
        RtpPacket.setSequenceNumber(buf, 0, 65535);
        RtpPacket.setTimestamp(buf, 0, 0xFFFF_FFFFL);
        RtpPacket.setSsrc(buf, 0, 0x8000_0000L);

        assertTrue(RtpPacket.marker(buf, 0));
        assertEquals(101, RtpPacket.payloadType(buf, 0));
        assertEquals(65535, RtpPacket.sequenceNumber(buf, 0));
        assertEquals(0xFFFF_FFFFL, RtpPacket.timestamp(buf, 0));
        assertEquals(0x8000_0000L, RtpPacket.ssrc(buf, 0));
    }

    @Test
    void packetsThatAreNotRtpAreRejectedWithTheReason() {
        ByteBuf stun = Unpooled.wrappedBuffer(new byte[] {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xA4, 0x42, 0, 0, 0, 0});
        RtpFormatException version = assertThrows(RtpFormatException.class, () -> RtpPacket.validate(stun, 0, 12));
        assertTrue(version.getMessage().contains("version must be 2"), version.getMessage());

        ByteBuf shortOne = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0});
        assertThrows(RtpFormatException.class, () -> RtpPacket.validate(shortOne, 0, 3));

        ByteBuf tooManyCsrcs = Unpooled.wrappedBuffer(new byte[] {(byte) 0x8F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThrows(RtpFormatException.class, () -> RtpPacket.validate(tooManyCsrcs, 0, 12));

        ByteBuf zeroPadding = Unpooled.wrappedBuffer(new byte[] {(byte) 0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThrows(RtpFormatException.class, () -> RtpPacket.validate(zeroPadding, 0, 13));
    }
}
