package org.outdial.media.dtmf;

import io.netty.buffer.ByteBuf;

/** Writes RFC 4733 telephone-event payloads. Stateless. */
public final class DtmfEncoder {

    private DtmfEncoder() {
    }

    /** Appends the four payload bytes of {@code event} at the writer index. */
    public static void encode(TelephoneEvent event, ByteBuf out) {
        write(event.event(), event.end(), event.volume(), event.duration(), out);
    }

    /**
     * Appends a payload without building a {@link TelephoneEvent}: the pacer calls this on every
     * 20 ms update of an event. The R bit is always written as zero (RFC 4733 §2.3.3).
     */
    public static void write(int event, boolean end, int volume, int duration, ByteBuf out) {
        out.writeByte(event);
        out.writeByte((end ? 0x80 : 0) | (volume & 0x3F));
        out.writeShort(duration);
    }
}
