package org.outdial.media.codec;

/**
 * ITU-T G.711 companding: µ-law (North America, Japan) and A-law (elsewhere), by table.
 *
 * <p>The tables are built once from the reference algorithm of Sun Microsystems' public-domain
 * {@code g711.c}, which implements G.711 exactly: µ-law works on the top 14 bits of a 16-bit sample
 * and A-law on the top 13 bits (G.711 tables 2 and 1), so the encode tables are indexed by the sample
 * shifted right by 2 and 3. Encoding a 20 ms frame is then 160 array loads.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;   // G.711 µ-law bias (33 in 14-bit units, 132 in 16-bit)
    private static final int ULAW_CLIP = 8159;   // largest 14-bit magnitude before the bias is added
    private static final int[] SEGMENT_ENDS_ULAW = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] SEGMENT_ENDS_ALAW = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] LINEAR14_TO_ULAW = new byte[1 << 14];
    private static final byte[] LINEAR13_TO_ALAW = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) ulawToLinearReference(code);
            ALAW_TO_LINEAR[code] = (short) alawToLinearReference(code);
        }
        for (int i = 0; i < LINEAR14_TO_ULAW.length; i++) {
            short sample = (short) (i << 2);
            LINEAR14_TO_ULAW[i] = (byte) linearToUlawReference(sample);
        }
        for (int i = 0; i < LINEAR13_TO_ALAW.length; i++) {
            short sample = (short) (i << 3);
            LINEAR13_TO_ALAW[i] = (byte) linearToAlawReference(sample);
        }
    }

    private G711() {
    }

    /** Encodes one 16-bit linear sample to a µ-law byte. */
    public static byte linearToUlaw(short sample) {
        return LINEAR14_TO_ULAW[(sample >> 2) & 0x3FFF];
    }

    /** Decodes one µ-law byte to a 16-bit linear sample (range ±32124). */
    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** Encodes one 16-bit linear sample to an A-law byte (even bits already inverted, as G.711 table 1 transmits it). */
    public static byte linearToAlaw(short sample) {
        return LINEAR13_TO_ALAW[(sample >> 3) & 0x1FFF];
    }

    /** Decodes one A-law byte to a 16-bit linear sample (range ±32256). */
    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static int linearToUlawReference(short pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (value > ULAW_CLIP) {
            value = ULAW_CLIP;
        }
        value += ULAW_BIAS >> 2;
        int segment = segment(value, SEGMENT_ENDS_ULAW);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
        return code ^ mask;
    }

    private static int ulawToLinearReference(int code) {
        int inverted = ~code & 0xFF;
        int t = ((inverted & 0x0F) << 3) + ULAW_BIAS;
        t <<= (inverted & 0x70) >> 4;
        return (inverted & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int linearToAlawReference(short pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = segment(value, SEGMENT_ENDS_ALAW);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return code ^ mask;
    }

    private static int alawToLinearReference(int code) {
        int value = code ^ 0x55;
        int t = (value & 0x0F) << 4;
        int segment = (value & 0x70) >> 4;
        switch (segment) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= segment - 1;
            }
        }
        return (value & 0x80) != 0 ? t : -t;
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
