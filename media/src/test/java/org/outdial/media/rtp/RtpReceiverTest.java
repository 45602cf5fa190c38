package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.codec.Codec;

/**
 * The receiving half on an {@link EmbeddedChannel}: datagrams written in are handled at once on
 * the test's thread. Addresses are from the documentation ranges (RFC 5737): the SDP names
 * 192.0.2.10:4000, the far end's NAT sends from 203.0.113.7:31000.
 */
class RtpReceiverTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
    private static final InetSocketAddress ADVERTISED = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetSocketAddress NATTED = new InetSocketAddress("203.0.113.7", 31000);
    private static final InetSocketAddress STRAY = new InetSocketAddress("198.51.100.99", 5004);

    private final RtpRoute route = new RtpRoute();
    private long nowNanos;
    private final RtpReceiver receiver = new RtpReceiver(LOCAL.getPort(), route, () -> nowNanos);
    private final EmbeddedChannel channel = new EmbeddedChannel(receiver);
    private final List<short[]> audio = new ArrayList<>();
    private final StringBuilder digits = new StringBuilder();

    RtpReceiverTest() {
        receiver.onAudio(audio::add);
        receiver.onDtmf(event -> digits.append(event.digit()));
    }

    @AfterEach
    void nothingWasThrownOrLeaked() {
        channel.checkException();
        assertFalse(channel.finishAndReleaseAll(), "nothing passes the receiver");
    }

    private void connect(InetSocketAddress remote, Codec codec) {
        route.connect(RtpPeer.negotiated(remote, codec, 101));
    }

    /** Writes {@code bytes} into the channel as a datagram from {@code sender}; returns it to check its release. */
    private DatagramPacket receive(InetSocketAddress sender, int... bytes) {
        byte[] content = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            content[i] = (byte) bytes[i];
        }
        DatagramPacket datagram = new DatagramPacket(Unpooled.wrappedBuffer(content), LOCAL, sender);
        channel.writeInbound(datagram);
        return datagram;
    }

    /** A PCMU packet with two samples, sequence number {@code seq}, from {@code sender}. */
    private void pcmu(InetSocketAddress sender, int seq) {
        receive(sender,
                0x80,                   // V=2, P=0, X=0, CC=0
                0x00,                   // M=0, PT=0 (PCMU)
                0x00, seq,              // sequence number
                0x00, 0x00, 0x00, 0xA0, // timestamp 160
                0x12, 0x34, 0x56, 0x78, // SSRC
                0xFF, 0x7F);            // payload: µ-law +0 and -0
    }

    @Test
    void audioOfTheNegotiatedCodecIsDecodedForTheAudioListener() {
        connect(ADVERTISED, Codec.PCMA);

        DatagramPacket datagram = receive(NATTED,
                0x80,                   // V=2, P=0, X=0, CC=0
                0x08,                   // M=0, PT=8 (PCMA)
                0x00, 0x01,             // sequence number 1
                0x00, 0x00, 0x00, 0x00, // timestamp 0
                0x00, 0x00, 0xBE, 0xEF, // SSRC
                0xD5, 0xAA, 0x2A, 0x55); // payload: four A-law samples

        assertEquals(1, audio.size());
        assertEquals("[8, 32256, -32256, -8]", Arrays.toString(audio.getFirst()));
        assertEquals(1, receiver.packetsReceived());
        assertEquals(16, receiver.bytesReceived(), "12-byte header and 4 bytes of payload");
        assertEquals(0, datagram.refCnt(), "released once handled");
    }

    @Test
    void theFirstValidPacketLatchesTheStreamToItsSourceBehindNat() {
        connect(ADVERTISED, Codec.PCMU);

        pcmu(NATTED, 1);

        RtpPeer peer = route.active();
        assertEquals(NATTED, peer.remote(), "packets now go where the far end's packets come from");
        assertTrue(peer.latched());
    }

    @Test
    void aStrayPacketFromElsewhereAfterLatchingDoesNotMoveTheStream() {
        connect(ADVERTISED, Codec.PCMU);
        pcmu(NATTED, 1);

        pcmu(STRAY, 2);

        assertEquals(NATTED, route.active().remote());
        // Its audio is still taken in, as it always was: only where packets go is decided once.
        assertEquals(2, receiver.packetsReceived());
    }

    @Test
    void aReconnectLatchesAgain() {
        connect(ADVERTISED, Codec.PCMU);
        pcmu(NATTED, 1);
        InetSocketAddress movedTo = new InetSocketAddress("192.0.2.20", 4002);
        InetSocketAddress movedNat = new InetSocketAddress("203.0.113.8", 32000);

        connect(movedTo, Codec.PCMU);
        assertEquals(movedTo, route.active().remote(), "a re-INVITE's address until its first packet");
        pcmu(movedNat, 2);

        assertEquals(movedNat, route.active().remote());
        assertTrue(route.active().latched());
    }

    @Test
    void aPayloadTypeNotNegotiatedIsIgnoredAndDoesNotLatch() {
        connect(ADVERTISED, Codec.PCMU);

        receive(STRAY,
                0x80,                   // V=2, P=0, X=0, CC=0
                0x0D,                   // M=0, PT=13 (comfort noise, RFC 3389; not offered)
                0x00, 0x01,             // sequence number 1
                0x00, 0x00, 0x00, 0x00, // timestamp 0
                0x00, 0x00, 0xBE, 0xEF, // SSRC
                0x28);                  // payload: noise level 40
        receive(STRAY,
                0x80,                   // V=2, P=0, X=0, CC=0
                0x08,                   // M=0, PT=8 (PCMA, but PCMU was negotiated)
                0x00, 0x02,             // sequence number 2
                0x00, 0x00, 0x00, 0xA0, // timestamp 160
                0x00, 0x00, 0xBE, 0xEF, // SSRC
                0xD5);                  // payload: one A-law sample

        assertEquals(ADVERTISED, route.active().remote());
        assertFalse(route.active().latched());
        assertEquals(0, receiver.packetsReceived());
        assertTrue(audio.isEmpty());
        assertEquals(0, receiver.malformed(), "well-formed, merely not ours");
    }

    @Test
    void malformedDatagramsAreCountedAndDroppedWithoutLatching() {
        connect(ADVERTISED, Codec.PCMU);

        receive(STRAY, 0x80, 0x00, 0x00, 0x01, 0x00);  // 5 bytes: shorter than the fixed header
        receive(STRAY,
                0x40,                   // V=1: not RTP version 2
                0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01);
        receive(STRAY,
                0x82,                   // V=2, CC=2: two CSRCs announced ...
                0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x02); // ... but only one present
        receive(STRAY,
                0xA0,                   // V=2, P=1: padded ...
                0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                0xFF, 0x09);            // ... by 9 bytes, in a 14-byte packet

        assertEquals(4, receiver.malformed());
        assertEquals(0, receiver.packetsReceived());
        assertFalse(route.active().latched());
    }

    @Test
    void aTelephoneEventTooShortToReadIsCountedAsMalformed() {
        connect(ADVERTISED, Codec.PCMU);

        receive(NATTED,
                0x80,                   // V=2, P=0, X=0, CC=0
                0xE5,                   // M=1, PT=101 (telephone-event)
                0x00, 0x01,             // sequence number 1
                0x00, 0x00, 0x1F, 0x40, // timestamp 8000
                0x00, 0x00, 0xCA, 0xFE, // SSRC
                0x04, 0x0A);            // event 4, E=0 volume 10, and no duration: RFC 4733 §2.3 needs 4 bytes

        assertEquals(1, receiver.malformed());
        assertEquals("", digits.toString());
    }

    /** One RFC 4733 packet of digit {@code event} in the event starting at {@code timestamp}. */
    private void telephoneEvent(int seq, int timestamp, boolean marker, int event, boolean end, int duration) {
        receive(NATTED,
                0x80,                                 // V=2, P=0, X=0, CC=0
                (marker ? 0x80 : 0) | 101,            // M, PT=101 (telephone-event)
                seq >> 8, seq & 0xFF,                 // sequence number
                0, 0, timestamp >> 8, timestamp & 0xFF, // timestamp: the event's start (RFC 4733 §2.2.1)
                0x00, 0x00, 0xCA, 0xFE,               // SSRC
                event,                                // event code (RFC 4733 §3.2: 0-9, * = 10, # = 11)
                (end ? 0x80 : 0) | 10,                // E bit, R=0, volume 10 (-10 dBm0)
                duration >> 8, duration & 0xFF);      // duration in timestamp units
    }

    @Test
    void telephoneEventsReachTheDtmfListenerOncePerEvent() {
        connect(ADVERTISED, Codec.PCMU);

        // Digit 4 as a phone sends it: the start with the marker, an update, three end packets;
        // then '*' whose first packet was lost, so it is first seen in an update.
        telephoneEvent(100, 8000, true, 4, false, 160);
        telephoneEvent(101, 8000, false, 4, false, 320);
        for (int i = 0; i < 3; i++) {
            telephoneEvent(102 + i, 8000, false, 4, true, 800);
        }
        telephoneEvent(106, 9600, false, 10, false, 320);
        for (int i = 0; i < 3; i++) {
            telephoneEvent(107 + i, 9600, false, 10, true, 640);
        }

        assertEquals("4*", digits.toString());
        assertEquals(9, receiver.packetsReceived());
        assertEquals(1, receiver.statistics().lost(), "sequence number 105");
        assertTrue(audio.isEmpty());
    }

    @Test
    void lossAndJitterAreMeasuredOnTheArrivalClock() {
        connect(ADVERTISED, Codec.PCMU);

        // Sequence numbers 1, 2 and 4, each 20 ms of audio after the last, arriving on time
        // except the last, 10 ms late: one lost, and RFC 3550 §A.8's J = 80/16 = 5 timestamp units.
        int[][] packets = {{1, 0, 0}, {2, 160, 20}, {4, 480, 70}};
        for (int[] p : packets) {
            nowNanos = p[2] * 1_000_000L;
            receive(NATTED,
                    0x80, 0x00,                         // V=2, PT=0 (PCMU)
                    0x00, p[0],                         // sequence number
                    0x00, 0x00, p[1] >> 8, p[1] & 0xFF, // timestamp
                    0x00, 0x00, 0x00, 0x01,             // SSRC
                    0xFF);                              // payload: one sample
        }

        assertEquals(1, receiver.statistics().lost());
        assertEquals(5.0 / 8, receiver.statistics().jitterMillis(), 1e-9);
    }

    @Test
    void nothingIsTakenInBeforeConnectOrAfterClose() {
        pcmu(NATTED, 1);
        assertNull(route.active());

        connect(ADVERTISED, Codec.PCMU);
        route.close();
        pcmu(NATTED, 2);

        assertEquals(0, receiver.packetsReceived());
        assertTrue(audio.isEmpty());
        assertFalse(route.last().latched());
    }

    @Test
    void everyRelayIsOfferedTheAudioUntilRemoved() {
        connect(ADVERTISED, Codec.PCMU);
        RelayedAudio relay = new RelayedAudio(new CompletableFuture<>());
        receiver.addRelay(relay);
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) 0x42);
        ByteBuf packet = Unpooled.buffer();
        RtpPacket.writeHeader(packet, false, 0, 1, 160, 0x1234);
        packet.writeBytes(frame);

        channel.writeInbound(new DatagramPacket(packet.copy(), LOCAL, NATTED));
        receiver.removeRelay(relay);
        channel.writeInbound(new DatagramPacket(packet, LOCAL, NATTED));

        ByteBuf sent = Unpooled.buffer();
        relay.writeFrame(Codec.PCMU, sent);
        relay.writeFrame(Codec.PCMU, sent);
        byte[] expected = new byte[320];
        System.arraycopy(frame, 0, expected, 0, 160);
        Arrays.fill(expected, 160, 320, Codec.PCMU.silenceByte());
        assertEquals(Arrays.toString(expected), Arrays.toString(ByteBufUtil.getBytes(sent)),
                "the first packet's frame, then silence: the second came after the relay was removed");
        assertEquals(2, audio.size(), "the listener had both");
    }
}
