package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;

/**
 * Another leg's received audio and telephone-events as this leg's outgoing source: half of a
 * bridge between two calls ({@code a.relayFrom(b)} and {@code b.relayFrom(a)}). The other leg's
 * {@link RtpReceiver} offers each payload on its event loop; this leg's {@link RtpSender} takes
 * one packet per tick on its own. The two ends meet in a small FIFO of 8 kHz linear samples, so
 * the legs may use different codecs (PCMU in, PCMA out) and packet sizes (a 30 ms far end feeds
 * 20 ms frames); one lock guards it, held for a copy of at most a packet.
 *
 * <p>The jitter rule, the simplest that bounds delay: a tick sends the oldest
 * {@value AudioSource#FRAME_SAMPLES} samples waiting; with fewer waiting it sends silence and
 * leaves them for the next tick (an underrun); a sample arriving when {@value #CAPACITY_FRAMES}
 * frames wait pushes out the oldest (dropped). Each underrun shifts the FIFO one frame deeper, so
 * arrivals that jitter around the tick settle after the first one instead of alternating silence
 * and audio: each frame then waits one tick more, 20 ms plus less than the jitter. But a far
 * end's or an event loop's stall followed by a burst leaves the FIFO deeper than the arrivals
 * need (up to 100 ms) for the rest of the call. Hence the catch-up: when for
 * {@value #TRIM_WINDOW_TICKS} ticks (one second) every tick sent a frame and the youngest of those
 * frames had waited at least 20 ms + {@value #TRIM_MARGIN_MILLIS} ms since it arrived, the oldest
 * waiting frame goes out at once as a second packet of that tick ({@link #writeCatchUp}: the sender
 * gives it the next RTP timestamp and sends every later packet one frame of timestamps ahead), so
 * the delay comes back to a frame and nothing is dropped: the far end's jitter buffer gets one
 * packet 20 ms early, which it holds. (The trim that dropped that frame instead lost 0.02 % of the
 * frames on a quiet machine; docs/BENCHMARKS.md.) The margin is what keeps a FIFO that settled one
 * frame deep because its arrivals come just before the tick (delay 20-25 ms) from catching up,
 * which would only bring back the underrun a second later. So in the steady state the relay adds
 * at most one frame plus {@value #TRIM_MARGIN_MILLIS} ms, the bound of one frame within
 * the jitter, and loses a frame only to a stall longer than its capacity (measured in
 * {@code RtpBridgeLoopbackTest} and the bridged-calls benchmark).
 *
 * <p>Telephone-events (RFC 4733) are not audio: each received event packet waits in its own small
 * queue and a tick sends one, in place of an audio frame, under this leg's negotiated payload type
 * (an audio frame waiting then is discarded, so the audio keeps its delay: the far end sends
 * events instead of its tone's audio, RFC 4733 §2.6). All packets of one received event (same RTP
 * timestamp, §2.2.1) go out under one timestamp of this leg's clock, the first with the marker
 * bit (§2.2.2); duration, end bit and volume are passed on as received. When this leg's far end
 * negotiated no telephone-event they are dropped and counted.
 *
 * <p>It never ends: the future is cancelled when this leg plays something else, stops the relay,
 * or either leg closes. When the other leg has gone, nothing more arrives and the ticks send
 * silence.
 */
final class RelayedAudio implements OutboundAudio {

    /**
     * 100 ms, as many ticks as the {@link MediaPacer} catches up back to back when this leg's event
     * loop fell behind ({@code MAX_LAG_TICKS}): what arrived while the loop stalled is all sent
     * when it resumes, not pushed out. (It was 60 ms; the bridged-calls benchmark at 1,000 legs on
     * 2 cores saw event loops stall 70-80 ms and lose frames here.) The trim keeps the steady
     * state's delay down, so the room costs no delay.
     */
    static final int CAPACITY_FRAMES = (int) MediaPacer.MAX_LAG_TICKS;
    /** One second of ticks with a frame to spare before the oldest is sent early. */
    static final int TRIM_WINDOW_TICKS = 50;
    /** Waits of up to a frame plus this are kept: jitter of the arrivals, not a FIFO too deep. */
    static final int TRIM_MARGIN_MILLIS = 5;
    private static final long TRIM_AGE_NANOS = (20 + TRIM_MARGIN_MILLIS) * 1_000_000L;
    /** Event packets waiting: a digit's three end packets arrive at once (§2.5.1.4), with room to spare. */
    static final int EVENT_QUEUE = 16;
    /** Payload bytes kept per event packet: four events of §2.3 (one, or a few with redundancy). */
    static final int EVENT_BYTES = 16;
    private static final int FRAME = AudioSource.FRAME_SAMPLES;
    private static final int CAPACITY = CAPACITY_FRAMES * FRAME;

    private final CompletableFuture<Void> done;
    private final Object lock = new Object();
    private final short[] fifo = new short[CAPACITY];
    /** When each waiting sample arrived, System.nanoTime() or the test's clock. */
    private final long[] arrived = new long[CAPACITY];
    private final LongSupplier nanoClock;
    private int head;
    private int waiting;
    private int windowTicks;
    private long windowYoungest = Long.MAX_VALUE;
    // Event packets: a ring of EVENT_QUEUE payloads with their received timestamps.
    private final byte[][] events = new byte[EVENT_QUEUE][EVENT_BYTES];
    private final int[] eventLengths = new int[EVENT_QUEUE];
    private final long[] eventTimestamps = new long[EVENT_QUEUE];
    private int eventHead;
    private int eventsWaiting;
    private long framesRelayed;
    private long underruns;
    private long droppedSamples;
    private long trims;
    /** The window showed a frame too many waiting: send it as this tick's second packet. */
    private boolean catchUp;
    private long catchUps;
    private long eventsRelayed;
    private long eventsDropped;
    // The sending leg's, touched on its event loop only.
    private final short[] frame = new short[FRAME];
    private final byte[] encoded = new byte[FRAME];
    private final byte[] eventPayload = new byte[EVENT_BYTES];
    private long lastReceivedEventTimestamp = -1;
    private long sentEventTimestamp;

