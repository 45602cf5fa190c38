package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;

/** The relay's FIFO: the other leg offers payloads, this leg's ticks take frames. */
class RelayedAudioTest {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The relay's clock, in ms here (converted to ns below). */
    private long nowMillis;
    private final RelayedAudio relay = new RelayedAudio(done, () -> nowMillis * 1_000_000);

    /** {@code samples} µ-law bytes of linear value {@code level}, as the other leg received them. */
    private void offerUlaw(int samples, int level) {
        byte[] payload = new byte[samples];
        Arrays.fill(payload, G711.linearToUlaw((short) level));
        relay.offer(Codec.PCMU, Unpooled.wrappedBuffer(payload), 0, samples);
    }

    /** One tick's frame in µ-law, each byte decoded back to its linear level. */
    private int[] tick() {
        ByteBuf out = Unpooled.buffer();
        assertTrue(relay.writeFrame(Codec.PCMU, out), "a relay never ends");
        byte[] bytes = ByteBufUtil.getBytes(out);
        assertEquals(160, bytes.length);
        return toLevels(bytes);
    }

    private static int[] toLevels(byte[] ulaw) {
        int[] levels = new int[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            levels[i] = Math.round(G711.ulawToLinear(ulaw[i]) / 1000f) * 1000;
        }
        return levels;
    }

    private static int[] frameOf(int... levelsPer80Samples) {
        int[] frame = new int[160];
        Arrays.fill(frame, 0, 80, levelsPer80Samples[0]);
        Arrays.fill(frame, 80, 160, levelsPer80Samples[levelsPer80Samples.length - 1]);
        return frame;
    }

    @Test
    void aFrameOfferedIsSentOnTheNextTick() {
        offerUlaw(160, 3000);

        assertEquals(Arrays.toString(frameOf(3000)), Arrays.toString(tick()));
        assertEquals(0, relay.underruns());
    }

    @Test
    void aTickWithLessThanAFrameWaitingSendsSilenceAndKeepsWhatWaits() {
        offerUlaw(80, 1000);

        assertEquals(Arrays.toString(frameOf(0)), Arrays.toString(tick()));
        offerUlaw(80, 2000);
        assertEquals(Arrays.toString(frameOf(1000, 2000)), Arrays.toString(tick()));
        assertEquals(1, relay.underruns());
    }

