package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;
import org.outdial.media.dtmf.DtmfSender;

/**
 * The sending half on an {@link EmbeddedChannel}: the test is the pacer, calling
 * {@link RtpSender#onTick} and reading each packet the tick wrote. The stream starts two packets
 * before its sequence number wraps and three before its timestamp does.
 */
class RtpSenderTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.10", 4000);
    private static final long SSRC = 0x11223344L;
    private static final long PERIOD = MediaPacer.PERIOD_NANOS;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RtpRoute route = new RtpRoute();
    private long nowNanos;
    private final RtpSender sender = new RtpSender(channel, route, SSRC, new RtpSequenceNumber(65534),
            new RtpTimestamp(0xFFFF_FE20L), () -> nowNanos);
    private long tick;
    private final List<ByteBuf> sent = new ArrayList<>();

    @AfterEach
    void releasePackets() {
        sent.forEach(ByteBuf::release);
        channel.finishAndReleaseAll();
    }

    private void connect(Codec codec, int dtmfPayloadType) {
        route.connect(RtpPeer.negotiated(REMOTE, codec, dtmfPayloadType));
    }

    /** The pacer's next tick, on time; returns the packet it sent, or null. */
    private ByteBuf tick() {
        return tickAt(tick++);
    }

    private ByteBuf tickAt(long at) {
        tick = at + 1;
        sender.onTick(at, at * PERIOD);
        DatagramPacket packet = channel.readOutbound();
        if (packet == null) {
            return null;
        }
        assertEquals(REMOTE, packet.recipient());
        sent.add(packet.content());
        return packet.content();
    }

    /** A source whose frame i is 160 samples of value 1000 × (i + 1), told apart by its first byte. */
    private static AudioSource numberedFrames(int frames) {
        short[] samples = new short[frames * 160];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (1000 * (i / 160 + 1));
        }
        return AudioSource.ofSamples(samples, frames + " numbered frames");
    }

    private static int frameNumber(ByteBuf packet) {
        assertEquals(0, RtpPacket.payloadType(packet, 0), "an audio packet");
        short sample = G711.ulawToLinear(packet.getByte(RtpPacket.FIXED_HEADER_LENGTH));
        return Math.round(sample / 1000f) - 1;
    }

    @Test
    void eachTickSendsOnePacketOfSilenceWhileNothingPlays() {
        connect(Codec.PCMU, -1);

        ByteBuf packet = tick();

        assertEquals(0x80, packet.getUnsignedByte(0), "V=2, P=0, X=0, CC=0");
        assertEquals(0x00, packet.getUnsignedByte(1), "M=0 (RFC 3551 §4.1), PT=0 (PCMU)");
        assertEquals(65534, packet.getUnsignedShort(2), "the first sequence number");
        assertEquals(0xFFFF_FE20L, packet.getUnsignedInt(4), "the first timestamp");
        assertEquals(SSRC, packet.getUnsignedInt(8));
        assertEquals(172, packet.readableBytes(), "12-byte header and 160 bytes of G.711");
        for (int i = 12; i < 172; i++) {
            assertEquals((byte) 0xFF, packet.getByte(i), "µ-law silence");
        }
    }

    @Test
    void sequenceNumbersAndTimestampsWrapAcrossTheirLimits() {
        connect(Codec.PCMA, -1);

        int[] sequences = new int[4];
        long[] timestamps = new long[4];
        for (int i = 0; i < 4; i++) {
            ByteBuf packet = tick();
            sequences[i] = RtpPacket.sequenceNumber(packet, 0);
            timestamps[i] = RtpPacket.timestamp(packet, 0);
        }

        assertEquals("[65534, 65535, 0, 1]", Arrays.toString(sequences));
        assertEquals("[4294966816, 4294966976, 4294967136, 0]", Arrays.toString(timestamps),
                "2^32 - 480, - 320, - 160, then 0");
    }

    @Test
    void ticksTheWholePacerSkippedJumpTheTimestampButNotTheSequenceNumber() {
        connect(Codec.PCMU, -1);
        ByteBuf first = tickAt(10);

        ByteBuf afterStall = tickAt(14);

        assertEquals((RtpPacket.sequenceNumber(first, 0) + 1) & 0xFFFF, RtpPacket.sequenceNumber(afterStall, 0));
        assertEquals((RtpPacket.timestamp(first, 0) + 4 * 160) & 0xFFFF_FFFFL, RtpPacket.timestamp(afterStall, 0));
    }

    @Test
    void nothingIsSentBeforeConnectOrAfterClose() {
        assertNull(tick());

        connect(Codec.PCMU, -1);
        route.close();

        assertNull(tick());
    }

    @Test
    void aPlaybackSendsItsFramesInOrderAndCompletesOnceTheLastHasLeft() {
        connect(Codec.PCMU, -1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        sender.play(numberedFrames(3), done);

        assertEquals(0, frameNumber(tick()));
        assertEquals(1, frameNumber(tick()));
        assertFalse(done.isDone());
        assertEquals(2, frameNumber(tick()));
        assertTrue(done.isDone() && !done.isCompletedExceptionally());
        assertEquals((byte) 0xFF, tick().getByte(12), "silence after the end");
    }

    @Test
    void playingAgainCancelsWhatPlayedAndStartsFromTheFirstFrame() {
        connect(Codec.PCMU, -1);
        CompletableFuture<Void> first = new CompletableFuture<>();
        sender.play(numberedFrames(5), first);
        tick();
        tick();

        CompletableFuture<Void> second = new CompletableFuture<>();
        sender.play(numberedFrames(5), second);

        assertTrue(first.isCancelled());
        assertEquals(0, frameNumber(tick()));
        assertFalse(second.isDone());
    }

    @Test
    void anEmptySourceCompletesAtOnceAndStopsWhatPlayed() {
        connect(Codec.PCMU, -1);
        CompletableFuture<Void> playing = new CompletableFuture<>();
        sender.play(numberedFrames(5), playing);
        CompletableFuture<Void> empty = new CompletableFuture<>();

        sender.play(AudioSource.empty(), empty);

        assertTrue(playing.isCancelled());
        assertTrue(empty.isDone() && !empty.isCancelled());
    }

    @Test
    void aReinviteToAnotherCodecContinuesThePlaybackAtTheSameFrame() {
        connect(Codec.PCMU, -1);
        sender.play(numberedFrames(3), new CompletableFuture<>());
        tick();

        connect(Codec.PCMA, -1);
        ByteBuf packet = tick();

        assertEquals(8, RtpPacket.payloadType(packet, 0));
        assertEquals(2000, G711.alawToLinear(packet.getByte(12)), 64, "frame 1, in A-law");
    }

    @Test
    void digitsStandInForTheAudioWhichResumesWhereItPaused() {
        connect(Codec.PCMU, 101);
        sender.play(numberedFrames(10), new CompletableFuture<>());
        ByteBuf audio = tick();
        CompletableFuture<Void> digit = new CompletableFuture<>();
        sender.sendDtmf(new DtmfSender("5"), digit);

        long eventStart = -1;
        for (int i = 0; i < 7; i++) {
            ByteBuf event = tick();
            assertEquals(101, RtpPacket.payloadType(event, 0), "packet " + i + " is a telephone-event");
            assertEquals(i == 0, RtpPacket.marker(event, 0), "only the first has the marker (RFC 4733 §2.2.2)");
            assertEquals((RtpPacket.sequenceNumber(audio, 0) + 1 + i) & 0xFFFF, RtpPacket.sequenceNumber(event, 0));
            if (i == 0) {
                eventStart = RtpPacket.timestamp(event, 0);
                assertEquals((RtpPacket.timestamp(audio, 0) + 160) & 0xFFFF_FFFFL, eventStart);
            }
            assertEquals(eventStart, RtpPacket.timestamp(event, 0), "all share the event's start (§2.2.1)");
            assertEquals(5, event.getUnsignedByte(12), "event code 5");
            assertEquals(i >= 4, (event.getUnsignedByte(13) & 0x80) != 0, "E bit from the fifth packet on");
            assertEquals(i == 6, digit.isDone(), "done after the last end packet, not before");
        }
        ByteBuf resumed = tick();

        assertEquals(1, frameNumber(resumed), "the frame after the one before the digit");
        assertEquals((RtpPacket.timestamp(audio, 0) + 8 * 160) & 0xFFFF_FFFFL, RtpPacket.timestamp(resumed, 0),
                "the timestamp kept counting meanwhile");
    }

    @Test
    void digitsWithoutANegotiatedTelephoneEventFailAndTheAudioGoesOn() {
        connect(Codec.PCMU, -1);
        sender.play(numberedFrames(3), new CompletableFuture<>());
        CompletableFuture<Void> digit = new CompletableFuture<>();
        sender.sendDtmf(new DtmfSender("1"), digit);

        assertEquals(0, frameNumber(tick()));

        ExecutionException e = assertThrows(ExecutionException.class, digit::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, frameNumber(tick()));
    }

    @Test
    void closingCancelsWhatPlaysAndTheQueuedDigits() {
        connect(Codec.PCMU, 101);
        CompletableFuture<Void> playing = new CompletableFuture<>();
        sender.play(numberedFrames(3), playing);
        CompletableFuture<Void> digits = new CompletableFuture<>();
        sender.sendDtmf(new DtmfSender("12"), digits);
        tick();

        sender.close();

        assertTrue(playing.isCancelled());
        assertTrue(digits.isCancelled());
    }

    @Test
    void aRelaySendsTheOtherLegsAudioAndSilenceWhenNoneArrived() {
        connect(Codec.PCMU, -1);
        RelayedAudio relay = new RelayedAudio(new CompletableFuture<>());
        sender.replaceAudio(relay);
        ByteBuf received = Unpooled.wrappedBuffer(ulawFrame(3000));

        relay.offer(Codec.PCMU, received, 0, 160);

        assertEquals(2, frameNumber(tick()), "what the other leg received");
        assertEquals((byte) 0xFF, tick().getByte(12), "silence: nothing more arrived");
    }

    @Test
    void aCatchUpSendsASecondPacketWithTheNextTimestampAndLaterPacketsStayAFrameAhead() {
        connect(Codec.PCMU, -1);
        int[] frame = {0};
        boolean[] extraDue = {false};
        sender.replaceAudio(new OutboundAudio() {
            @Override
            public boolean writeFrame(Codec codec, ByteBuf out) {
                out.writeBytes(ulawFrame(1000 * (++frame[0])));
                return true;
            }

            @Override
            public boolean catchUpReady() {
                return extraDue[0];
            }

            @Override
            public boolean writeCatchUp(Codec codec, ByteBuf out) {
                extraDue[0] = false;
                return writeFrame(codec, out);
            }

            @Override
            public void ended() {
            }

            @Override
            public void cancel() {
            }
        });
        ByteBuf first = tick();
        extraDue[0] = true;
        ByteBuf second = tick();
        DatagramPacket extra = channel.readOutbound();
        ByteBuf third = tick();
        assertNull(channel.readOutbound(), "one packet a tick again");

        sent.add(extra.content());
        List<ByteBuf> packets = List.of(first, second, extra.content(), third);
        long t0 = RtpPacket.timestamp(first, 0);
        int s0 = RtpPacket.sequenceNumber(first, 0);
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(i, frameNumber(packets.get(i)), "the frames in order");
            assertEquals((s0 + i) & 0xFFFF, RtpPacket.sequenceNumber(packets.get(i), 0));
            assertEquals((t0 + 160L * i) & 0xFFFF_FFFFL, RtpPacket.timestamp(packets.get(i), 0),
                    "linear timestamps: the stream is a frame ahead of the pacer from the catch-up on");
        }
        assertEquals(4, sender.statistics().packetsSent());
    }

    private static byte[] ulawFrame(int sample) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, G711.linearToUlaw((short) sample));
        return frame;
    }

    @Test
    void sendTimingIsTakenAfterEachPacketHasBeenWritten() {
        connect(Codec.PCMU, -1);

        nowNanos = 100_000;
        tickAt(0);
        nowNanos = PERIOD + 300_000;
        tickAt(1);

        SendStatistics stats = sender.statistics();
        assertEquals(2, stats.packetsSent());
        assertEquals(344, stats.bytesSent());
        assertEquals(200, stats.intervalErrorMaxMicros(), "20.2 ms between the two sends");
        assertEquals(300, stats.latenessMaxMicros(), "the second left 0.3 ms after its deadline");
    }
}