    RelayedAudio(CompletableFuture<Void> done) {
        this(done, System::nanoTime);
    }

    /** @param nanoClock when payloads arrive and frames leave, for the trim */
    RelayedAudio(CompletableFuture<Void> done, LongSupplier nanoClock) {
        this.done = done;
        this.nanoClock = nanoClock;
    }

    /** The other leg's receiver: one received payload of {@code length} bytes in {@code codec}. */
    void offer(Codec codec, ByteBuf payload, int offset, int length) {
        boolean ulaw = codec == Codec.PCMU;
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            for (int i = 0; i < length; i++) {
                byte b = payload.getByte(offset + i);
                if (waiting == CAPACITY) {
                    head = (head + 1) % CAPACITY;
                    waiting--;
                    droppedSamples++;
                }
                int at = (head + waiting) % CAPACITY;
                fifo[at] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
                arrived[at] = now;
                waiting++;
            }
        }
    }

    /**
     * The other leg's receiver: one telephone-event payload (RFC 4733 §2.3) received with RTP
     * timestamp {@code timestamp}, the event's start.
     */
    void offerEvent(ByteBuf payload, int offset, int length, long timestamp) {
        if (length <= 0) {
            return;
        }
        synchronized (lock) {
            if (eventsWaiting == EVENT_QUEUE) {
                eventsDropped++;
                return;
            }
            int slot = (eventHead + eventsWaiting) % EVENT_QUEUE;
            int kept = Math.min(length, EVENT_BYTES);
            payload.getBytes(offset, events[slot], 0, kept);
            eventLengths[slot] = kept;
            eventTimestamps[slot] = timestamp;
            eventsWaiting++;
        }
    }

    @Override
    public boolean writeEvent(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        int length;
        long received;
        synchronized (lock) {
            if (eventsWaiting == 0) {
                return false;
            }
            if (!peer.carriesDtmf()) {
                eventsDropped += eventsWaiting;
                eventsWaiting = 0;
                return false;
            }
            length = eventLengths[eventHead];
            received = eventTimestamps[eventHead];
            System.arraycopy(events[eventHead], 0, eventPayload, 0, length);
            eventHead = (eventHead + 1) % EVENT_QUEUE;
            eventsWaiting--;
            eventsRelayed++;
            // The event stands in for this tick's audio, which is not sent late behind it.
            if (waiting >= FRAME) {
                head = (head + FRAME) % CAPACITY;
                waiting -= FRAME;
            }
        }
        boolean first = received != lastReceivedEventTimestamp;
        if (first) {
            lastReceivedEventTimestamp = received;
            sentEventTimestamp = timestamp;
        }
        RtpPacket.writeHeader(packet, first, peer.dtmfPayloadType(), sequence, sentEventTimestamp, ssrc);
        packet.writeBytes(eventPayload, 0, length);
        return true;
    }

    @Override
    public boolean writeFrame(Codec codec, ByteBuf out) {
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            if (waiting < FRAME) {
                underruns++;
                windowYoungest = 0;
                endOfTick();
                Silence.write(codec, out);
                return true;
            }
            for (int i = 0; i < FRAME; i++) {
                frame[i] = fifo[(head + i) % CAPACITY];
            }
            // The frame's wait: since its first (oldest) sample arrived.
            windowYoungest = Math.min(windowYoungest, now - arrived[head]);
            head = (head + FRAME) % CAPACITY;
            waiting -= FRAME;
            framesRelayed++;
            endOfTick();
        }
        codec.encode(frame, 0, FRAME, encoded, 0);
        out.writeBytes(encoded);
        return true;
    }

    /** Under the lock: closes the trim window every {@value #TRIM_WINDOW_TICKS} ticks. */
    private void endOfTick() {
        if (++windowTicks < TRIM_WINDOW_TICKS) {
            return;
        }
        catchUp = windowYoungest >= TRIM_AGE_NANOS && waiting >= FRAME;
        windowTicks = 0;
        windowYoungest = Long.MAX_VALUE;
    }

    @Override
    public boolean catchUpReady() {
        synchronized (lock) {
            if (catchUp && waiting < FRAME) {
                catchUp = false;
            }
            return catchUp;
        }
    }

    @Override
    public boolean writeCatchUp(Codec codec, ByteBuf out) {
        synchronized (lock) {
            if (!catchUp || waiting < FRAME) {
                catchUp = false;
                return false;
            }
            catchUp = false;
            for (int i = 0; i < FRAME; i++) {
                frame[i] = fifo[(head + i) % CAPACITY];
            }
            head = (head + FRAME) % CAPACITY;
            waiting -= FRAME;
            framesRelayed++;
            catchUps++;
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

    /** Whether this relay has been replaced, stopped, or a leg closed. */
    boolean isDone() {
        return done.isDone();
    }

    RelayStats stats() {
        synchronized (lock) {
            return new RelayStats(framesRelayed, underruns, droppedSamples, trims, catchUps, eventsRelayed, eventsDropped);
        }
    }

    /** Ticks that found less than a frame waiting and sent silence. */
    long underruns() {
        synchronized (lock) {
            return underruns;
        }
    }

    /** Samples pushed out by newer ones, or trimmed; see the class comment. */
    long droppedSamples() {
        synchronized (lock) {
            return droppedSamples;
        }
    }

    @Override
    public String toString() {
        return "relay (" + stats() + ")";
    }
}
