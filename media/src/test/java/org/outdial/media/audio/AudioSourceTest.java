package org.outdial.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.media.analysis.Goertzel;
import org.outdial.media.codec.Codec;

class AudioSourceTest {

    @Test
    void silenceIsRoundedUpToWholeFramesOfZeros() {
        AudioSource silence = AudioSource.silence(Duration.ofMillis(50));

        assertEquals(400, silence.sampleCount());
        assertEquals(3, silence.frameCount());
        short[] frame = new short[160];
        silence.copyFrame(2, frame, 0);
        for (short s : frame) {
            assertEquals(0, s);
        }
    }

    @Test
    void aToneHasItsFrequencyAndAmplitude() {
        AudioSource tone = AudioSource.tone(440, Duration.ofSeconds(1), 0.5);

        short[] samples = tone.samples();
        assertEquals(8000, samples.length);
        assertEquals(50, tone.frameCount());
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertEquals(16384, peak, 2);
        assertTrue(new Goertzel(440, 8000).power(samples, 0, 8000) > 1000 * new Goertzel(880, 8000).power(samples, 0, 8000));
    }

    @Test
    void concatenationJoinsSamplesWithoutPaddingInBetween() {
        AudioSource a = AudioSource.ofSamples(new short[] {1, 2, 3}, "a");
        AudioSource b = AudioSource.ofSamples(new short[] {4, 5}, "b");

        AudioSource joined = AudioSource.sequence(a, b);

        assertEquals(5, joined.sampleCount());
        assertEquals("[1, 2, 3, 4, 5]", java.util.Arrays.toString(joined.samples()));
        assertEquals("[a, b]", joined.description());
        assertEquals(1, joined.frameCount());
    }

    @Test
    void encodedPayloadsAreComputedOncePerCodecAndHoldEveryFrame() {
        AudioSource tone = AudioSource.tone(1000, Duration.ofMillis(100), 0.3);

        EncodedAudio ulaw = tone.encoded(Codec.PCMU);

        assertSame(ulaw, tone.encoded(Codec.PCMU));
        assertEquals(5, ulaw.frameCount());
        ByteBuf out = Unpooled.buffer();
        ulaw.writeFrame(4, out);
        assertEquals(160, out.readableBytes());
        short[] pcm = new short[160];
        tone.copyFrame(4, pcm, 0);
        byte[] expected = new byte[160];
        Codec.PCMU.encode(pcm, 0, 160, expected, 0);
        for (int i = 0; i < 160; i++) {
            assertEquals(expected[i], out.getByte(i));
        }
    }

    @Test
    void emptyHasNoFramesAndConcatOfOneIsTheSame() {
        assertEquals(0, AudioSource.empty().frameCount());
        AudioSource a = AudioSource.silence(Duration.ofMillis(20));
        assertSame(a, AudioSource.concat(List.of(a)));
    }

    @Test
    void invalidToneArgumentsNameTheirRange() {
        IllegalArgumentException frequency = assertThrows(IllegalArgumentException.class,
                () -> AudioSource.tone(5000, Duration.ofSeconds(1), 0.5));
        assertTrue(frequency.getMessage().contains("was 5000"), frequency.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioSource.tone(440, Duration.ofSeconds(1), 1.5));
        assertThrows(IllegalArgumentException.class, () -> AudioSource.silence(Duration.ofMillis(-1)));
    }
}
