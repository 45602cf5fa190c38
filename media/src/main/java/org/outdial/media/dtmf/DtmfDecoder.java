package org.outdial.media.dtmf;

import io.netty.buffer.ByteBuf;

/** Reads RFC 4733 telephone-event payloads. Stateless. */
public final class DtmfDecoder {

    private DtmfDecoder() {
    }

    /**
     * Reads the first event of a payload at {@code offset}. RFC 4733 §2.5.1.5 lets a sender pack
     * several short events into one packet; DTMF senders send one event per packet, so only the
     * first is read.
     *
     * @throws DtmfFormatException when fewer than four bytes are available
     */
    public static TelephoneEvent decode(ByteBuf payload, int offset, int length) {
        if (length < TelephoneEvent.LENGTH) {
            throw new DtmfFormatException("telephone-event payload needs 4 bytes (RFC 4733 §2.3), had " + length);
        }
        int event = payload.getUnsignedByte(offset);
        int flags = payload.getUnsignedByte(offset + 1);
        int duration = payload.getUnsignedShort(offset + 2);
        return new TelephoneEvent(event, (flags & 0x80) != 0, flags & 0x3F, duration);
    }
}
