package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;

/** The relay's FIFO: the other leg offers payloads, this leg's ticks take frames. */
class RelayedAudioTest {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The relay's clock, in ms here (converted to ns below). */
    private long nowMicros;
    private final RelayedAudio relay = new RelayedAudio(done, () -> nowMicros * 1_000);

    /** The other leg's RTP timestamp of the next payload: contiguous unless a test skips some. */
    private long receivedTimestamp = 90_000;

    /** {@code samples} µ-law bytes of linear value {@code level}, as the other leg received them. */
    private void offerUlaw(int samples, int level) {
        byte[] payload = new byte[samples];
        Arrays.fill(payload, G711.linearToUlaw((short) level));
        relay.offer(Codec.PCMU, Unpooled.wrappedBuffer(payload), 0, samples, receivedTimestamp);
        receivedTimestamp += samples;
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
    void aBurstBeyondTheFifoPushesOutTheOldestSamples() {
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
        relay.offer(Codec.PCMA, Unpooled.wrappedBuffer(alaw), 0, 160, 0);

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
        relay.offer(Codec.PCMU, Unpooled.wrappedBuffer(ulaw), 0, 160, 0);

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
        return relay.writePacket(peer, sequence, timestamp, 0xABCD, packet) == OutboundAudio.TickPacket.WRITTEN
                ? packet : null;
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
        assertEquals(new RelayStats(0, 0, 0, 0, 0, 2, 0, 0, 0), relay.stats());
    }

    @Test
    void anEventTickDiscardsTheAudioFrameItStandsInFor() {
        offerUlaw(160, 1000);
        offerEvent(false, 160, 7777);
        offerUlaw(160, 2000);

        writeEventAt(EVENTS_AS_96, 1, 160_000);

        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()), "the 1000 frame was the event's time");
    }

    // ---- Holding for late audio, catching up, drift: the relay driven as RtpSender drives it ----

    private static final RtpPeer PCMU_PEER = RtpPeer.negotiated(new InetSocketAddress("127.0.0.1", 4000), Codec.PCMU, 101);
    private int sequence;

    /** One packet this leg sent: at which tick, under which RTP timestamp, the level it carried (0: silence). */
    private record Sent(long tick, long timestamp, int level) {
    }

    /** A frame of the other leg's far end: its index (RTP timestamp 160 × index), its level, when it reaches the relay. */
    private record Arrival(long atMicros, int index, int level) {
    }

    /** Loud frames told apart: 1000..8000, which G.711 keeps to the nearest 1000. */
    private static int loud(int index) {
        return 1000 * (1 + index % 8);
    }

    /** Tick t at t × 20 ms, timestamp 160 t, the way RtpSender.onTick asks: packet, then a catch-up. */
    private List<Sent> sendTick(long t) {
        nowMicros = t * 20_000;
        long timestamp = 160 * t;
        List<Sent> sent = new ArrayList<>();
        ByteBuf packet = Unpooled.buffer();
        switch (relay.writePacket(PCMU_PEER, sequence, timestamp, 0xABCD, packet)) {
            case HOLD -> {
                return sent;
            }
            case WRITTEN -> {
            }
            case FRAME -> {
                RtpPacket.writeHeader(packet, false, 0, sequence, timestamp, 0xABCD);
                assertTrue(relay.writeFrame(Codec.PCMU, packet));
            }
        }
        sequence++;
        sent.add(sentOf(t, packet));
        ByteBuf extra = Unpooled.buffer();
        if (relay.writeCatchUp(PCMU_PEER, sequence, timestamp, 0xABCD, extra)) {
            sequence++;
            sent.add(sentOf(t, extra));
        }
        return sent;
    }

    private static Sent sentOf(long t, ByteBuf packet) {
        assertEquals(12 + 160, packet.readableBytes());
        assertEquals(0, RtpPacket.payloadType(packet, 0));
        byte[] payload = ByteBufUtil.getBytes(packet, 12, 160);
        return new Sent(t, RtpPacket.timestamp(packet, 0), toLevels(payload)[0]);
    }

    /** The frame {@code index} as the other leg received it: RTP timestamp 160 × index. */
    private void offerFrame(int index, int level) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, G711.linearToUlaw((short) level));
        relay.offer(Codec.PCMU, Unpooled.wrappedBuffer(payload), 0, 160, 160L * index);
    }

    /** Ticks 0 .. ticks-1 with the arrivals (in time order) offered between them; every packet sent. */
    private List<Sent> run(List<Arrival> arrivals, int ticks) {
        List<Sent> sent = new ArrayList<>();
        int next = 0;
        for (long t = 0; t < ticks; t++) {
            while (next < arrivals.size() && arrivals.get(next).atMicros() <= t * 20_000) {
                Arrival a = arrivals.get(next++);
                nowMicros = a.atMicros();
                offerFrame(a.index(), a.level());
            }
            sent.addAll(sendTick(t));
        }
        return sent;
    }

    /** The sent frames that carried audio, in the order they left. */
    private static List<Sent> audioOf(List<Sent> sent) {
        return sent.stream().filter(s -> s.level() != 0).toList();
    }

    /** Each frame offered left exactly once, in order, under its own tick's timestamp (160 × index). */
    private static void assertEveryFrameLeftUnderItsOwnTimestamp(List<Arrival> arrivals, List<Sent> sent) {
        List<Sent> audio = audioOf(sent);
        for (int i = 0; i < Math.min(arrivals.size(), audio.size()); i++) {
            Arrival a = arrivals.get(i);
            assertEquals(a.level(), audio.get(i).level(), "frame " + a.index() + " in its place");
            assertEquals(160L * a.index(), audio.get(i).timestamp(), "frame " + a.index() + "'s timestamp");
        }
        assertEquals(arrivals.size(), audio.size(), "frames offered vs sent");
    }

    @Test
    void aTickThatFindsNothingHoldsAndTheLateFrameLeavesUnderItsTimestampBeforeTheNext() {
        // Ticks at 20 t ms; frames arrive 5 ms before their tick, but frame 1 only at 25 ms.
        List<Arrival> arrivals = List.of(new Arrival(-5_000, 0, loud(0)), new Arrival(25_000, 1, loud(1)),
                new Arrival(35_000, 2, loud(2)), new Arrival(55_000, 3, loud(3)));

        List<Sent> sent = run(arrivals, 4);

        assertEquals(List.of(new Sent(0, 0, loud(0)), new Sent(2, 160, loud(1)), new Sent(2, 320, loud(2)),
                new Sent(3, 480, loud(3))), sent, "tick 1 sent nothing; tick 2 sent frame 1, then frame 2");
        assertEquals(new RelayStats(4, 0, 0, 0, 0, 0, 1, 1, 0), relay.stats());
    }

    @Test
    void aStallOfAHundredMillisecondsIsCaughtUpOneExtraFramePerTickWithoutLoss() {
        // Frames arrive 8 ms before their tick; frames 1-5 come in one burst with frame 6 (a far
        // end, or the other leg's event loop, stalled 100 ms).
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long at = i >= 1 && i <= 6 ? 6 * 20_000 - 8_000 : i * 20_000L - 8_000;
            arrivals.add(new Arrival(at, i, loud(i)));
        }

        List<Sent> sent = run(arrivals, 20);

        assertEveryFrameLeftUnderItsOwnTimestamp(arrivals, sent);
        assertEquals(List.of(0L, 6L, 6L, 7L, 7L, 8L, 8L, 9L, 9L, 10L, 10L, 11L),
                sent.stream().limit(12).map(Sent::tick).toList(), "two packets a tick until caught up");
        assertEquals(9, sent.stream().filter(s -> s.tick() >= 11).count(), "then one a tick, at its own tick");
        assertEquals(new RelayStats(20, 0, 0, 0, 0, 0, 5, 5, 0), relay.stats());
    }

    @Test
    void arrivalsJitteringAroundTheTickNeitherSendSilenceNorKeepADelay() {
        // Ticks at 20 t; packets arrive 1 ms before the tick, but frame 5 2 ms after it. Tick 5
        // holds, tick 6 sends frames 5 and 6, and every later frame leaves at its own tick again.
        List<Arrival> arrivals = new ArrayList<>();
        int ticks = 5 * RelayedAudio.TRIM_WINDOW_TICKS;
        for (int i = 0; i < ticks; i++) {
            arrivals.add(new Arrival(i == 5 ? 5 * 20_000 + 2_000 : i * 20_000L - 1_000, i, loud(i)));
        }

        List<Sent> sent = run(arrivals, ticks);

        assertEveryFrameLeftUnderItsOwnTimestamp(arrivals, sent);
        for (Sent s : sent) {
            long index = s.timestamp() / 160;
            assertEquals(index == 5 ? 6 : index, s.tick(), "frame " + index + " left at its own tick");
        }
        assertEquals(new RelayStats(ticks, 0, 0, 0, 0, 0, 1, 1, 0), relay.stats());
    }

    @Test
    void aFarEndThatSendsLateAgainAndAgainLosesNothingAndIsNeverLeftLate() {
        // One minute; now and then the far end stalls 10-95 ms and then sends what it owes at once,
        // as BridgedCallsBench's sender does when it is not scheduled.
        Random random = new Random(10);
        List<Arrival> arrivals = new ArrayList<>();
        long stallEnd = Long.MIN_VALUE;
        int ticks = 3000;
        for (int i = 0; i < ticks - 10; i++) {
            long due = i * 20_000L - 12_000;
            if (due > stallEnd && random.nextInt(100) < 2) {
                stallEnd = due + 10_000 + random.nextInt(85_000);
            }
            arrivals.add(new Arrival(Math.max(due, due <= stallEnd ? stallEnd : due), i, loud(i)));
        }

        List<Sent> sent = run(arrivals, ticks);

        assertEveryFrameLeftUnderItsOwnTimestamp(arrivals, sent);
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            long firstTickAfter = Math.floorDiv(a.atMicros(), 20_000) + 1;
            assertTrue(audioOf(sent).get(i).tick() <= Math.max(i, firstTickAfter) + 3,
                    "frame " + i + " arrived at " + a.atMicros() + " µs, left at tick " + audioOf(sent).get(i).tick());
        }
        RelayStats stats = relay.stats();
        assertEquals(0, stats.samplesDropped(), stats.toString());
        // The far end stops 10 ticks before the end: 5 ticks held, then silence. Every other held tick caught up.
        assertEquals(5, stats.underruns(), stats.toString());
        assertEquals(5, stats.holdsGivenUp(), stats.toString());
        assertEquals(stats.heldTicks() - 5, stats.catchUps(), "every held tick caught up: " + stats);
        assertTrue(stats.heldTicks() > 50, "the far end did stall: " + stats);
    }

    @Test
    void aFrameLostUpstreamGivesUpTheTickHeldForIt() {
        // Frame 2 never reached the other leg: frame 3's timestamp says so, and it leaves at its
        // own tick under its own timestamp instead of under frame 2's, 20 ms late.
        List<Arrival> arrivals = List.of(new Arrival(-5_000, 0, loud(0)), new Arrival(15_000, 1, loud(1)),
                new Arrival(55_000, 3, loud(3)), new Arrival(75_000, 4, loud(4)));

        List<Sent> sent = run(arrivals, 5);

        assertEquals(List.of(new Sent(0, 0, loud(0)), new Sent(1, 160, loud(1)), new Sent(3, 480, loud(3)),
                new Sent(4, 640, loud(4))), sent);
        assertEquals(new RelayStats(4, 0, 0, 0, 0, 0, 1, 0, 1), relay.stats());
    }

    @Test
    void nothingForAHundredMillisecondsSendsSilenceAndTheNextAudioLeavesAtItsOwnTick() {
        List<Arrival> arrivals = List.of(new Arrival(-5_000, 0, loud(0)), new Arrival(155_000, 8, loud(8)));

        List<Sent> sent = run(arrivals, 9);

        assertEquals(List.of(new Sent(0, 0, loud(0)), new Sent(6, 960, 0), new Sent(7, 1120, 0),
                new Sent(8, 1280, loud(8))), sent, "five ticks held, then silence until audio comes");
        assertEquals(new RelayStats(2, 2, 0, 0, 0, 0, 5, 0, 5), relay.stats());
    }

    /** A far end whose clock is 1 % fast (a frame every 19.8 ms), talking 0.8 s and pausing 0.5 s. */
    private static List<Arrival> fastFarEnd(int frames, boolean pauses) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            boolean quiet = pauses && i % 65 >= 40;
            arrivals.add(new Arrival(i * 19_800L - 5_000, i, quiet ? 100 : loud(i)));
        }
        return arrivals;
    }

    @Test
    void aFarEndWhoseClockRunsFastIsTrimmedOnlyInItsPauses() {
        int ticks = 3000;
        List<Arrival> arrivals = fastFarEnd(ticks, true);

        List<Sent> sent = run(arrivals, ticks);

        List<Integer> loudOffered = arrivals.stream().filter(a -> a.level() > RelayedAudio.QUIET_PEAK)
                .filter(a -> a.atMicros() < (ticks - 10) * 20_000L).map(Arrival::level).toList();
        List<Integer> loudSent = sent.stream().map(Sent::level).filter(l -> l > RelayedAudio.QUIET_PEAK).toList();
        assertEquals(loudOffered, loudSent.subList(0, loudOffered.size()), "every spoken frame, in order");
        RelayStats stats = relay.stats();
        assertEquals(stats.trims() * 160, stats.samplesDropped(), "nothing pushed out: " + stats);
        assertTrue(stats.trims() >= 20, "a minute 1 % fast is 30 frames too many: " + stats);
        // The delay stays bounded: the last spoken frame offered left within 3 ticks.
        Arrival last = arrivals.stream().filter(a -> a.level() > RelayedAudio.QUIET_PEAK)
                .filter(a -> a.atMicros() < (ticks - 10) * 20_000L).reduce((a, b) -> b).orElseThrow();
        Sent lastSent = sent.stream().filter(s -> s.level() > RelayedAudio.QUIET_PEAK).toList()
                .get(loudOffered.size() - 1);
        assertTrue(lastSent.tick() * 20_000 - last.atMicros() <= 3 * 20_000, "waited " + (lastSent.tick() * 20_000
                - last.atMicros()) + " µs: " + stats);
    }

    @Test
    void aFarEndRunningFastWithoutAPauseIsNeverTrimmedAndWaitsAtMostTheFifo() {
        int ticks = 1000;
        List<Arrival> arrivals = fastFarEnd(ticks, false);

        List<Sent> sent = run(arrivals, ticks);

        RelayStats stats = relay.stats();
        assertEquals(0, stats.trims(), "no frame with a tone in it is trimmed: " + stats);
        assertTrue(stats.samplesDropped() > 0, "what overflows the 100 ms FIFO is pushed out: " + stats);
        assertTrue(sent.stream().noneMatch(s -> s.level() == 0), "never silence");
    }

    @Test
    void aFifoLeftAFrameTooDeepLosesAQuietFrameNotASpokenOne() {
        // Ticks at n·20 + 10, arrivals at n·20: frames should wait 10 ms. Two came at once, so a
        // frame waits 30 ms (the sender ticks here call writeFrame, no hold explains the depth).
        // After a second the relay trims, but only once a quiet frame is the oldest.
        offerUlaw(160, 1000);
        offerUlaw(160, 1000);
        int t = 0;
        for (; t < 2 * RelayedAudio.TRIM_WINDOW_TICKS + 10; t++) {
            nowMicros = 20_000L * t + 10_000;
            tick();
            nowMicros = 20_000L * (t + 1);
            offerUlaw(160, 1000);
        }
        assertEquals(0, relay.droppedSamples(), "spoken frames are never trimmed");

        offerUlaw(160, 100);
        for (int i = 0; i < 3; i++) {
            nowMicros = 20_000L * t++ + 10_000;
            tick();
            offerUlaw(160, 1000);
        }

        assertEquals(160, relay.droppedSamples(), "the quiet frame was trimmed: " + relay.stats());
        assertEquals(1, relay.stats().trims());
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
