package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.testing.Await;

class MediaEngineTest {

    @Test
    void sessionsTakeEvenPortsFromTheRangeUntilItIsExhausted() {
        MediaSettings settings = TestPorts.settings(4);
        try (MediaEngine engine = MediaEngine.start(settings, 1)) {
            RtpSession first = engine.openSession();
            RtpSession second = engine.openSession();

            assertEquals(0, first.localPort() % 2);
            assertEquals(0, second.localPort() % 2);
            assertTrue(first.localPort() >= settings.portFrom() && second.localPort() <= settings.portTo());
            assertEquals(2, engine.openSessionCount());
            MediaException e = assertThrows(MediaException.class, engine::openSession);
            assertTrue(e.getMessage().startsWith("no free RTP port in sip.media-ports " + settings.portFrom()), e.getMessage());
        }
    }

    @Test
    void aClosedSessionsPortCanBeOpenedAgain() {
        try (MediaEngine engine = MediaEngine.start(TestPorts.settings(2), 1)) {
            RtpSession only = engine.openSession();
            int port = only.localPort();

            only.close();
            RtpSession again = engine.openSession();

            assertEquals(port, again.localPort());
            assertEquals(1, engine.openSessionCount());
        }
    }

    @Test
    void closingTheEngineClosesEverySession() {
        MediaEngine engine = MediaEngine.start(TestPorts.settings(), 1);
        RtpSession a = engine.openSession();
        RtpSession b = engine.openSession();

        engine.close();

        assertEquals(0, engine.openSessionCount());
        assertTrue(a.isClosed() && b.isClosed());
        assertThrows(IllegalStateException.class, engine::openSession);
    }

    @Test
    void hundredsOfSessionsOpenAndCloseWithoutLeakingPorts() {
        try (MediaEngine engine = MediaEngine.start(TestPorts.settings(1000), 2)) {
            int free = engine.freePortCount();
            java.util.List<RtpSession> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sessions.add(engine.openSession());
            }
            assertEquals(300, engine.openSessionCount());

            sessions.forEach(RtpSession::close);

            assertEquals(0, engine.openSessionCount());
            assertEquals(free, engine.freePortCount());
        }
    }

    @Test
    void portsHeldByAnotherProcessAreSkipped() throws Exception {
        MediaSettings settings = TestPorts.settings(40);
        // Someone else holds the first 18 even ports of the range.
        java.util.List<java.net.DatagramSocket> squatters = new java.util.ArrayList<>();
        try (MediaEngine engine = MediaEngine.start(settings, 1)) {
            for (int port = settings.portFrom(); port < settings.portFrom() + 36; port += 2) {
                squatters.add(new java.net.DatagramSocket(port, java.net.InetAddress.getByName("127.0.0.1")));
            }

            RtpSession session = engine.openSession();

            assertTrue(session.localPort() >= settings.portFrom() + 36, "bound to " + session.localPort());
        } finally {
            squatters.forEach(java.net.DatagramSocket::close);
        }
    }

    @Test
    void thePacerReportsEachLoopsTickRuns() throws Exception {
        try (MediaEngine engine = MediaEngine.start(TestPorts.settings(4), 2)) {
            RtpSession session = engine.openSession();
            session.connect(new InetSocketAddress("127.0.0.1", session.localPort()), Codec.PCMU, -1);
            // Each of its 20 ms packets is one tick run on its loop; wait for a few.
            List<MediaPacer.LoopTiming> timings = Await.until("five tick runs", Duration.ofSeconds(5),
                    () -> engine.pacer().loopTimings(),
                    t -> t.stream().mapToLong(MediaPacer.LoopTiming::runs).sum() >= 5);

            assertEquals(2, timings.size());
            MediaPacer.LoopTiming busy = timings.stream().filter(t -> t.sessions() == 1).findFirst().orElseThrow();
            assertTrue(busy.runs() >= 5, "tick runs: " + busy.runs());
            assertTrue(busy.lateP50Micros() <= busy.lateP99Micros() && busy.lateP99Micros() <= busy.lateMaxMicros() + 10);
            assertTrue(busy.runP50Micros() <= busy.runMaxMicros() + 10);
            assertEquals(1, timings.stream().filter(t -> t.sessions() == 0).count());
        }
    }

    @Test
    void eachClosedSessionHandsItsFinalFiguresToTheListener() throws Exception {
        try (MediaEngine engine = MediaEngine.start(TestPorts.settings(4), 1)) {
            List<RtpStats> closed = new CopyOnWriteArrayList<>();
            engine.onSessionClosed(closed::add);
            RtpSession caller = engine.openSession();
            RtpSession callee = engine.openSession();
            caller.connect(new InetSocketAddress("127.0.0.1", callee.localPort()), Codec.PCMU, 101);
            callee.connect(new InetSocketAddress("127.0.0.1", caller.localPort()), Codec.PCMU, 101);
            caller.play(AudioSource.tone(440, Duration.ofMillis(200), 0.4))
                    .get(5, TimeUnit.SECONDS);
            Await.until("the callee received the tone", Duration.ofSeconds(5),
                    () -> callee.stats().packetsReceived() >= 10);

            caller.close();
            callee.close();

            Await.until("both sessions reported", Duration.ofSeconds(5), () -> closed.size() == 2);
            long sent = closed.stream().mapToLong(RtpStats::packetsSent).sum();
            long received = closed.stream().mapToLong(RtpStats::packetsReceived).sum();
            assertTrue(sent >= 10, "the caller's 200 ms of tone, and the callee's silence: " + closed);
            assertTrue(received >= 10 && received <= sent, closed.toString());
        }
    }
}
