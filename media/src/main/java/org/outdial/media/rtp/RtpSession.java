package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.audio.EncodedAudio;
import org.outdial.media.codec.Codec;
import org.outdial.media.codec.G711;
import org.outdial.media.dtmf.DtmfDecoder;
import org.outdial.media.dtmf.DtmfEncoder;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.dtmf.DtmfReceiver;
import org.outdial.media.dtmf.DtmfSender;
import org.outdial.media.dtmf.TelephoneEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's RTP stream: a UDP socket on an even port of {@code sip.media-ports}, sending G.711
 * in 20 ms packets on the shared {@link MediaPacer} and receiving audio and RFC 4733 digits.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li><b>Sending starts at {@link #connect}</b> and never stops until {@link #close}: while
 *       nothing plays, the session sends G.711 silence (not RFC 3389 comfort noise, which the SDP
 *       offer does not include). A steady stream opens NAT bindings and lets a far end that does
 *       symmetric RTP latch on to us before the first prompt, and an echoing peer (SIPp) needs our
 *       packets to answer with its own.</li>
 *   <li><b>Symmetric RTP</b> (RFC 4961): the first valid packet that arrives after {@code connect}
 *       decides where packets go from then on, whatever the SDP said, because a far end behind NAT
 *       advertises an address it cannot be reached at. The session latches once per
 *       {@code connect}, so a stray packet from elsewhere cannot hijack the stream later.</li>
 *   <li><b>{@link #play} replaces</b> what is playing: the earlier playback's future is cancelled.
 *       Composite prompts are one {@link AudioSource#concat} source, so there is nothing to
 *       queue.</li>
 *   <li><b>{@link #sendDtmf} queues</b> behind earlier digit strings. While an event is sent the
 *       audio is paused, not skipped: the event packets stand in for the audio of that time (they
 *       share its SSRC, sequence and timestamp space), and the prompt resumes where it was.</li>
 *   <li><b>Received digits</b> are reported once per event, when its first packet arrives (see
 *       {@link DtmfReceiver}).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * All methods may be called from any thread, typically a call flow's virtual thread. State is owned
 * by the channel's Netty event loop: commands are handed to it, and the pacer's tick and incoming
 * packets run on it. Futures complete and listeners run on that event loop, so they must not block;
 * a call flow awaits the futures on its own thread.
 */
public final class RtpSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);
    private static final int SAMPLES_PER_FRAME = AudioSource.FRAME_SAMPLES;
    private static final byte[] SILENCE_PCMU = filled(Codec.PCMU.silenceByte());
    private static final byte[] SILENCE_PCMA = filled(Codec.PCMA.silenceByte());
    private static final Consumer<DtmfEvent> NO_DTMF_LISTENER = event -> { };

    private record Peer(InetSocketAddress remote, Codec codec, int dtmfPayloadType, boolean latched) {
    }

    private static final class Playback {
        final AudioSource source;
        final CompletableFuture<Void> done;
        EncodedAudio encoded;
        int nextFrame;

        Playback(AudioSource source, CompletableFuture<Void> done) {
            this.source = source;
            this.done = done;
        }
    }

    private record DtmfJob(DtmfSender sender, CompletableFuture<Void> done) {
    }

    private final MediaEngine engine;
    private final int port;
    private final long ssrc;
    private final long timestampBase;
    private final AtomicReference<Peer> peer = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Inbound inbound = new Inbound();
    private volatile Channel channel;
    private volatile Consumer<DtmfEvent> dtmfListener = NO_DTMF_LISTENER;
    private volatile Consumer<short[]> audioListener;
    private volatile RtpStats finalStats;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    /** Position in the pacer's list for its event loop, -1 when not ticking. Event loop only. */
    int pacerIndex = -1;
    /** The pacer slot (phase of the 20 ms period) this session sends in; -1 while not registered. */
    int pacerSlot = -1;

    // Everything below is owned by the event loop.
    private int sequence;
    private long firstTick = -1;
    private long lastTick;
    private long lastSendNanos;
    private Playback playback;
    private final ArrayDeque<DtmfJob> dtmfJobs = new ArrayDeque<>();
    private final ReceiveStatistics receive = new ReceiveStatistics(Codec.CLOCK_RATE);
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private final MicrosHistogram intervalError = new MicrosHistogram();
    private final MicrosHistogram lateness = new MicrosHistogram();
    private long packetsSent;
    private long bytesSent;
    private long packetsReceived;
    private long bytesReceived;

    RtpSession(MediaEngine engine, int port) {
        this.engine = engine;
        this.port = port;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // RFC 3550 §5.1: random initial sequence number, timestamp and SSRC make known-plaintext
        // attacks on encrypted streams harder and keep restarted sessions apart.
        this.ssrc = random.nextLong(1L << 32);
        this.sequence = random.nextInt(1 << 16);
        this.timestampBase = random.nextLong(1L << 32);
    }

    ChannelHandler inboundHandler() {
        return inbound;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** The bound local address and port; advertise the port in SDP. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The local RTP port (even, RFC 3550 §11). */
    public int localPort() {
        return port;
    }

    /** This stream's SSRC. */
    public long ssrc() {
        return ssrc;
    }

    /**
     * Starts or redirects the stream: packets go to {@code remote} (until the first received packet
     * says otherwise, see symmetric RTP above) with {@code codec}; received packets with other
     * payload types are ignored. May be called again, for a re-INVITE.
     *
     * @param dtmfPayloadType the negotiated telephone-event payload type (RFC 4733; a dynamic type,
     *                        96..127), or -1 when the far end did not offer it
     */
    public void connect(InetSocketAddress remote, Codec codec, int dtmfPayloadType) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(codec, "codec");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("RTP remote address must be resolved, was " + remote);
        }
        if (dtmfPayloadType != -1 && (dtmfPayloadType < 96 || dtmfPayloadType > 127)) {
            throw new IllegalArgumentException("telephone-event payload type must be 96..127 or -1, was " + dtmfPayloadType);
        }
        if (closed.get()) {
            throw new IllegalStateException("RTP session on port " + port + " is closed");
        }
        peer.set(new Peer(remote, codec, dtmfPayloadType, false));
        onLoop(() -> {
            if (!closed.get()) {
                engine.pacer().register(this);
            }
        }, null);
    }

    /**
     * Plays {@code source} from its first frame, replacing whatever was playing (whose future is
     * then cancelled). Playback waits for {@link #connect} if the session is not connected yet.
     *
     * @return completes when the last frame has been sent; cancelled when replaced, stopped or
     *         closed
     */
    public CompletableFuture<Void> play(AudioSource source) {
        Objects.requireNonNull(source, "source");
        Peer current = peer.get();
        if (current != null) {
            // Encode here, on the caller's thread, rather than in the event loop's tick.
            source.encoded(current.codec());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            stopPlaybackOnLoop();
            if (closed.get()) {
                done.cancel(false);
            } else if (source.frameCount() == 0) {
                done.complete(null);
            } else {
                playback = new Playback(source, done);
            }
        }, done);
        return done;
    }

    /** Stops what is playing (its future is cancelled); silence follows. */
    public void stopPlayback() {
        onLoop(this::stopPlaybackOnLoop, null);
    }

    private void stopPlaybackOnLoop() {
        if (playback != null) {
            playback.done.cancel(false);
            playback = null;
        }
    }

    /**
     * Sends digits as RFC 4733 events, after any digits queued before; see {@link DtmfSender} for
     * the timing. ',' and '.' are one-second pauses.
     *
     * @return completes when the last end packet has been sent; fails with
     *         {@link IllegalStateException} when no telephone-event payload type was negotiated;
     *         cancelled when the session closes first
     * @throws IllegalArgumentException for characters other than 0-9 * # A-D , .
     */
    public CompletableFuture<Void> sendDtmf(String digits) {
        DtmfSender sender = new DtmfSender(digits);
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            if (closed.get()) {
                done.cancel(false);
            } else {
                dtmfJobs.add(new DtmfJob(sender, done));
            }
        }, done);
        return done;
    }

    /** Sets the one listener for received digits (replacing the previous). Runs on the event loop. */
    public void onDtmf(Consumer<DtmfEvent> listener) {
        dtmfListener = listener == null ? NO_DTMF_LISTENER : listener;
    }

    /**
     * Sets the one listener for received audio (replacing the previous; null for none): each
     * received audio packet decoded to 16-bit linear PCM at 8 kHz, usually 160 samples. The array
     * is the listener's to keep. Runs on the event loop.
     */
    public void onAudio(Consumer<short[]> listener) {
        audioListener = listener;
    }

    /** A snapshot of the counters; after {@link #close}, the final values. */
    public RtpStats stats() {
        RtpStats done = finalStats;
        if (done != null) {
            return done;
        }
        Channel ch = channel;
        if (ch.eventLoop().inEventLoop()) {
            return snapshot();
        }
        try {
            return ch.eventLoop().submit(this::snapshot).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while reading RTP statistics", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            RtpStats last = finalStats;
            if (last != null) {
                return last;
            }
            throw new MediaException("cannot read RTP statistics of port " + port, e);
        }
    }

    /**
     * Stops sending, cancels playback and queued digits, closes the socket and returns the port to
     * the pool. Waits (up to a second) for the socket to close unless called on the event loop.
     * Idempotent.
     */
    @Override
    public void close() {
        CompletableFuture<Void> released = closeAsync();
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        try {
            released.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("RTP port {} did not close within 1 s", port, e);
        }
    }

    /** Starts closing; the future completes when the port is back in the pool. Idempotent. */
    CompletableFuture<Void> closeAsync() {
        if (!closed.compareAndSet(false, true)) {
            return released;
        }
        Channel ch = channel;
        Runnable shutdown = () -> {
            engine.pacer().unregister(this);
            stopPlaybackOnLoop();
            for (DtmfJob job : dtmfJobs) {
                job.done.cancel(false);
            }
            dtmfJobs.clear();
            finalStats = snapshot();
            ch.close().addListener(f -> {
                Runnable release = () -> {
                    engine.sessionClosed(this);
                    released.complete(null);
                };
                // The JDK closes a registered channel's socket only when its selector next runs
                // (SelectorImpl's deregistration), after this listener. A port handed out before
                // that would not bind, so it returns to the pool after one more selector pass.
                try {
                    ch.eventLoop().schedule(release, 1, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    release.run();
                }
            });
        };
        try {
            if (ch.eventLoop().inEventLoop()) {
                shutdown.run();
            } else {
                ch.eventLoop().execute(shutdown);
            }
        } catch (RejectedExecutionException e) {
            // The engine is shutting its event loops down; the socket closes with them.
            finalStats = RtpStats.EMPTY;
            engine.sessionClosed(this);
            released.complete(null);
        }
        return released;
    }

    public boolean isClosed() {
        return closed.get();
    }

    private void onLoop(Runnable task, CompletableFuture<Void> failOnReject) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            if (failOnReject != null) {
                failOnReject.completeExceptionally(new IllegalStateException("media engine is closed", e));
            }
        }
    }

    /** Called by the pacer on this session's event loop, once per 20 ms tick. */
    void onTick(long tick, long deadlineNanos) {
        Peer current = peer.get();
        if (current == null || closed.get()) {
            return;
        }
        if (firstTick < 0) {
            firstTick = tick;
        }
        // The timestamp follows the pacer's clock, so ticks skipped by a stalled pacer show up as a
        // timestamp jump (RFC 3550 §5.1: "the timestamp ... increments monotonically and linearly
        // in time"), not as audio played too late.
        long timestamp = (timestampBase + (tick - firstTick) * SAMPLES_PER_FRAME) & 0xFFFF_FFFFL;
        Channel ch = channel;
        ByteBuf packet = ch.alloc().ioBuffer(RtpPacket.FIXED_HEADER_LENGTH + SAMPLES_PER_FRAME);

        DtmfJob finishedJob = null;
        Playback finishedPlayback = null;
        try {
            DtmfJob job = dtmfJobs.peek();
            boolean event = false;
            if (job != null) {
                if (current.dtmfPayloadType() < 0) {
                    dtmfJobs.poll();
                    job.done.completeExceptionally(new IllegalStateException(
                            "cannot send DTMF: the far end did not negotiate telephone-event (RFC 4733)"));
                } else {
                    event = job.sender.tick(timestamp);
                    if (job.sender.finished()) {
                        dtmfJobs.poll();
                        finishedJob = job;
                    }
                }
            }

            if (event) {
                DtmfSender sender = job.sender;
                RtpPacket.writeHeader(packet, sender.marker(), current.dtmfPayloadType(), sequence,
                        sender.eventTimestamp(), ssrc);
                DtmfEncoder.write(sender.event(), sender.end(), sender.volume(), sender.duration(), packet);
            } else {
                Codec codec = current.codec();
                // RFC 3551 §4.1: "Applications without silence suppression MUST set the marker bit to
                // zero"; the stream never pauses, so audio packets never carry it.
                RtpPacket.writeHeader(packet, false, codec.payloadType(), sequence, timestamp, ssrc);
                Playback playing = playback;
                if (playing != null) {
                    if (playing.encoded == null || playing.encoded.codec() != codec) {
                        playing.encoded = playing.source.encoded(codec);
                    }
                    playing.encoded.writeFrame(playing.nextFrame++, packet);
                    if (playing.nextFrame >= playing.encoded.frameCount()) {
                        playback = null;
                        finishedPlayback = playing;
                    }
                } else {
                    packet.writeBytes(codec == Codec.PCMU ? SILENCE_PCMU : SILENCE_PCMA);
                }
            }
        } catch (RuntimeException e) {
            packet.release();
            throw e;
        }
        sequence = (sequence + 1) & 0xFFFF;
        int bytes = packet.readableBytes();
        ch.writeAndFlush(new DatagramPacket(packet, current.remote()), ch.voidPromise());
        long now = System.nanoTime();

        packetsSent++;
        bytesSent += bytes;
        if (lastSendNanos != 0) {
            long ideal = (tick - lastTick) * MediaPacer.PERIOD_NANOS;
            intervalError.record(Math.abs(now - lastSendNanos - ideal) / 1_000);
        }
        lateness.record((now - deadlineNanos) / 1_000);
        lastSendNanos = now;
        lastTick = tick;

        if (finishedPlayback != null) {
            finishedPlayback.done.complete(null);
        }
        if (finishedJob != null) {
            finishedJob.done.complete(null);
        }
    }

    private RtpStats snapshot() {
        return new RtpStats(packetsSent, bytesSent, packetsReceived, bytesReceived, receive.lost(),
                receive.jitterMillis(),
                intervalError.percentile(0.50), intervalError.percentile(0.99), intervalError.max(),
                lateness.percentile(0.99), lateness.max());
    }

    /** Incoming packets, on the event loop. A separate class keeps Netty's API off RtpSession. */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            Peer current = peer.get();
            if (current == null || closed.get()) {
                return;
            }
            ByteBuf buf = datagram.content();
            int offset = buf.readerIndex();
            int length = buf.readableBytes();
            try {
                RtpPacket.validate(buf, offset, length);
            } catch (RtpFormatException e) {
                log.debug("Port {}: dropped a packet from {}: {}", port, datagram.sender(), e.getMessage());
                return;
            }
            int payloadType = RtpPacket.payloadType(buf, offset);
            boolean audio = payloadType == current.codec().payloadType();
            boolean dtmf = current.dtmfPayloadType() >= 0 && payloadType == current.dtmfPayloadType();
            if (!audio && !dtmf) {
                // Comfort noise (13), codecs that were not negotiated: nothing to do with them.
                return;
            }
            if (!current.latched()) {
                Peer latched = new Peer(datagram.sender(), current.codec(), current.dtmfPayloadType(), true);
                if (peer.compareAndSet(current, latched) && !datagram.sender().equals(current.remote())) {
                    log.debug("Port {}: symmetric RTP, sending to {} instead of {}", port, datagram.sender(), current.remote());
                }
            }
            packetsReceived++;
            bytesReceived += length;
            long timestamp = RtpPacket.timestamp(buf, offset);
            receive.onPacket(RtpPacket.ssrc(buf, offset), RtpPacket.sequenceNumber(buf, offset), timestamp,
                    System.nanoTime(), audio);
            int payloadOffset = offset + RtpPacket.headerLength(buf, offset);
            int payloadLength = RtpPacket.payloadLength(buf, offset, length);
            if (audio) {
                deliverAudio(current.codec(), buf, payloadOffset, payloadLength);
            } else {
                deliverDtmf(buf, payloadOffset, payloadLength, timestamp);
            }
        }

        private void deliverAudio(Codec codec, ByteBuf buf, int offset, int length) {
            Consumer<short[]> listener = audioListener;
            if (listener == null || length <= 0) {
                return;
            }
            short[] pcm = new short[length];
            if (codec == Codec.PCMU) {
                for (int i = 0; i < length; i++) {
                    pcm[i] = G711.ulawToLinear(buf.getByte(offset + i));
                }
            } else {
                for (int i = 0; i < length; i++) {
                    pcm[i] = G711.alawToLinear(buf.getByte(offset + i));
                }
            }
            try {
                listener.accept(pcm);
            } catch (RuntimeException e) {
                log.warn("Port {}: audio listener failed", port, e);
            }
        }

        private void deliverDtmf(ByteBuf buf, int offset, int length, long timestamp) {
            TelephoneEvent event;
            try {
                event = DtmfDecoder.decode(buf, offset, length);
            } catch (RuntimeException e) {
                log.debug("Port {}: dropped a telephone-event: {}", port, e.getMessage());
                return;
            }
            dtmfReceiver.onPacket(timestamp, event).ifPresent(digit -> {
                try {
                    dtmfListener.accept(digit);
                } catch (RuntimeException e) {
                    log.warn("Port {}: DTMF listener failed", port, e);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // UDP errors (ICMP port unreachable while the far end is not listening yet) are normal.
            log.debug("Port {}: {}", port, cause.toString());
        }
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[SAMPLES_PER_FRAME];
        Arrays.fill(bytes, value);
        return bytes;
    }

    @Override
    public String toString() {
        Peer current = peer.get();
        return "RtpSession[port " + port + (current == null ? ", not connected" : " → " + current.remote() + " " + current.codec()) + "]";
    }
}
