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
 * <p>The jitter rule: a tick sends the oldest {@value AudioSource#FRAME_SAMPLES} samples waiting.
 * When fewer wait while audio is flowing, the tick <em>holds</em>: it sends nothing and keeps its
 * RTP timestamp for the late audio, up to {@value #HOLD_TICKS} ticks (100 ms, more than the
 * stalls of a far end or an event loop the bridged-calls benchmark sees, and as many ticks as the
 * {@link MediaPacer} catches up after one). Each later tick that finds audio sends the oldest
 * frame under the oldest held timestamp and, when another frame waits, a second packet under the
 * next one ({@link #writeCatchUp}): a burst after a stall drains at one extra frame per tick, every
 * frame goes out under the timestamp of the tick it was due in, and the FIFO is back to its depth
 * before the stall. The far end sees the upstream lateness passed on (as a plain forwarder would),
 * not a frame lost nor a frame of delay kept for the rest of the call. (Before, a tick that found
 * nothing sent silence, the late frame then waited a tick more for the rest of the call, and a
 * trim dropped a frame a second later: 0.04-0.08 % of all frames in the benchmark.) A hold ends
 * early when the other leg's RTP timestamps show the missing audio was never sent (lost upstream,
 * or a pause): the held timestamps are then given up, a gap the far end conceals, as it would have
 * had to anyway. After {@value #HOLD_TICKS} ticks with nothing the other leg is taken to be silent
 * or gone: the held timestamps are given up and each tick sends silence (keeping NAT bindings and
 * the far end's RTP timeout alive) until audio comes again.
 *
 * <p>The only depth holds cannot explain is a far end whose clock runs faster than the pacer's
 * (sustained drift: one frame more every few seconds). Then, when for {@value #TRIM_WINDOW_TICKS}
 * ticks (one second) every tick sent a frame and the youngest of those frames had waited at least
 * 20 ms + {@value #TRIM_MARGIN_MILLIS} ms, one frame is dropped, but only a quiet one (every sample
 * within ±{@value #QUIET_PEAK}, about -42 dBov: a pause in speech), never a frame that carries
 * speech or a tone; the relay waits for one. A far end that drifts while it never pauses fills
 * the FIFO to its {@value #CAPACITY_FRAMES} frames, and the oldest samples are then pushed out:
 * the delay stays bounded at 100 ms.
 *
 * <p>Telephone-events (RFC 4733) are not audio: each received event packet waits in its own small
 * queue and a tick sends one, in place of an audio frame, under this leg's negotiated payload type
 * (an audio frame waiting then is discarded, so the audio keeps its delay: the far end sends
 * events instead of its tone's audio, RFC 4733 §2.6; timestamps held for late audio are given up).
 * All packets of one received event (same RTP timestamp, §2.2.1) go out under one timestamp of
 * this leg's clock, the first with the marker bit (§2.2.2); duration, end bit and volume are
 * passed on as received. When this leg's far end negotiated no telephone-event they are dropped
 * and counted.
 *
 * <p>It never ends: the future is cancelled when this leg plays something else, stops the relay,
 * or either leg closes. When the other leg has gone, nothing more arrives and the ticks send
 * silence.
 */
final class RelayedAudio implements OutboundAudio {

    /**
     * Ticks a flowing relay holds for late audio before it takes the other leg as silent: 100 ms,
     * as many ticks as the {@link MediaPacer} catches up back to back when an event loop fell
     * behind ({@code MAX_LAG_TICKS}), and more than the stalls the bridged-calls benchmark sees.
     */
    static final int HOLD_TICKS = (int) MediaPacer.MAX_LAG_TICKS;
    /**
     * 140 ms: room for what a stall of {@value #HOLD_TICKS} ticks held back, the frame due when it
     * arrives, and one of jitter, so a burst after the longest stall held for is all sent, none
     * pushed out. Frames wait this long only while a burst drains; the delay in the steady state
     * is the arrivals' phase to the tick.
     */
    static final int CAPACITY_FRAMES = HOLD_TICKS + 2;
    /** One second of ticks with a frame to spare before a quiet frame is trimmed. */
    static final int TRIM_WINDOW_TICKS = 50;
    /** Waits of up to a frame plus this are kept: jitter of the arrivals, not a FIFO too deep. */
    static final int TRIM_MARGIN_MILLIS = 5;
    /** A frame whose samples all stay within this (linear, of 32,767) is a pause: it may be trimmed. */
    static final int QUIET_PEAK = 256;
    private static final long TRIM_AGE_NANOS = (20 + TRIM_MARGIN_MILLIS) * 1_000_000L;
    /** Event packets waiting: a digit's three end packets arrive at once (§2.5.1.4), with room to spare. */
    static final int EVENT_QUEUE = 16;
    /** Payload bytes kept per event packet: four events of §2.3 (one, or a few with redundancy). */
    static final int EVENT_BYTES = 16;
    private static final int FRAME = AudioSource.FRAME_SAMPLES;
    private static final int CAPACITY = CAPACITY_FRAMES * FRAME;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private final CompletableFuture<Void> done;
    private final Object lock = new Object();
    private final short[] fifo = new short[CAPACITY];
    /** When each waiting sample arrived, System.nanoTime() or the test's clock. */
    private final long[] arrived = new long[CAPACITY];
    private final LongSupplier nanoClock;
    private int head;
    private int waiting;
    /** Ticks held whose timestamps wait for late audio: the oldest is this tick's minus lag frames. */
    private int lag;
    /** Audio came since the last silence was sent: an empty tick holds instead of sending silence. */
    private boolean flowing;
    /** This leg's timestamp of the last tick, to see ticks the pacer skipped; -1 before the first. */
    private long lastTickTimestamp = -1;
    /** The other leg's RTP timestamp expected next (the last payload's plus its samples); -1 before. */
    private long expectedReceived = -1;
    private int windowTicks;
    private long windowYoungest = Long.MAX_VALUE;
    private boolean trimDue;
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
    private long eventsRelayed;
    private long eventsDropped;
    private long heldTicks;
    private long catchUps;
    private long holdsGivenUp;
    // The sending leg's, touched on its event loop only.
    private final short[] frame = new short[FRAME];
    private final byte[] encoded = new byte[FRAME];
    private final byte[] eventPayload = new byte[EVENT_BYTES];
    private int eventPayloadLength;
    private long eventReceivedTimestamp;
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

    /**
     * The other leg's receiver: one received payload of {@code length} bytes in {@code codec},
     * with the RTP timestamp {@code timestamp} of its first sample (8 kHz for G.711).
     */
    void offer(Codec codec, ByteBuf payload, int offset, int length, long timestamp) {
        boolean ulaw = codec == Codec.PCMU;
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            noteReceivedTimestamp(timestamp & TIMESTAMP_MASK, length);
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
            flowing = true;
        }
    }

    /**
     * Under the lock: a payload whose timestamp is past the one expected means audio the other
     * leg never received (lost upstream, or the far end paused): ticks held for it are given up
     * (as many as the gap has frames), since waiting longer would only make later frames late.
     */
    private void noteReceivedTimestamp(long timestamp, int length) {
        if (expectedReceived >= 0) {
            int gap = (int) (timestamp - expectedReceived); // RFC 3550 timestamps wrap at 2^32
            if (gap < 0) {
                return; // reordered or repeated: the expected timestamp stays
            }
            if (gap >= FRAME && lag > 0) {
                int givenUp = Math.min(lag, gap / FRAME);
                lag -= givenUp;
                holdsGivenUp += givenUp;
            }
        }
        expectedReceived = (timestamp + length) & TIMESTAMP_MASK;
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
    public TickPacket writePacket(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        long now = nanoClock.getAsLong();
        long stamp;
        synchronized (lock) {
            noteTick(timestamp);
            if (eventsWaiting > 0 && takeEvent(peer)) {
                writeEventPacket(peer, sequence, timestamp, ssrc, packet);
                return TickPacket.WRITTEN;
            }
            if (waiting < FRAME) {
                if (flowing && lag < HOLD_TICKS) {
                    lag++;
                    heldTicks++;
                    restartTrimWindow();
                    return TickPacket.HOLD;
                }
                // Nothing for HOLD_TICKS ticks, or nothing since the last silence: the other leg is
                // silent or gone. writeFrame sends silence under this tick's timestamp.
                giveUpHolds();
                flowing = false;
                return TickPacket.FRAME;
            }
            if (lag == 0) {
                return TickPacket.FRAME;
            }
            // The oldest frame under the oldest held tick's timestamp.
            stamp = (timestamp - (long) lag * FRAME) & TIMESTAMP_MASK;
            takeFrame(now);
            restartTrimWindow();
        }
        writeAudioPacket(peer, sequence, stamp, ssrc, packet);
        return TickPacket.WRITTEN;
    }

    @Override
    public boolean writeCatchUp(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        long now = nanoClock.getAsLong();
        long stamp;
        synchronized (lock) {
            if (lag == 0 || waiting < FRAME) {
                return false;
            }
            // This tick's packet went out under the timestamp lag frames back; this one is the next.
            stamp = (timestamp - (long) (lag - 1) * FRAME) & TIMESTAMP_MASK;
            lag--;
            catchUps++;
            takeFrame(now);
        }
        writeAudioPacket(peer, sequence, stamp, ssrc, packet);
        return true;
    }

    /** Under the lock: ticks the pacer skipped (a stall over 100 ms) were never sent; they hold too. */
    private void noteTick(long timestamp) {
        if (lastTickTimestamp >= 0 && flowing) {
            long skipped = ((timestamp - lastTickTimestamp) & TIMESTAMP_MASK) / FRAME - 1;
            if (skipped > 0) {
                lag = (int) Math.min(HOLD_TICKS, lag + skipped);
            }
        }
        lastTickTimestamp = timestamp;
    }

    private void giveUpHolds() {
        holdsGivenUp += lag;
        lag = 0;
    }

    /** Under the lock: copies the oldest frame out of the FIFO for this tick. */
    private void takeFrame(long now) {
        for (int i = 0; i < FRAME; i++) {
            frame[i] = fifo[(head + i) % CAPACITY];
        }
        // The frame's wait: since its first (oldest) sample arrived.
        windowYoungest = Math.min(windowYoungest, now - arrived[head]);
        head = (head + FRAME) % CAPACITY;
        waiting -= FRAME;
        framesRelayed++;
    }

    private void writeAudioPacket(RtpPeer peer, int sequence, long stamp, long ssrc, ByteBuf packet) {
        RtpPacket.writeHeader(packet, false, peer.codec().payloadType(), sequence, stamp, ssrc);
        peer.codec().encode(frame, 0, FRAME, encoded, 0);
        packet.writeBytes(encoded);
    }

    /** Under the lock: takes the next event packet into {@link #eventPayload}; false if this leg cannot send events. */
    private boolean takeEvent(RtpPeer peer) {
        if (!peer.carriesDtmf()) {
            eventsDropped += eventsWaiting;
            eventsWaiting = 0;
            return false;
        }
        System.arraycopy(events[eventHead], 0, eventPayload, 0, eventLengths[eventHead]);
        eventPayloadLength = eventLengths[eventHead];
        eventReceivedTimestamp = eventTimestamps[eventHead];
        eventHead = (eventHead + 1) % EVENT_QUEUE;
        eventsWaiting--;
        eventsRelayed++;
        // The event stands in for this tick's audio, which is not sent late behind it.
        if (waiting >= FRAME) {
            head = (head + FRAME) % CAPACITY;
            waiting -= FRAME;
        }
        giveUpHolds();
        restartTrimWindow();
        return true;
    }

    private void writeEventPacket(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        boolean first = eventReceivedTimestamp != lastReceivedEventTimestamp;
        if (first) {
            lastReceivedEventTimestamp = eventReceivedTimestamp;
            sentEventTimestamp = timestamp;
        }
        RtpPacket.writeHeader(packet, first, peer.dtmfPayloadType(), sequence, sentEventTimestamp, ssrc);
        packet.writeBytes(eventPayload, 0, eventPayloadLength);
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
            if (trimDue) {
                trimIfQuiet();
            }
            takeFrame(now);
            endOfTick();
        }
        codec.encode(frame, 0, FRAME, encoded, 0);
        out.writeBytes(encoded);
        return true;
    }

    /** Under the lock: every {@value #TRIM_WINDOW_TICKS} ticks, whether the FIFO stayed a frame too deep. */
    private void endOfTick() {
        if (++windowTicks < TRIM_WINDOW_TICKS) {
            return;
        }
        if (windowYoungest >= TRIM_AGE_NANOS && waiting >= FRAME) {
            trimDue = true;
        }
        windowTicks = 0;
        windowYoungest = Long.MAX_VALUE;
    }

    /** Under the lock, a frame waiting beyond this tick's: drops the oldest if it is a pause. */
    private void trimIfQuiet() {
        if (waiting < 2 * FRAME) {
            trimDue = false; // the depth went by itself
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            int sample = fifo[(head + i) % CAPACITY];
            if (sample > QUIET_PEAK || sample < -QUIET_PEAK) {
                return; // speech or a tone: never dropped; wait for a pause
            }
        }
        head = (head + FRAME) % CAPACITY;
        waiting -= FRAME;
        droppedSamples += FRAME;
        trims++;
        trimDue = false;
    }

    private void restartTrimWindow() {
        windowTicks = 0;
        windowYoungest = Long.MAX_VALUE;
        trimDue = false;
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
            return new RelayStats(framesRelayed, underruns, droppedSamples, trims, eventsRelayed, eventsDropped,
                    heldTicks, catchUps, holdsGivenUp);
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