    @Test
    void thirtyMillisecondPacketsAreSentAsTwentyMillisecondFrames() {
        offerUlaw(240, 1000);
        assertEquals(Arrays.toString(frameOf(1000)), Arrays.toString(tick()));
        assertEquals(Arrays.toString(frameOf(0)), Arrays.toString(tick()), "80 samples wait: an underrun");
        offerUlaw(240, 2000);

        assertEquals(Arrays.toString(frameOf(1000, 2000)), Arrays.toString(tick()));
        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()));
        assertEquals(Arrays.toString(frameOf(0)), Arrays.toString(tick()), "all 480 samples sent");
    }

    @Test
    void aBurstBeyondFiveFramesPushesOutTheOldestSamples() {
        for (int frame = 1; frame <= RelayedAudio.CAPACITY_FRAMES + 1; frame++) {
            offerUlaw(160, 1000 * frame);
        }

        assertEquals(160, relay.droppedSamples());
        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()), "frame 1 was dropped");
        for (int frame = 3; frame <= RelayedAudio.CAPACITY_FRAMES + 1; frame++) {
            assertEquals(Arrays.toString(frameOf(1000 * frame)), Arrays.toString(tick()));
        }
        assertEquals(0, relay.underruns());
    }

    @Test
    void audioReceivedInALawIsSentInTheSendingLegsCodec() {
        byte[] alaw = new byte[160];
        for (int i = 0; i < 160; i++) {
            alaw[i] = G711.linearToAlaw((short) (i * 100 - 8000));
        }
        relay.offer(Codec.PCMA, Unpooled.wrappedBuffer(alaw), 0, 160);

        ByteBuf out = Unpooled.buffer();
        relay.writeFrame(Codec.PCMU, out);

        for (int i = 0; i < 160; i++) {
            assertEquals(G711.linearToUlaw(G711.alawToLinear(alaw[i])), out.getByte(i), "sample " + i);
        }
    }

    @Test
    void aKnownMuLawSampleIsSentAsTheALawCodeOfItsLinearValue() {
        // G.711 by hand: µ-law 0xCE is ~0x31, positive, segment 3, step 1: (1·8 + 132)·2³ − 132
        // = 988. A-law of 988: 988 >> 3 = 123, segment 2, step (123 >> 2) & 15 = 14, code 0x2E,
        // even bits inverted (^0xD5): 0xFB, which decodes to 976 (the A-law step is coarser).
        byte[] ulaw = new byte[160];
        Arrays.fill(ulaw, (byte) 0xCE);
        relay.offer(Codec.PCMU, Unpooled.wrappedBuffer(ulaw), 0, 160);

        ByteBuf out = Unpooled.buffer();
        relay.writeFrame(Codec.PCMA, out);

        assertEquals(988, G711.ulawToLinear((byte) 0xCE));
        for (int i = 0; i < 160; i++) {
            assertEquals((byte) 0xFB, out.getByte(i), "sample " + i);
        }
        assertEquals(976, G711.alawToLinear((byte) 0xFB));
    }

    private static final RtpPeer EVENTS_AS_96 = RtpPeer.negotiated(new InetSocketAddress("127.0.0.1", 4000), Codec.PCMA, 96);
    private static final RtpPeer NO_EVENTS = RtpPeer.negotiated(new InetSocketAddress("127.0.0.1", 4000), Codec.PCMA, -1);

    /** A telephone-event payload (RFC 4733 §2.3) for digit 5 (event 5), volume 10, as received with timestamp {@code ts}. */
    private void offerEvent(boolean end, int duration, long ts) {
        ByteBuf payload = Unpooled.buffer();
        payload.writeByte(5);                          // event: DTMF 5
        payload.writeByte((end ? 0x80 : 0) | 10);      // E bit, R = 0, volume 10 (-10 dBm0)
        payload.writeShort(duration);                  // duration in timestamp units
        relay.offerEvent(payload, 0, 4, ts);
    }

    private ByteBuf writeEventAt(RtpPeer peer, int sequence, long timestamp) {
        ByteBuf packet = Unpooled.buffer();
        return relay.writeEvent(peer, sequence, timestamp, 0xABCD, packet) ? packet : null;
    }

    @Test
    void receivedTelephoneEventsAreResentWithThisLegsPayloadTypeAndClock() {
        // Received as the other leg's event at its timestamp 7777; this leg's ticks are at 160 000 + 160 n.
        offerEvent(false, 160, 7777);
        offerEvent(false, 320, 7777);
        offerEvent(true, 800, 7777);
        offerEvent(true, 800, 7777);

        ByteBuf first = writeEventAt(EVENTS_AS_96, 1, 160_000);
        ByteBuf second = writeEventAt(EVENTS_AS_96, 2, 160_160);

        assertEquals(96, RtpPacket.payloadType(first, 0), "this leg's negotiated telephone-event type");
        assertTrue(RtpPacket.marker(first, 0), "the event's first packet has the marker (RFC 4733 §2.2.2)");
        assertEquals(160_000, RtpPacket.timestamp(first, 0), "this leg's clock at the event's start");
        assertEquals("05 0a 00 a0", hex(first, 12, 4), "digit 5, volume 10, duration 160 as received");
        assertFalse(RtpPacket.marker(second, 0));
        assertEquals(160_000, RtpPacket.timestamp(second, 0), "one event, one timestamp (§2.2.1)");
        assertEquals("05 0a 01 40", hex(second, 12, 4));
        ByteBuf end = writeEventAt(EVENTS_AS_96, 3, 160_320);
        assertEquals("05 8a 03 20", hex(end, 12, 4), "the end bit and final duration pass through");
        writeEventAt(EVENTS_AS_96, 4, 160_480);
        assertEquals(null, writeEventAt(EVENTS_AS_96, 5, 160_640), "nothing waits: the tick sends audio");
        assertEquals(4, relay.stats().eventsRelayed());
    }

    @Test
    void aNewReceivedEventStartsANewSentEvent() {
        offerEvent(true, 800, 7777);
        offerEvent(false, 160, 8777);

        ByteBuf first = writeEventAt(EVENTS_AS_96, 1, 160_000);
        ByteBuf next = writeEventAt(EVENTS_AS_96, 2, 160_160);

        assertTrue(RtpPacket.marker(next, 0));
        assertEquals(160_160, RtpPacket.timestamp(next, 0));
        assertEquals(160_000, RtpPacket.timestamp(first, 0));
    }

    @Test
    void eventsAreDroppedWhenThisLegNegotiatedNoTelephoneEvent() {
        offerEvent(false, 160, 7777);
        offerEvent(true, 800, 7777);

        assertEquals(null, writeEventAt(NO_EVENTS, 1, 160_000));
        assertEquals(new RelayStats(0, 0, 0, 0, 0, 0, 2), relay.stats());
    }

    @Test
    void anEventTickDiscardsTheAudioFrameItStandsInFor() {
        offerUlaw(160, 1000);
        offerEvent(false, 160, 7777);
        offerUlaw(160, 2000);

        writeEventAt(EVENTS_AS_96, 1, 160_000);

        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()), "the 1000 frame was the event's time");
    }

    @Test
    void aFifoLeftAFrameTooDeepByABurstSendsItsOldestFrameEarlyAfterASecondAndLosesNothing() {
        // Arrivals every 20 ms at n·20, ticks at n·20 + 10: a frame should wait 10 ms. A far end
        // that stalled sent two at once, so one frame waits after every send: 30 ms each, from the
        // second frame on (the first went out 10 ms after the burst: the first window keeps all).
        offerUlaw(160, 1000);
        offerUlaw(160, 1000);
        for (int t = 0; t < 2 * RelayedAudio.TRIM_WINDOW_TICKS - 1; t++) {
            nowMillis = 20L * t + 10;
            tick();
            assertFalse(relay.catchUpReady(), "not before the second window is over");
            nowMillis = 20L * (t + 1);
            offerUlaw(160, 1000);
        }
        nowMillis += 10;
        tick();

        assertTrue(relay.catchUpReady(), "a frame too many waited for a whole window");
        ByteBuf extra = Unpooled.buffer();
        assertTrue(relay.writeCatchUp(Codec.PCMU, extra));
        assertEquals(Arrays.toString(frameOf(1000)), Arrays.toString(toLevels(ByteBufUtil.getBytes(extra))));
        assertFalse(relay.catchUpReady(), "one frame early, once");
        assertEquals(0, relay.droppedSamples(), "nothing dropped");
        assertEquals(1, relay.stats().catchUps());
        nowMillis += 10;
        offerUlaw(160, 2000);
        nowMillis += 10;
        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()), "the next frame goes out 10 ms after it came");
        assertEquals(0, relay.underruns());
    }

    @Test
    void arrivalsJitteringAroundTheTickSettleOneFrameDeepAndAreNeverTrimmed() {
        // Ticks at n·20; packets arrive 1 ms before the tick, but one 2 ms after it. That one costs
        // an underrun; from then on each frame waits 21 ms (a frame plus the jitter, under the
        // margin) for seconds: not trimmed, as trimming would bring the underrun back at the next
        // late packet, a lost frame each time.
        int ticks = 5 * RelayedAudio.TRIM_WINDOW_TICKS;
        for (int t = 0; t < ticks; t++) {
            boolean late = t == 5;
            if (!late) {
                nowMillis = 20L * t - 1;
                offerUlaw(160, 1000);
            }
            nowMillis = 20L * t;
            tick();
            if (late) {
                nowMillis = 20L * t + 2;
                offerUlaw(160, 1000);
            }
        }

        assertEquals(1, relay.underruns());
        assertEquals(new RelayStats(ticks - 1, 1, 0, 0, 0, 0, 0), relay.stats());
    }

    private static String hex(ByteBuf buf, int from, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02x", buf.getByte(from + i) & 0xFF));
        }
        return text.toString();
    }

    @Test
    void cancellingTheRelayCancelsItsFuture() {
        relay.cancel();

        assertTrue(done.isCancelled());
    }
}
