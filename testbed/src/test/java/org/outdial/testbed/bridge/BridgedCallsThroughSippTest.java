package org.outdial.testbed.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.analysis.ToneDetector;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.media.rtp.RtpSession;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.outcome.Party;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.LoopbackTelephony;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testing.Await;

/**
 * Two calls dialed through Outdial's real SIP stack to SIPp and bridged with {@link Call#bridge}.
 * SIPp answers each call with SDP that points at one of two RTP endpoints in this test (its
 * {@code -inf} file gives call 1 the first, call 2 the second): far end A speaks PCMU with
 * telephone-event 101, far end B PCMA with telephone-event 96, so the bridge must transcode and
 * re-type digits. Each far end plays its own tone and must hear the other's (Goertzel).
 */
class BridgedCallsThroughSippTest {

    private static final double TONE_A = 500;
    private static final double TONE_B = 1300;
    private static final ToneDetector DETECTOR = new ToneDetector(new double[] {TONE_A, TONE_B}, 8000, 0.6);

    private Path scratch;
    private MediaEngine farEnds;
    private RtpSession farA;
    private RtpSession farB;
    private SippProcess sipp;
    private LoopbackTelephony outdial;

    @BeforeEach
    void startSippPointingAtTwoFarEnds() throws Exception {
        int rtp = LoopbackPorts.evenRange(8);
        farEnds = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 7), 1);
        farA = farEnds.openSession();
        farB = farEnds.openSession();
        scratch = Files.createTempDirectory("outdial-bridge-");
        Path scenario = Sipp.scenario("far-end-callee.xml");
        Path fields = Files.writeString(scratch.resolve("far-ends.csv"), "SEQUENTIAL\n"
                + farA.localPort() + ";0;101;PCMU\n" + farB.localPort() + ";8;96;PCMA\n");
        sipp = SippProcess.uas(scenario, Duration.ofMinutes(2), "-inf", fields.toString());
        outdial = LoopbackTelephony.start(40, List.of(
                new TrunkSettings("sipp", "127.0.0.1", sipp.sipPort(), "udp", null, null, "15550001", "", 10, 10)));
        // Until Outdial's first packet arrives and they latch to it (symmetric RTP), the far ends
        // send to the discard port.
        farA.connect(new InetSocketAddress("127.0.0.1", 9), Codec.PCMU, 101);
        farB.connect(new InetSocketAddress("127.0.0.1", 9), Codec.PCMA, 96);
    }

    @AfterEach
    void stopAll() throws IOException {
        try {
            if (outdial != null) {
                outdial.close();
            }
        } finally {
            if (sipp != null) {
                sipp.close();
            }
            farEnds.close();
            try (var files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
        }
    }

    /** Dials one call and waits for the answer; SIPp gives the n-th call the n-th far end. */
    private Call dialAndAnswer(String number) throws Exception {
        Call call = outdial.telephony.dial(DialRequest.of("sipp", number, Duration.ofSeconds(10)));
        assertTrue(call.answered().get(10, TimeUnit.SECONDS), "answered: " + call);
        return call;
    }

    private static ConcurrentLinkedQueue<short[]> heardBy(RtpSession far) {
        ConcurrentLinkedQueue<short[]> heard = new ConcurrentLinkedQueue<>();
        far.onAudio(heard::add);
        return heard;
    }

    private static List<Double> tones(Iterable<short[]> frames) {
        int total = 0;
        for (short[] frame : frames) {
            total += frame.length;
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] frame : frames) {
            int n = Math.min(frame.length, total - at);
            System.arraycopy(frame, 0, all, at, n);
            at += n;
        }
        return DETECTOR.sequence(all, 160, 10);
    }

    @Test
    void bridgedCallsHearEachOtherAndPassDigitsAcrossCodecs() throws Exception {
        Call a = dialAndAnswer("1001");
        Call b = dialAndAnswer("1002");
        var heardByA = heardBy(farA);
        var heardByB = heardBy(farB);
        StringBuffer digitsAtB = new StringBuffer();
        farB.onDtmf(event -> digitsAtB.append(event.digit()));

        a.bridge(b);
        farA.play(AudioSource.tone(TONE_A, Duration.ofSeconds(1), 0.5));
        farB.play(AudioSource.tone(TONE_B, Duration.ofSeconds(1), 0.5));

        assertEquals(List.of(TONE_A), Await.until("far end B hears A's tone", Duration.ofSeconds(5),
                () -> tones(heardByB), t -> t.contains(TONE_A)));
        assertEquals(List.of(TONE_B), Await.until("far end A hears B's tone", Duration.ofSeconds(5),
                () -> tones(heardByA), t -> t.contains(TONE_B)));
        farA.sendDtmf("9*").get(5, TimeUnit.SECONDS);
        Await.until("far end B has two digits (as telephone-event 96)", Duration.ofSeconds(3),
                () -> digitsAtB.length() >= 2);
        assertEquals("9*", digitsAtB.toString());

        a.hangup();
        b.hangup();
        a.outcome().get(10, TimeUnit.SECONDS);
        b.outcome().get(10, TimeUnit.SECONDS);
    }

    @Test
    void oneCallEndingEndsTheRelayButNotTheOtherCall() throws Exception {
        Call a = dialAndAnswer("1001");
        Call b = dialAndAnswer("1002");
        a.bridge(b);
        farA.play(AudioSource.tone(TONE_A, Duration.ofSeconds(10), 0.5));
        var heardByB = heardBy(farB);
        Await.until("far end B hears A's tone", Duration.ofSeconds(5), () -> tones(heardByB).contains(TONE_A));

        a.hangup();
        assertEquals(Party.LOCAL, a.outcome().get(10, TimeUnit.SECONDS).endedBy());
        heardByB.clear();
        long sent = b.mediaStats().packetsSent();
        Await.until("call B goes on sending", Duration.ofSeconds(3), () -> b.mediaStats().packetsSent() >= sent + 25);

        assertFalse(b.outcome().isDone(), "call B is still up: the engine decides whether to hang it up");
        assertEquals(List.of(), tones(heardByB), "call B sends silence, not A's tone");
        assertThrows(IllegalStateException.class, () -> b.bridge(a), "call A has ended");
        assertThrows(IllegalArgumentException.class, () -> b.bridge(b));
        b.unbridge();
        b.hangup();
        b.outcome().get(10, TimeUnit.SECONDS);
    }
}
