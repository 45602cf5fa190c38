package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.testing.Await;

/** One session against a plain UDP socket standing in for the far end. */
class RtpSessionTest {

    private MediaEngine engine;
    private RtpSession session;
    private DatagramSocket farEnd;

    @BeforeEach
    void open() throws Exception {
        engine = MediaEngine.start(TestPorts.settings(), 1);
        session = engine.openSession();
        farEnd = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        farEnd.setSoTimeout(2_000);
    }

    @AfterEach
    void close() {
        farEnd.close();
        engine.close();
    }

    private ByteBuf receive() throws Exception {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        farEnd.receive(packet);
        return Unpooled.wrappedBuffer(buffer, 0, packet.getLength());
    }

    private InetSocketAddress farEndAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), farEnd.getLocalPort());
    }

    @Test
    void anIdleConnectedSessionSendsSilenceEveryTwentyMillisecondsWithConsecutiveHeaders() throws Exception {
        session.connect(farEndAddress(), Codec.PCMU, -1);

        ByteBuf first = receive();
        ByteBuf second = receive();

        // RFC 3551 §4.1: no silence suppression, so no marker bit on audio.
        assertFalse(RtpPacket.marker(first, 0));
        assertFalse(RtpPacket.marker(second, 0));
        assertEquals(0, RtpPacket.payloadType(first, 0));
        assertEquals(session.ssrc(), RtpPacket.ssrc(first, 0));
        assertEquals((RtpPacket.sequenceNumber(first, 0) + 1) & 0xFFFF, RtpPacket.sequenceNumber(second, 0));
        assertEquals((RtpPacket.timestamp(first, 0) + 160) & 0xFFFF_FFFFL, RtpPacket.timestamp(second, 0));
        assertEquals(172, first.readableBytes());
        for (int i = 12; i < 172; i++) {
            assertEquals((byte) 0xFF, first.getByte(i), "µ-law silence");
        }
    }

    @Test
    void packetsFollowTheSourceOfTheFirstReceivedPacketAsSymmetricRtp() throws Exception {
        // The SDP named a port nobody listens on; the far end's packets come from farEnd.
        try (DatagramSocket advertised = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            session.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), advertised.getLocalPort()), Codec.PCMA, 101);
            ByteBuf rtp = Unpooled.buffer();
            RtpPacket.writeHeader(rtp, true, 8, 1, 160, 0x1234);
            rtp.writeZero(160);
            byte[] bytes = new byte[rtp.readableBytes()];
            rtp.getBytes(0, bytes);
            farEnd.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localPort())));

            ByteBuf packet = receive();

            assertEquals(8, RtpPacket.payloadType(packet, 0));
            assertEquals(1, session.stats().packetsReceived());
        }
    }

    @Test
    void playingAgainCancelsWhatWasPlaying() throws Exception {
        session.connect(farEndAddress(), Codec.PCMU, -1);
        CompletableFuture<Void> long1 = session.play(AudioSource.silence(Duration.ofSeconds(30)));

        CompletableFuture<Void> short2 = session.play(AudioSource.tone(440, Duration.ofMillis(60), 0.5));

        assertThrows(CancellationException.class, () -> long1.get(1, TimeUnit.SECONDS));
        short2.get(2, TimeUnit.SECONDS);
    }

    @Test
    void stopPlaybackCancelsThePlayingFuture() {
        session.connect(farEndAddress(), Codec.PCMU, -1);
        CompletableFuture<Void> playing = session.play(AudioSource.silence(Duration.ofSeconds(30)));

        session.stopPlayback();

        assertThrows(CancellationException.class, () -> playing.get(1, TimeUnit.SECONDS));
    }

    @Test
    void playingBeforeConnectStartsWhenConnected() throws Exception {
        CompletableFuture<Void> playing = session.play(AudioSource.tone(440, Duration.ofMillis(40), 0.5));
        assertFalse(playing.isDone());

        session.connect(farEndAddress(), Codec.PCMU, -1);

        playing.get(2, TimeUnit.SECONDS);
    }

    @Test
    void digitsWithoutNegotiatedTelephoneEventFailTheFuture() {
        session.connect(farEndAddress(), Codec.PCMU, -1);

        ExecutionException e = assertThrows(ExecutionException.class, () -> session.sendDtmf("1").get(2, TimeUnit.SECONDS));

        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void closingCancelsQueuedDigitsAndReturnsThePort() {
        session.connect(farEndAddress(), Codec.PCMU, 101);
        CompletableFuture<Void> digits = session.sendDtmf("123456789");
        int free = engine.freePortCount();

        session.close();

        assertThrows(CancellationException.class, () -> digits.get(1, TimeUnit.SECONDS));
        assertEquals(0, engine.openSessionCount());
        assertEquals(free + 1, engine.freePortCount());
        assertEquals(session.stats(), session.stats(), "the final statistics stay readable and frozen");
    }

    @Test
    void invalidConnectArgumentsAreRejected() {
        InetSocketAddress remote = farEndAddress();
        assertThrows(IllegalArgumentException.class, () -> session.connect(remote, Codec.PCMU, 13));
        assertThrows(IllegalArgumentException.class,
                () -> session.connect(InetSocketAddress.createUnresolved("example.invalid", 4000), Codec.PCMU, 101));
    }

    private void sendFromFarEnd(ByteBuf rtp) throws Exception {
        byte[] bytes = new byte[rtp.readableBytes()];
        rtp.getBytes(rtp.readerIndex(), bytes);
        farEnd.send(new DatagramPacket(bytes, bytes.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localPort())));
    }

    private static ByteBuf event(int seq, long timestamp, boolean marker, int digit, boolean end, int duration) {
        ByteBuf rtp = Unpooled.buffer();
        RtpPacket.writeHeader(rtp, marker, 101, seq, timestamp, 0xCAFE);
        rtp.writeByte(digit);                       // event
        rtp.writeByte((end ? 0x80 : 0) | 10);       // E bit, volume 10
        rtp.writeShort(duration);                   // duration
        return rtp;
    }

    @Test
    void digitsFromAnotherImplementationAreReportedOncePerEvent() throws Exception {
        session.connect(farEndAddress(), Codec.PCMU, 101);
        java.util.concurrent.LinkedBlockingQueue<Character> digits = new java.util.concurrent.LinkedBlockingQueue<>();
        session.onDtmf(event -> digits.add(event.digit()));

        // Digit 4 as a typical phone sends it: start with marker, updates, three end packets;
        // then '*' with its first packet lost, so it is first seen in an update.
        int seq = 100;
        sendFromFarEnd(event(seq++, 8000, true, 4, false, 160));
        sendFromFarEnd(event(seq++, 8000, false, 4, false, 320));
        for (int i = 0; i < 3; i++) {
            sendFromFarEnd(event(seq++, 8000, false, 4, true, 800));
        }
        seq++;
        sendFromFarEnd(event(seq++, 9600, false, 10, false, 320));
        for (int i = 0; i < 3; i++) {
            sendFromFarEnd(event(seq++, 9600, false, 10, true, 640));
        }

        assertEquals('4', digits.poll(2, TimeUnit.SECONDS));
        assertEquals('*', digits.poll(2, TimeUnit.SECONDS));
        // Everything sent has been processed once the statistics count it all.
        Await.until("all 9 packets received", Duration.ofSeconds(2), () -> session.stats().packetsReceived(), n -> n >= 9);
        assertEquals(9, session.stats().packetsReceived());
        assertEquals(1, session.stats().packetsLost());
        assertTrue(digits.isEmpty(), "no digit reported twice: " + digits);
    }

    @Test
    void receivedG711IsDecodedForTheAudioListener() throws Exception {
        session.connect(farEndAddress(), Codec.PCMA, -1);
        java.util.concurrent.LinkedBlockingQueue<short[]> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        session.onAudio(frames::add);
        ByteBuf rtp = Unpooled.buffer();
        RtpPacket.writeHeader(rtp, false, 8, 1, 0, 0xBEEF);
        rtp.writeBytes(new byte[] {(byte) 0xD5, (byte) 0xAA, (byte) 0x2A, (byte) 0x55});

        sendFromFarEnd(rtp);

        short[] pcm = frames.poll(2, TimeUnit.SECONDS);
        assertEquals("[8, 32256, -32256, -8]", java.util.Arrays.toString(pcm));
    }

    @Test
    void packetsOfPayloadTypesNotNegotiatedAreIgnored() throws Exception {
        session.connect(farEndAddress(), Codec.PCMU, -1);
        java.util.concurrent.LinkedBlockingQueue<short[]> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        session.onAudio(frames::add);
        ByteBuf comfortNoise = Unpooled.buffer();
        RtpPacket.writeHeader(comfortNoise, false, 13, 1, 0, 0xBEEF);
        comfortNoise.writeByte(40);
        ByteBuf pcmu = Unpooled.buffer();
        RtpPacket.writeHeader(pcmu, false, 0, 2, 160, 0xBEEF);
        pcmu.writeByte(0xFF);

        sendFromFarEnd(comfortNoise);
        sendFromFarEnd(pcmu);

        assertEquals(1, frames.poll(2, TimeUnit.SECONDS).length, "the PCMU packet");
        assertEquals(1, session.stats().packetsReceived(), "the CN packet was not counted");
    }
}
