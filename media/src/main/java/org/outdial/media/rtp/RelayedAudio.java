package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;

/**
 * Another leg's received audio as this leg's outgoing source: half of a bridge between two calls
 * ({@code a.relayFrom(b)} and {@code b.relayFrom(a)}). The other leg's {@link RtpReceiver} offers
 * each audio payload on its event loop; this leg's {@link RtpSender} takes one frame per tick on
 * its own. The two ends meet in a small FIFO of 8 kHz linear samples, so the legs may use
 * different codecs (PCMU in, PCMA out) and packet sizes (a 30 ms far end feeds 20 ms frames).
 *
 * <p>The jitter rule, the simplest that bounds delay: a tick sends the oldest
 * {@value AudioSource#FRAME_SAMPLES} samples waiting; with fewer waiting it sends silence and
 * leaves them for the next tick (an underrun); a sample arriving when
 * {@value #CAPACITY_FRAMES} frames wait pushes out the oldest (dropped). The relay thus adds at
 * most {@value #CAPACITY_FRAMES} × 20 ms of delay, well inside ITU-T G.114's 150 ms one-way
 * budget. Each underrun shifts the FIFO one frame deeper, so arrivals that jitter around the
 * tick settle after the first one instead of alternating silence and audio.
 *
 * <p>It never ends: the future is cancelled when this leg plays something else, stops, or
 * closes. When the other leg closes, nothing more arrives and the ticks send silence.
 */
final class RelayedAudio implements OutboundAudio {

    /** 60 ms: two 30 ms packets, or three 20 ms ones arriving in a burst. */
    static final int CAPACITY_FRAMES = 3;
    private static final int FRAME = AudioSource.FRAME_SAMPLES;
    private static final int CAPACITY = CAPACITY_FRAMES * FRAME;

    private final CompletableFuture<Void> done;
    private final Object lock = new Object();
    private final short[] fifo = new short[CAPACITY];
    private int head;
    private int waiting;
    private long underruns;
    private long droppedSamples;
    // The sending leg's scratch, touched on its event loop only.
    private final short[] frame = new short[FRAME];
    private final byte[] encoded = new byte[FRAME];

    RelayedAudio(CompletableFuture<Void> done) {
        this.done = done;
    }

    /** The other leg's receiver: one received payload of {@code length} bytes in {@code codec}. */
    void offer(Codec codec, ByteBuf payload, int offset, int length) {
        boolean ulaw = codec == Codec.PCMU;
        synchronized (lock) {
            for (int i = 0; i < length; i++) {
                byte b = payload.getByte(offset + i);
                if (waiting == CAPACITY) {
                    head = (head + 1) % CAPACITY;
                    waiting--;
                    droppedSamples++;
                }
                fifo[(head + waiting) % CAPACITY] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
                waiting++;
            }
        }
    }

    @Override
    public boolean writeFrame(Codec codec, ByteBuf out) {
        synchronized (lock) {
            if (waiting < FRAME) {
                underruns++;
                Silence.write(codec, out);
                return true;
            }
            for (int i = 0; i < FRAME; i++) {
                frame[i] = fifo[(head + i) % CAPACITY];
            }
            head = (head + FRAME) % CAPACITY;
            waiting -= FRAME;
        }
        codec.encode(frame, 0, FRAME, encoded, 0);
        out.writeBytes(encoded);
        return true;
    }

    @Override
    public void ended() {
        throw new IllegalStateException("a relay has no last frame");
    }

    @Override
    public void cancel() {
        done.cancel(false);
    }

    /** Ticks that found less than a frame waiting and sent silence. */
    long underruns() {
        synchronized (lock) {
            return underruns;
        }
    }

    /** Samples pushed out by newer ones because {@value #CAPACITY_FRAMES} frames were waiting. */
    long droppedSamples() {
        synchronized (lock) {
            return droppedSamples;
        }
    }

    @Override
    public String toString() {
        return "relay (" + underruns() + " underruns, " + droppedSamples() + " samples dropped)";
    }
}
