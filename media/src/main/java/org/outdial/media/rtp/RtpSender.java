package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a session: on every tick of the shared {@link MediaPacer} (registered by
 * the session while connected), one packet to the {@link RtpRoute}'s peer. The packet is a
 * telephone-event when {@link OutboundDtmf} has one due, else one frame of the current
 * {@link OutboundAudio} source (silence when nothing else is chosen). Sending starts at connect
 * and never pauses until close.
 *
 * <p>Every method runs on the channel's event loop, which owns all state here; the session hands
 * commands over to it. Per packet the tick allocates only what it did before this class existed:
 * a pooled buffer and the {@code DatagramPacket} envelope. The sequence number and timestamp
 * records never leave the tick, so once it is compiled the JIT's escape analysis removes them
 * (measured in docs/BENCHMARKS.md: the same bytes per tick as the code before the split).
 */
final class RtpSender {

    private static final Logger log = LoggerFactory.getLogger(RtpSender.class);
    private static final int SAMPLES_PER_FRAME = AudioSource.FRAME_SAMPLES;

    private final Channel channel;
    private final RtpRoute route;
    private final long ssrc;
    private final RtpSequenceNumber firstSequence;
    private final RtpTimestamp firstTimestamp;
    private final LongSupplier nanoClock;
    private final SendStatistics statistics = new SendStatistics();
    private final OutboundDtmf dtmf = new OutboundDtmf();
    private OutboundAudio audio = Silence.INSTANCE;
    private long firstTick = -1;
    /** Timestamps the stream runs ahead of the pacer's clock: a frame per catch-up ({@link #sendCatchUp}). */
    private long catchUpSamples;
    /** Gets every tick's audio as sent (a recording); null for none. Read on the event loop only. */
    private volatile Consumer<short[]> sentListener;

    /** Position in the pacer's list for its event loop, -1 when not ticking. */
    int pacerIndex = -1;
    /** The pacer slot (phase of the 20 ms period) this sender sends in; -1 while not registered. */
    int pacerSlot = -1;

    /**
     * @param firstSequence  the first packet's sequence number, and {@code firstTimestamp} its
     *                       timestamp: random in a real session (RFC 3550 §5.1)
     * @param nanoClock      when a packet has been handed to the socket, for the statistics
     */
    RtpSender(Channel channel, RtpRoute route, long ssrc, RtpSequenceNumber firstSequence,
              RtpTimestamp firstTimestamp, LongSupplier nanoClock) {
        this.channel = channel;
        this.route = route;
        this.ssrc = ssrc;
        this.firstSequence = firstSequence;
        this.firstTimestamp = firstTimestamp;
        this.nanoClock = nanoClock;
    }

    /** A sender for a real session: random SSRC, first sequence number and timestamp, the real clock. */
    static RtpSender startingAtRandom(Channel channel, RtpRoute route) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // RFC 3550 §5.1: random initial sequence number, timestamp and SSRC make known-plaintext
        // attacks on encrypted streams harder and keep restarted sessions apart.
        return new RtpSender(channel, route, random.nextLong(1L << 32),
                new RtpSequenceNumber(random.nextInt(RtpSequenceNumber.MODULUS)),
                new RtpTimestamp(random.nextLong(RtpTimestamp.MODULUS)), System::nanoTime);
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    long ssrc() {
        return ssrc;
    }

    SendStatistics statistics() {
        return statistics;
    }

    /**
     * Sets the one listener for sent audio (replacing the previous; null for none): each tick's
     * frame decoded back to linear PCM, in a new array that is the listener's to keep; a tick that
     * carried a telephone-event instead of audio is a frame of silence (the far end hears the
     * digit, which is not audio). Runs on the event loop and must not block.
     */
    void onSentAudio(Consumer<short[]> listener) {
        sentListener = listener;
    }

    /** Plays {@code source} from its first frame, cancelling what played. */
    void play(AudioSource source, CompletableFuture<Void> done) {
        if (source.frameCount() == 0) {
            replaceAudio(Silence.INSTANCE);
            done.complete(null);
        } else {
            replaceAudio(new Playback(source, done));
        }
    }

    /** Sends {@code next} from the next tick on; the source it replaces is cancelled. */
    void replaceAudio(OutboundAudio next) {
        OutboundAudio previous = audio;
        audio = next;
        previous.cancel();
    }

    /** Sends silence from the next tick on if {@code current} is still the source (it is cancelled). */
    void replaceAudioIf(OutboundAudio current) {
        if (audio == current) {
            replaceAudio(Silence.INSTANCE);
        }
    }

    void sendDtmf(DtmfSender digits, CompletableFuture<Void> done) {
        dtmf.add(digits, done);
    }

