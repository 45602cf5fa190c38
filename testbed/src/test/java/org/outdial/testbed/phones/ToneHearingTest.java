package org.outdial.testbed.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;

class ToneHearingTest {

    private static void feed(ToneHearing hearing, AudioSource audio) {
        short[] frame = new short[AudioSource.FRAME_SAMPLES];
        for (int i = 0; i < audio.frameCount(); i++) {
            audio.copyFrame(i, frame, 0);
            hearing.frame(frame.clone());
        }
    }

    @Test
    void aToneIsHeardOnceItHoldsFiveFramesAndNotBefore() {
        ToneHearing hearing = new ToneHearing();
        feed(hearing, AudioSource.tone(850, Duration.ofMillis(80), 0.3)); // 4 frames
        assertTrue(hearing.first().isEmpty());
        feed(hearing, AudioSource.tone(850, Duration.ofMillis(20), 0.3));
        assertEquals(850.0, hearing.first().orElseThrow());
    }

    @Test
    void neighbouringGridTonesAreToldApartAndTheLastOneIsKept() {
        ToneHearing hearing = new ToneHearing();
        feed(hearing, AudioSource.tone(700, Duration.ofMillis(200), 0.3));
        feed(hearing, AudioSource.silence(Duration.ofMillis(100)));
        feed(hearing, AudioSource.tone(750, Duration.ofMillis(200), 0.05));
        assertEquals(700.0, hearing.first().orElseThrow());
        assertEquals(750.0, hearing.last().orElseThrow());
    }

    @Test
    void silenceAndNoiseAreNoTone() {
        ToneHearing hearing = new ToneHearing();
        feed(hearing, AudioSource.silence(Duration.ofSeconds(1)));
        short[] noise = new short[8000];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextGaussian(0, 3000);
        }
        feed(hearing, AudioSource.ofSamples(noise, "noise"));
        assertTrue(hearing.first().isEmpty(), () -> "heard " + hearing.first());
        assertEquals(List.of(1500.0), ToneHearing.tonesIn(AudioSource.sequence(AudioSource.ofSamples(noise, "noise"),
                AudioSource.tone(1500, Duration.ofMillis(300), 0.3)).samples()));
    }
}
