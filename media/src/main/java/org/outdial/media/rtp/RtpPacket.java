package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads and writes RTP headers in place, on a buffer at an offset, without copying or building
 * objects (RFC 3550 §5.1):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * followed, when X is set, by a header extension (§5.3.1: 16-bit profile-defined field, 16-bit
 * length in 32-bit words, then the words), then the payload, then, when P is set, padding whose
 * last byte is its own length (§5.1).
 */
public final class RtpPacket {

    /** §5.1: the fixed header is 12 bytes. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** §5.1: the version field is 2. */
    public static final int VERSION = 2;

    private RtpPacket() {
    }

    public static int version(ByteBuf buf, int offset) {
        return (buf.getUnsignedByte(offset) >> 6) & 0x03;
    }

    public static boolean hasPadding(ByteBuf buf, int offset) {
        return (buf.getUnsignedByte(offset) & 0x20) != 0;
    }

    public static boolean hasExtension(ByteBuf buf, int offset) {
        return (buf.getUnsignedByte(offset) & 0x10) != 0;
    }

    public static int csrcCount(ByteBuf buf, int offset) {
        return buf.getUnsignedByte(offset) & 0x0F;
    }

    public static boolean marker(ByteBuf buf, int offset) {
        return (buf.getUnsignedByte(offset + 1) & 0x80) != 0;
    }

    public static int payloadType(ByteBuf buf, int offset) {
        return buf.getUnsignedByte(offset + 1) & 0x7F;
    }

    public static int sequenceNumber(ByteBuf buf, int offset) {
        return buf.getUnsignedShort(offset + 2);
    }

    public static long timestamp(ByteBuf buf, int offset) {
        return buf.getUnsignedInt(offset + 4);
    }

    public static long ssrc(ByteBuf buf, int offset) {
        return buf.getUnsignedInt(offset + 8);
    }

    /** Fixed header, CSRC list and extension: where the payload starts, relative to {@code offset}. */
    public static int headerLength(ByteBuf buf, int offset) {
        int length = FIXED_HEADER_LENGTH + 4 * csrcCount(buf, offset);
        if (hasExtension(buf, offset)) {
            int words = buf.getUnsignedShort(offset + length + 2);
            length += 4 + 4 * words;
        }
        return length;
    }

    /** Payload length of a packet of {@code length} bytes, without header and padding. */
    public static int payloadLength(ByteBuf buf, int offset, int length) {
        int padding = hasPadding(buf, offset) ? buf.getUnsignedByte(offset + length - 1) : 0;
        return length - headerLength(buf, offset) - padding;
    }

    /**
     * Checks what the accessors rely on: version 2, and a header, extension and padding that fit in
     * {@code length} bytes. Anything else on an RTP port is noise (RFC 3550 §A.1 validity checks).
     *
     * @throws RtpFormatException naming the first problem found
     */
    public static void validate(ByteBuf buf, int offset, int length) {
        if (length < FIXED_HEADER_LENGTH) {
            throw new RtpFormatException("RTP packet shorter than the 12-byte fixed header (RFC 3550 §5.1): " + length + " bytes");
        }
        int version = version(buf, offset);
        if (version != VERSION) {
            throw new RtpFormatException("RTP version must be 2 (RFC 3550 §5.1), was " + version);
        }
        int header = FIXED_HEADER_LENGTH + 4 * csrcCount(buf, offset);
        if (hasExtension(buf, offset)) {
            if (header + 4 > length) {
                throw new RtpFormatException("RTP header extension does not fit in " + length + " bytes");
            }
            header += 4 + 4 * buf.getUnsignedShort(offset + header + 2);
        }
        if (header > length) {
            throw new RtpFormatException("RTP header of " + header + " bytes does not fit in " + length + " bytes");
        }
        if (hasPadding(buf, offset)) {
            int padding = buf.getUnsignedByte(offset + length - 1);
            if (padding == 0 || header + padding > length) {
                throw new RtpFormatException("RTP padding of " + padding + " bytes is invalid for a " + length + "-byte packet");
            }
        }
    }

    /** Appends a 12-byte header (no padding, extension or CSRCs) at the writer index. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        out.writeByte(VERSION << 6);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }

    public static void setMarker(ByteBuf buf, int offset, boolean marker) {
        int b = buf.getUnsignedByte(offset + 1);
        buf.setByte(offset + 1, marker ? b | 0x80 : b & 0x7F);
    }

    public static void setPayloadType(ByteBuf buf, int offset, int payloadType) {
        int b = buf.getUnsignedByte(offset + 1);
        buf.setByte(offset + 1, (b & 0x80) | (payloadType & 0x7F));
    }

    public static void setSequenceNumber(ByteBuf buf, int offset, int sequenceNumber) {
        buf.setShort(offset + 2, sequenceNumber);
    }

    public static void setTimestamp(ByteBuf buf, int offset, long timestamp) {
        buf.setInt(offset + 4, (int) timestamp);
    }

    public static void setSsrc(ByteBuf buf, int offset, long ssrc) {
        buf.setInt(offset + 8, (int) ssrc);
    }
}
