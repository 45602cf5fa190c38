package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;

/** The relay's FIFO: the other leg offers payloads, this leg's ticks take frames. */
class RelayedAudioTest {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final RelayedAudio relay = new RelayedAudio(done);

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
    void aBurstBeyondThreeFramesPushesOutTheOldestSamples() {
        for (int frame = 1; frame <= 4; frame++) {
            offerUlaw(160, 1000 * frame);
        }

        assertEquals(160, relay.droppedSamples());
        assertEquals(Arrays.toString(frameOf(2000)), Arrays.toString(tick()), "frame 1 was dropped");
        assertEquals(Arrays.toString(frameOf(3000)), Arrays.toString(tick()));
        assertEquals(Arrays.toString(frameOf(4000)), Arrays.toString(tick()));
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
    void cancellingTheRelayCancelsItsFuture() {
        relay.cancel();

        assertTrue(done.isCancelled());
    }
}
