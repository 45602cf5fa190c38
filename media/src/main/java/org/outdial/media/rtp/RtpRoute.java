package org.outdial.media.rtp;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where one session's packets go, shared by its sender (which reads it every tick), its receiver
 * (which latches it) and the session (which connects and closes it, from any thread).
 *
 * <p>Symmetric RTP (RFC 4961): the first valid packet that arrives after {@link #connect} decides
 * where packets go from then on, whatever the SDP said, because a far end behind NAT advertises an
 * address it cannot be reached at. The route latches once per {@code connect}, so a stray packet
 * from elsewhere cannot hijack the stream later; a re-INVITE's {@code connect} latches afresh.
 */
final class RtpRoute {

    private final AtomicReference<RtpPeer> peer = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Starts or redirects the stream (a re-INVITE); the next valid packet latches it again. */
    void connect(RtpPeer negotiated) {
        peer.set(negotiated);
    }

    /** The peer to send to and accept from; null before {@link #connect} and after {@link #close}. */
    RtpPeer active() {
        return closed.get() ? null : peer.get();
    }

    /** The last connected peer, closed or not: for logs. */
    RtpPeer last() {
        return peer.get();
    }

    /**
     * Latches {@code current} (not latched yet) to the source of a valid packet. Loses, and
     * leaves the route alone, when a {@code connect} replaced {@code current} meanwhile: that
     * peer latches on its own first packet.
     *
     * @return whether the route now sends to {@code source}
     */
    boolean latch(RtpPeer current, InetSocketAddress source) {
        return peer.compareAndSet(current, current.latchedTo(source));
    }

    /** @return true the first time only */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }
}
