package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.analysis.ToneDetector;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.testing.Await;

/** Two real sessions on 127.0.0.1, each the other's far end. */
class RtpLoopbackTest {

    private static final double[] TONES = {400, 800, 1200, 1600, 2000};
    private static final int DTMF_PT = 101;

    private MediaEngine engine;
    private RtpSession caller;
    private RtpSession callee;

    @BeforeEach
    void openTwoConnectedSessions() {
        engine = MediaEngine.start(TestPorts.settings(), 2);
        caller = engine.openSession();
        callee = engine.openSession();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private void connect(Codec codec) {
        caller.connect(new InetSocketAddress("127.0.0.1", callee.localPort()), codec, DTMF_PT);
        callee.connect(new InetSocketAddress("127.0.0.1", caller.localPort()), codec, DTMF_PT);
    }

    private static AudioSource toneSequence() {
        List<AudioSource> parts = new ArrayList<>();
        parts.add(AudioSource.silence(Duration.ofMillis(100)));
        for (double hz : TONES) {
            parts.add(AudioSource.tone(hz, Duration.ofMillis(200), 0.4));
        }
        return AudioSource.concat(parts);
    }

    /** Waits for a condition that the RTP traffic makes true, failing after the timeout. */
    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(5), condition);
    }

    /** Closes the sender, then waits until the receiver has everything that was sent. */
    private RtpStats stopCallerAndDrain() throws InterruptedException {
        caller.close();
        long sent = caller.stats().packetsSent();
        await("the callee has received all " + sent + " packets", () -> callee.stats().packetsReceived() >= sent);
        return callee.stats();
    }

    @Test
    void aToneSequencePlayedOnOneSideArrivesInOrderOnTheOther() throws Exception {
        connect(Codec.PCMU);
        ConcurrentLinkedQueue<short[]> received = new ConcurrentLinkedQueue<>();
        callee.onAudio(received::add);

        long start = System.nanoTime();
        caller.play(toneSequence()).get(5, TimeUnit.SECONDS);
        long playedMillis = (System.nanoTime() - start) / 1_000_000;
        RtpStats calleeStats = stopCallerAndDrain();

        // 1.1 s of audio at real time: paced, not blasted out.
        // The upper bound leaves room for a busy CI machine; a pacer that blasts or drags fails.
        assertTrue(playedMillis >= 1_050 && playedMillis < 1_600, "playback took " + playedMillis + " ms");
        short[] all = concat(received);
        List<Double> heard = new ToneDetector(TONES, 8000, 0.6).sequence(all, 160, 3);
        assertEquals(List.of(400.0, 800.0, 1200.0, 1600.0, 2000.0), heard);

        RtpStats callerStats = caller.stats();
        assertEquals(callerStats.packetsSent(), calleeStats.packetsReceived());
        assertEquals(callerStats.bytesSent(), calleeStats.bytesReceived());
        assertEquals(0, calleeStats.packetsLost());
        assertEquals(172L * callerStats.packetsSent(), callerStats.bytesSent(), "12-byte header + 160 bytes of G.711");
        assertTrue(calleeStats.jitterMillis() < 20, "jitter on loopback was " + calleeStats.jitterMillis() + " ms");
        // The median, not the tail: a pacer with the wrong period is off on every packet, while
        // a loaded test machine only adds the odd late one.
        assertTrue(callerStats.sendIntervalErrorP50Micros() < 5_000,
                "send-interval error p50 was " + callerStats.sendIntervalErrorP50Micros() + " µs");
    }

    @Test
    void theSentAudioTapSeesEveryFrameSentDecodedTheSameAsTheFarEndHearsIt() throws Exception {
        connect(Codec.PCMA);
        ConcurrentLinkedQueue<short[]> sent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<short[]> received = new ConcurrentLinkedQueue<>();
        caller.onSentAudio(sent::add);
        callee.onAudio(received::add);

        caller.play(toneSequence()).get(5, TimeUnit.SECONDS);
        caller.onSentAudio(null);
        stopCallerAndDrain();

        assertTrue(sent.stream().allMatch(f -> f.length == 160), "every tap frame is one 20 ms frame");
        assertEquals(List.of(400.0, 800.0, 1200.0, 1600.0, 2000.0),
                new ToneDetector(TONES, 8000, 0.6).sequence(concat(sent), 160, 3));
        // The tap decodes what was sent, so it matches the far end sample for sample where both have it.
        short[] tapped = concat(sent);
        short[] heard = concat(received);
        int tone = indexOfFirstLoud(heard);
        int tappedTone = indexOfFirstLoud(tapped);
        assertTrue(tone >= 0 && tappedTone >= 0, "a tone in both");
        for (int i = 0; i < 800; i++) {
            assertEquals(heard[tone + i], tapped[tappedTone + i], "sample " + i + " of the first tone");
        }
    }

    private static int indexOfFirstLoud(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > 2000) {
                return i - (i % 160);
            }
        }
        return -1;
    }

    @Test
    void aToneSequenceSurvivesALawToo() throws Exception {
        connect(Codec.PCMA);
        ConcurrentLinkedQueue<short[]> received = new ConcurrentLinkedQueue<>();
        callee.onAudio(received::add);

        caller.play(toneSequence()).get(5, TimeUnit.SECONDS);
        stopCallerAndDrain();

        assertEquals(List.of(400.0, 800.0, 1200.0, 1600.0, 2000.0),
                new ToneDetector(TONES, 8000, 0.6).sequence(concat(received), 160, 3));
    }

    @Test
    void digitsSentAsRfc4733EventsAreReceivedOnceEachInOrder() throws Exception {
        connect(Codec.PCMU);
        List<DtmfEvent> digits = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        callee.onDtmf(event -> {
            digits.add(event);
            three.countDown();
        });

        caller.sendDtmf("1#9").get(5, TimeUnit.SECONDS);
        assertTrue(three.await(2, TimeUnit.SECONDS), "received only " + digits);
        RtpStats calleeStats = stopCallerAndDrain();

        StringBuilder text = new StringBuilder();
        digits.forEach(d -> text.append(d.digit()));
        assertEquals("1#9", text.toString(), "each digit exactly once, though each came in 7 packets");
        assertEquals(0, calleeStats.packetsLost());
    }

    @Test
    void aPauseInTheDigitStringDelaysTheNextDigitByASecond() throws Exception {
        connect(Codec.PCMU);
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        callee.onDtmf(event -> arrivals.add(System.nanoTime()));

        caller.sendDtmf("1.2").get(5, TimeUnit.SECONDS);
        await("two digits arrived", () -> arrivals.size() == 2);

        long gapMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        // 140 ms of events + 100 ms gap + 1000 ms pause between the two starts.
        assertTrue(gapMillis >= 1_150 && gapMillis < 1_600, "gap was " + gapMillis + " ms");
    }

    @Test
    void audioPlayedDuringDigitsResumesAfterThem() throws Exception {
        connect(Codec.PCMU);
        ConcurrentLinkedQueue<short[]> received = new ConcurrentLinkedQueue<>();
        callee.onAudio(received::add);

        var playing = caller.play(toneSequence());
        caller.sendDtmf("5").get(5, TimeUnit.SECONDS);
        playing.get(5, TimeUnit.SECONDS);
        stopCallerAndDrain();

        assertEquals(List.of(400.0, 800.0, 1200.0, 1600.0, 2000.0),
                new ToneDetector(TONES, 8000, 0.6).sequence(concat(received), 160, 3));
    }

    @Test
    void aBridgeRelaysWhatOneLegReceivesToTheOtherLegsFarEnd() throws Exception {
        // caller ⇄ callee is one call; operatorLeg ⇄ operator the other, in A-law. The operator's
        // leg relays what the callee leg receives: the operator hears the caller.
        connect(Codec.PCMU);
        RtpSession operatorLeg = engine.openSession();
        RtpSession operator = engine.openSession();
        operatorLeg.connect(new InetSocketAddress("127.0.0.1", operator.localPort()), Codec.PCMA, DTMF_PT);
        operator.connect(new InetSocketAddress("127.0.0.1", operatorLeg.localPort()), Codec.PCMA, DTMF_PT);
        ConcurrentLinkedQueue<short[]> heard = new ConcurrentLinkedQueue<>();
        operator.onAudio(heard::add);

        var relay = operatorLeg.relayFrom(callee);
        caller.play(toneSequence()).get(5, TimeUnit.SECONDS);
        // The relay delays by up to 100 ms; the last tone's tail arrives after the caller is done.
        long relayed = operatorLeg.stats().packetsSent() + 10;
        await("the relay has sent the last tone", () -> operatorLeg.stats().packetsSent() >= relayed);
        operatorLeg.stopPlayback();

        assertThrows(CancellationException.class, () -> relay.get(1, TimeUnit.SECONDS), "stopping the relay cancels its future");
        assertEquals(List.of(400.0, 800.0, 1200.0, 1600.0, 2000.0),
                new ToneDetector(TONES, 8000, 0.6).sequence(concat(heard), 160, 3));
    }

    private static short[] concat(Iterable<short[]> frames) {
        int total = 0;
        for (short[] frame : frames) {
            total += frame.length;
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] frame : frames) {
            System.arraycopy(frame, 0, all, at, frame.length);
            at += frame.length;
        }
        return all;
    }
}
