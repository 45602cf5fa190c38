package org.outdial.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G711Test {

    // Reference values: ITU-T G.711 tables 2a/2b (µ-law) and 1a/1b (A-law), as computed by the
    // public-domain Sun g711.c that telephony stacks (Asterisk, SpanDSP, sox) agree with.

    @Test
    void ulawEncodesZeroAsFfAndDecodesBothZeroCodesToZero() {
        assertEquals((byte) 0xFF, G711.linearToUlaw((short) 0));
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F)); // "negative zero"
    }

    @Test
    void ulawFullScaleCodesDecodeToPlusMinus32124() {
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        assertEquals((byte) 0x80, G711.linearToUlaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.linearToUlaw(Short.MIN_VALUE));
    }

    @Test
    void ulawCodesDecodeToThePublishedTableValues() {
        // Segment 7 steps by 1024, segment 6 by 512; segment 0 by 8 around zero.
        assertEquals(-31100, G711.ulawToLinear((byte) 0x01));
        assertEquals(-16764, G711.ulawToLinear((byte) 0x0F));
        assertEquals(-15996, G711.ulawToLinear((byte) 0x10));
        assertEquals(-15484, G711.ulawToLinear((byte) 0x11));
        assertEquals(132, G711.ulawToLinear((byte) 0xEF));
        assertEquals(120, G711.ulawToLinear((byte) 0xF0));
        assertEquals(8, G711.ulawToLinear((byte) 0xFE));
        assertEquals(-8, G711.ulawToLinear((byte) 0x7E));
    }

    @Test
    void alawCodesDecodeToThePublishedTableValues() {
        // A-law inverts the even bits (G.711 §4), so code 0x00 is sign 0, segment 5, step 5.
        assertEquals(-5504, G711.alawToLinear((byte) 0x00));
        assertEquals(-5248, G711.alawToLinear((byte) 0x01));
        assertEquals(-6016, G711.alawToLinear((byte) 0x02));
        assertEquals(5504, G711.alawToLinear((byte) 0x80));
    }

    @Test
    void alawEncodesZeroAsD5AndDecodesD5AsEight() {
        assertEquals((byte) 0xD5, G711.linearToAlaw((short) 0));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
    }

    @Test
    void alawFullScaleCodesDecodeToPlusMinus32256() {
        assertEquals(32256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
        assertEquals((byte) 0xAA, G711.linearToAlaw(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, G711.linearToAlaw(Short.MIN_VALUE));
    }

    @Test
    void everyUlawCodeSurvivesDecodeThenEncodeExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte expected = (byte) (code == 0x7F ? 0xFF : code);
            assertEquals(expected, G711.linearToUlaw(G711.ulawToLinear((byte) code)), "code " + code);
        }
    }

    @Test
    void everyAlawCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            assertEquals((byte) code, G711.linearToAlaw(G711.alawToLinear((byte) code)), "code " + code);
        }
    }

    @Test
    void decodedValuesAreMonotonicInTheInputForEveryLinearSample() {
        short previousU = G711.ulawToLinear(G711.linearToUlaw(Short.MIN_VALUE));
        short previousA = G711.alawToLinear(G711.linearToAlaw(Short.MIN_VALUE));
        for (int sample = Short.MIN_VALUE + 1; sample <= Short.MAX_VALUE; sample++) {
            short u = G711.ulawToLinear(G711.linearToUlaw((short) sample));
            short a = G711.alawToLinear(G711.linearToAlaw((short) sample));
            assertTrue(u >= previousU, "µ-law not monotonic at " + sample);
            assertTrue(a >= previousA, "A-law not monotonic at " + sample);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void quantizationErrorStaysWithinHalfAStepOfTheSegment() {
        for (int sample = -32000; sample <= 32000; sample++) {
            int u = G711.ulawToLinear(G711.linearToUlaw((short) sample));
            int a = G711.alawToLinear(G711.linearToAlaw((short) sample));
            // The largest step is 1024 (µ-law segment 7) and 1024 (A-law segment 7).
            int bound = Math.max(16, Math.abs(sample) / 16 + 16);
            assertTrue(Math.abs(u - sample) <= bound, "µ-law error at " + sample + ": " + u);
            assertTrue(Math.abs(a - sample) <= bound, "A-law error at " + sample + ": " + a);
        }
    }

    @Test
    void aSineThroughEitherLawKeepsAboutG711sSignalToNoiseRatio() {
        for (Codec codec : Codec.values()) {
            short[] pcm = new short[8000];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 1004 * i / 8000.0));
            }
            byte[] encoded = new byte[pcm.length];
            short[] decoded = new short[pcm.length];
            codec.encode(pcm, 0, pcm.length, encoded, 0);
            codec.decode(encoded, 0, encoded.length, decoded, 0);
            double signal = 0;
            double noise = 0;
            for (int i = 0; i < pcm.length; i++) {
                signal += (double) pcm[i] * pcm[i];
                noise += (double) (pcm[i] - decoded[i]) * (pcm[i] - decoded[i]);
            }
            double snr = 10 * Math.log10(signal / noise);
            // G.711 gives about 38 dB for a loud sine (ITU-T G.712's limits are lower).
            assertTrue(snr > 35, codec + " SNR was " + snr + " dB");
        }
    }

    @Test
    void codecsCarryTheirStaticPayloadTypes() {
        assertEquals(0, Codec.PCMU.payloadType());
        assertEquals(8, Codec.PCMA.payloadType());
        assertEquals(Codec.PCMA, Codec.forPayloadType(8).orElseThrow());
        assertTrue(Codec.forPayloadType(18).isEmpty());
        assertEquals((byte) 0xFF, Codec.PCMU.silenceByte());
        assertEquals((byte) 0xD5, Codec.PCMA.silenceByte());
    }
}
