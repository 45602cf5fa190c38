package org.outdial.media.rtp;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.dtmf.DtmfReceiver;
import org.outdial.media.dtmf.DtmfSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's RTP stream: a UDP socket on an even port of {@code sip.media-ports}, sending G.711
 * in 20 ms packets on the shared {@link MediaPacer} and receiving audio and RFC 4733 digits. This
 * class is the lifecycle (connect, close, the port's release) and the threads; the
 * {@link RtpSender} and the {@link RtpReceiver} do the rest.
 *
 * <ul>
 *   <li><b>Sending starts at {@link #connect}</b> and never stops until {@link #close}: while
 *       nothing plays, the session sends G.711 silence ({@link Silence}).</li>
 *   <li><b>Symmetric RTP</b> (RFC 4961): the first valid packet after each {@code connect}
 *       decides where packets go ({@link RtpRoute}).</li>
 *   <li><b>{@link #play} and {@link #relayFrom} replace</b> what is playing or relayed: the
 *       earlier future is cancelled. A relay also stops when either of its two sessions
 *       closes. Composite prompts are one {@link AudioSource#concat} source, so there is
 *       nothing to queue.</li>
 *   <li><b>{@link #sendDtmf} queues</b> behind earlier digit strings; the audio pauses during
 *       each event and resumes where it was ({@link OutboundDtmf}). Received digits are reported
 *       once per event, when its first packet arrives ({@link DtmfReceiver}).</li>
 * </ul>
 *
 * <p>Threads: all methods may be called from any thread, typically a call flow's virtual thread.
 * State is owned by the channel's Netty event loop: commands are handed to it, and the pacer's
 * tick and incoming packets run on it. Futures complete and listeners run on that event loop, so
 * they must not block; a call flow awaits the futures on its own thread.
 */
public final class RtpSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final MediaEngine engine;
    private final int port;
    private final Channel channel;
    private final LoopHandoff loop;
    private final RtpRoute route;
    private final RtpReceiver receiver;
    private final RtpSender sender;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    /** Completes when {@link #close} begins: relays from this session stop then. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();
    private volatile RelayedAudio lastRelay;
    private volatile RtpStats finalStats;

    /** A session on {@code channel}, already bound to {@code port} with {@code receiver} as its handler. */
    RtpSession(MediaEngine engine, int port, Channel channel, RtpRoute route, RtpReceiver receiver) {
        this.engine = engine;
        this.port = port;
        this.channel = channel;
        this.loop = new LoopHandoff(channel.eventLoop());
        this.route = route;
        this.receiver = receiver;
        this.sender = RtpSender.startingAtRandom(channel, route);
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
        return sender.ssrc();
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
        RtpPeer peer = RtpPeer.negotiated(remote, codec, dtmfPayloadType);
        if (route.isClosed()) {
            throw new IllegalStateException("RTP session on port " + port + " is closed");
        }
        route.connect(peer);
        loop.run(() -> {
            if (!route.isClosed()) {
                engine.pacer().register(sender);
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
        RtpPeer current = route.active();
        if (current != null) {
            // Encode here, on the caller's thread, rather than in the event loop's tick.
            source.encoded(current.codec());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runUnlessClosed(() -> sender.play(source, done), route, done);
        return done;
    }

    /**
     * Sends what {@code other} receives from now on, replacing whatever was playing (as
     * {@link #play} does): one half of a bridge, {@code a.relayFrom(b)} with {@code b.relayFrom(a)}.
     * Audio is re-encoded when the legs' codecs differ, and RFC 4733 telephone-events are re-sent
     * under this session's negotiated payload type; see {@link RelayedAudio} for the delay,
     * underrun and event rules. The relay stops, and this session sends silence, on
     * {@link #stopRelay}, a later {@code play} or {@code relayFrom}, or when either session closes.
     *
     * @return never completes normally; cancelled when the relay stops, which also detaches it
     *         from {@code other}
     * @throws IllegalArgumentException when {@code other} is this session
     */
    public CompletableFuture<Void> relayFrom(RtpSession other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("a session cannot relay its own audio: " + this);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        RelayedAudio relay = new RelayedAudio(done);
        lastRelay = relay;
        other.receiver.addRelay(relay);
        done.whenComplete((ignored, failure) -> {
            other.receiver.removeRelay(relay);
            // Cancelled from elsewhere (the other leg closed, stopRelay): back to silence. When a
            // new source replaced it, the sender has moved on and this does nothing.
            loop.run(() -> sender.replaceAudioIf(relay), null);
        });
        // Either leg closing ends this direction: nothing of the other leg's arrives any more.
        other.closing.whenComplete((ignored, failure) -> done.cancel(false));
        loop.runUnlessClosed(() -> {
            if (!done.isDone()) {
                sender.replaceAudio(relay);
            }
        }, route, done);
        return done;
    }

    /** Stops the relay that {@link #relayFrom} started, if it still runs; silence follows. Idempotent. */
    public void stopRelay() {
        RelayedAudio relay = lastRelay;
        if (relay != null) {
            relay.cancel();
        }
    }

    /**
     * The counters of the last relay {@link #relayFrom} started on this session (running or
     * stopped); {@link RelayStats#NONE} if it never relayed. Readable from any thread.
     */
    public RelayStats relayStats() {
        RelayedAudio relay = lastRelay;
        return relay == null ? RelayStats.NONE : relay.stats();
    }

    /** Stops what is playing or relayed (its future is cancelled); silence follows. */
    public void stopPlayback() {
        loop.run(() -> sender.replaceAudio(Silence.INSTANCE), null);
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
        DtmfSender digitSender = new DtmfSender(digits);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runUnlessClosed(() -> sender.sendDtmf(digitSender, done), route, done);
        return done;
    }

    /** Sets the one listener for received digits (replacing the previous). Runs on the event loop. */
    public void onDtmf(Consumer<DtmfEvent> listener) {
        receiver.onDtmf(listener);
    }

    /**
     * Sets the one listener for received audio (replacing the previous; null for none): each
     * received audio packet decoded to 16-bit linear PCM at 8 kHz, usually 160 samples. The array
     * is the listener's to keep. Runs on the event loop.
     */
    public void onAudio(Consumer<short[]> listener) {
        receiver.onAudio(listener);
    }

    /**
     * Sets the one listener for sent audio (replacing the previous; null for none): every 20 ms
     * frame this session sends, decoded to 16-bit linear PCM at 8 kHz, 160 samples, whatever its
     * source (playback, a relayed leg, silence; a telephone-event tick is silence). With
     * {@link #onAudio} it is both directions of the call, for a recording. The array is the
     * listener's to keep. Runs on the event loop, before the packet leaves, so it must not block.
     */
    public void onSentAudio(Consumer<short[]> listener) {
        sender.onSentAudio(listener);
    }

    /** A snapshot of the counters; after {@link #close}, the final values. */
    public RtpStats stats() {
        RtpStats done = finalStats;
        if (done != null) {
            return done;
        }
        if (loop.inLoop()) {
            return snapshot();
        }
        try {
            return loop.read(this::snapshot);
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
        CompletableFuture<Void> closing = closeAsync();
        if (loop.inLoop()) {
            return;
        }
        try {
            closing.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("RTP port {} did not close within 1 s", port, e);
        }
    }

    /** Starts closing; the future completes when the port is back in the pool. Idempotent. */
    CompletableFuture<Void> closeAsync() {
        if (!route.close()) {
            return released;
        }
        closing.complete(null);
        Runnable shutdown = () -> {
            engine.pacer().unregister(sender);
            sender.close();
            finalStats = snapshot();
            channel.close().addListener(f -> {
                Runnable release = () -> {
                    engine.sessionClosed(this, finalStats);
                    released.complete(null);
                };
                // The JDK closes a registered channel's socket only when its selector next runs
                // (SelectorImpl's deregistration), after this listener. A port handed out before
                // that would not bind, so it returns to the pool after one more selector pass.
                try {
                    channel.eventLoop().schedule(release, 1, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    release.run();
                }
            });
        };
        try {
            loop.execute(shutdown);
        } catch (RejectedExecutionException e) {
            // The engine is shutting its event loops down; the socket closes with them.
            finalStats = RtpStats.EMPTY;
            engine.sessionClosed(this, finalStats);
            released.complete(null);
        }
        return released;
    }

    public boolean isClosed() {
        return route.isClosed();
    }

    private RtpStats snapshot() {
        return RtpStats.of(sender.statistics(), receiver);
    }

    @Override
    public String toString() {
        RtpPeer current = route.last();
        return "RtpSession[port " + port + (current == null ? ", not connected" : " → " + current.remote() + " " + current.codec()) + "]";
    }
}