    /** The session closes: what plays and every queued digit string are cancelled. */
    void close() {
        replaceAudio(Silence.INSTANCE);
        dtmf.cancelAll();
    }

    /** Called by the pacer once per 20 ms tick, {@code deadlineNanos} being when it is due. */
    void onTick(long tick, long deadlineNanos) {
        RtpPeer peer = route.active();
        if (peer == null) {
            return;
        }
        if (firstTick < 0) {
            firstTick = tick;
        }
        // The timestamp follows the pacer's clock, so ticks skipped by a stalled pacer show up as a
        // timestamp jump (RFC 3550 §5.1: "the timestamp ... increments monotonically and linearly
        // in time"), not as audio played too late. The sequence number "increments by one for each
        // RTP data packet sent" (§5.1).
        long timestamp = firstTimestamp.plus((tick - firstTick) * SAMPLES_PER_FRAME + catchUpSamples).value();
        int sequence = firstSequence.plus(statistics.packetsSent()).value();
        ByteBuf packet = channel.alloc().ioBuffer(RtpPacket.FIXED_HEADER_LENGTH + SAMPLES_PER_FRAME);
        OutboundAudio ended = null;
        boolean audioFrame = false;
        try {
            if (!dtmf.writeEvent(peer, sequence, timestamp, ssrc, packet)
                    && !audio.writeEvent(peer, sequence, timestamp, ssrc, packet)) {
                // RFC 3551 §4.1: "Applications without silence suppression MUST set the marker bit
                // to zero"; the stream never pauses, so audio packets never carry it.
                RtpPacket.writeHeader(packet, false, peer.codec().payloadType(), sequence, timestamp, ssrc);
                audioFrame = true;
                if (!audio.writeFrame(peer.codec(), packet)) {
                    ended = audio;
                    audio = Silence.INSTANCE;
                }
            }
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
        Consumer<short[]> tap = sentListener;
        if (tap != null) {
            tapSent(tap, audioFrame ? peer.codec() : null, packet);
        }
        int bytes = packet.readableBytes();
        channel.writeAndFlush(new DatagramPacket(packet, peer.remote()), channel.voidPromise());
        statistics.onSent(tick, deadlineNanos, bytes, nanoClock.getAsLong());
        if (audioFrame && ended == null && audio.catchUpReady()) {
            sendCatchUp(peer, timestamp + SAMPLES_PER_FRAME);
        }
        // Futures complete after the packet has left, so a flow that plays the next prompt from
        // a callback continues on the very next tick.
        if (ended != null) {
            ended.ended();
        }
        dtmf.afterSend();
    }

    /**
     * The source's extra frame, right behind this tick's packet, with the next timestamp: every
     * later packet's timestamp is a frame further ahead of the pacer's clock, so the stream stays
     * linear in its own timestamps (RFC 3550 §5.1) and the far end sees one packet early.
     */
    private void sendCatchUp(RtpPeer peer, long timestamp) {
        ByteBuf extra = channel.alloc().ioBuffer(RtpPacket.FIXED_HEADER_LENGTH + SAMPLES_PER_FRAME);
        int sequence = firstSequence.plus(statistics.packetsSent()).value();
        RtpPacket.writeHeader(extra, false, peer.codec().payloadType(), sequence,
                new RtpTimestamp(0).plus(timestamp).value(), ssrc);
        if (!audio.writeCatchUp(peer.codec(), extra)) {
            extra.release();
            return;
        }
        catchUpSamples += SAMPLES_PER_FRAME;
        int bytes = extra.readableBytes();
        Consumer<short[]> tap = sentListener;
        if (tap != null) {
            tapSent(tap, peer.codec(), extra);
        }
        channel.writeAndFlush(new DatagramPacket(extra, peer.remote()), channel.voidPromise());
        statistics.onCatchUp(bytes);
    }

    /**
     * Hands the tick's payload, decoded, to {@code tap} before the packet leaves (the send
     * releases it); {@code codec} null means the tick carried an event: silence.
     */
    private void tapSent(Consumer<short[]> tap, Codec codec, ByteBuf packet) {
        short[] pcm = new short[SAMPLES_PER_FRAME];
        if (codec != null) {
            int offset = packet.readerIndex() + RtpPacket.FIXED_HEADER_LENGTH;
            codec.decode(packet, offset, Math.min(SAMPLES_PER_FRAME, packet.writerIndex() - offset), pcm);
        }
        try {
            tap.accept(pcm);
        } catch (RuntimeException e) {
            log.warn("{}: sent-audio listener failed", this, e);
        }
    }

    @Override
    public String toString() {
        RtpPeer peer = route.last();
        return "RtpSender[" + channel.localAddress() + (peer == null ? ", not connected" : " → " + peer.remote()
                + " " + peer.codec()) + ", " + audio + "]";
    }
}
