package org.outdial.testbed.sipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.media.analysis.ToneDetector;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.outcome.Outcome;
import org.outdial.testing.Await;

/** Audio and DTMF over real RTP with SIPp: its DTMF pcaps, and its echo of what Outdial sends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaThroughSippTest {

    private SippLine line;

    @BeforeAll
    void startSipp() throws Exception {
        line = SippLine.start(Duration.ofMinutes(5));
    }

    @AfterAll
    void stopSipp() {
        if (line != null) {
            line.close();
        }
    }

    @Test
    void digitsPressedByTheCalleeAreDetected() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER_AND_PRESS_12_POUND,
                Duration.ofSeconds(10)));
        StringBuffer digits = new StringBuffer();
        call.onDtmf(event -> digits.append(event.digit()));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));

        awaitLength(digits, 3, Duration.ofSeconds(5));
        call.hangup();

        assertEquals("12#", digits.toString());
        assertEquals(Outcome.ANSWERED, call.outcome().get(10, TimeUnit.SECONDS).outcome());
    }

    @Test
    void digitsWeSendComeBackThroughTheEchoAndAreDecoded() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER, Duration.ofSeconds(10)));
        StringBuffer digits = new StringBuffer();
        call.onDtmf(event -> digits.append(event.digit()));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));

        call.sendDtmf("159#*0").get(10, TimeUnit.SECONDS);
        awaitLength(digits, 6, Duration.ofSeconds(3));
        call.hangup();

        assertEquals("159#*0", digits.toString());
        call.outcome().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aToneSequenceComesBackIntactInOrder() throws Exception {
        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, CalleeNumbers.ANSWER, Duration.ofSeconds(10)));
        List<short[]> received = new ArrayList<>();
        call.onAudio(frame -> {
            synchronized (received) {
                received.add(frame);
            }
        });
        assertTrue(call.answered().get(10, TimeUnit.SECONDS));

        Duration each = Duration.ofMillis(300);
        AudioSource tones = AudioSource.sequence(AudioSource.tone(697, each, 0.5), AudioSource.tone(1209, each, 0.5),
                AudioSource.tone(941, each, 0.5), AudioSource.tone(1477, each, 0.5));
        call.play(tones).get(10, TimeUnit.SECONDS);
        ToneDetector detector = new ToneDetector(new double[] {697, 941, 1209, 1477}, 8000, 0.5);
        // The echo of the last frames is still on its way: wait until a fourth tone is heard back.
        // 160-sample blocks, a tone counts after 5 blocks (100 ms) of its 300 ms.
        List<Double> heard = Await.until("four tones heard back", Duration.ofSeconds(5), () -> {
            synchronized (received) {
                return detector.sequence(join(received), 160, 5);
            }
        }, tonesSoFar -> tonesSoFar.size() >= 4);
        call.hangup();
        call.outcome().get(10, TimeUnit.SECONDS);

        assertEquals(List.of(697.0, 1209.0, 941.0, 1477.0), heard, "tones heard back in " + received.size() + " frames");
        var stats = call.mediaStats();
        assertTrue(stats.packetsReceived() >= 55, "received about 60+ packets of echo: " + stats);
        assertEquals(0, stats.packetsLost(), "loopback loses nothing: " + stats);
    }

    private static short[] join(List<short[]> frames) {
        int total = frames.stream().mapToInt(f -> f.length).sum();
        short[] out = new short[total];
        int at = 0;
        for (short[] f : frames) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    private static void awaitLength(CharSequence text, int length, Duration timeout) {
        Await.until(length + " digits", timeout, text::length, n -> n >= length);
    }
}
