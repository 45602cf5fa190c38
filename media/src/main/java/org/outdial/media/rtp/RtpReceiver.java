package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.outdial.media.codec.Codec;
import org.outdial.media.dtmf.DtmfDecoder;
import org.outdial.media.dtmf.DtmfEvent;
import org.outdial.media.dtmf.DtmfFormatException;
import org.outdial.media.dtmf.DtmfReceiver;
import org.outdial.media.dtmf.TelephoneEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a session, the one handler of its UDP channel. For each datagram, on the
 * channel's event loop:
 * <ul>
 *   <li>before {@code connect} and after close, nothing;</li>
 *   <li>not valid RTP (RFC 3550 §A.1 checks, {@link RtpPacket#validate}): counted as malformed,
 *       dropped;</li>
 *   <li>a payload type other than the negotiated codec's and telephone-event's (comfort noise,
 *       codecs not negotiated): ignored, and it does not latch;</li>
 *   <li>otherwise it latches the {@link RtpRoute} if it is the first since {@code connect}
 *       (symmetric RTP), counts for the statistics (RFC 3550 §A.1, §A.3, §A.8), and goes to its
 *       listeners: audio decoded to linear PCM for the audio listener and raw to relays,
 *       telephone-events raw to relays and to the {@link DtmfReceiver}, each new digit to the
 *       DTMF listener.</li>
 * </ul>
 * Nothing a peer sends makes it throw. Listeners run on the event loop and must not block; one
 * that throws is logged and the stream goes on. Not sharable: one per session.
 */
final class RtpReceiver extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);
    private static final Consumer<DtmfEvent> NO_DTMF_LISTENER = event -> { };
    private static final RelayedAudio[] NO_RELAYS = {};

    private final int port;
    private final RtpRoute route;
    private final LongSupplier nanoClock;
    private volatile Consumer<DtmfEvent> dtmfListener = NO_DTMF_LISTENER;
    private volatile Consumer<short[]> audioListener;
    private volatile RelayedAudio[] relays = NO_RELAYS;

    // Owned by the event loop.
    private final ReceiveStatistics statistics = new ReceiveStatistics(Codec.CLOCK_RATE);
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private long packetsReceived;
    private long bytesReceived;
    private long malformed;

    /**
     * @param port      the local port, for logs
     * @param nanoClock arrival times, for the jitter
     */
    RtpReceiver(int port, RtpRoute route, LongSupplier nanoClock) {
        this.port = port;
        this.route = route;
        this.nanoClock = nanoClock;
    }

    /** Sets the one listener for received digits (replacing the previous; null for none). */
    void onDtmf(Consumer<DtmfEvent> listener) {
        dtmfListener = listener == null ? NO_DTMF_LISTENER : listener;
    }

    /** Sets the one listener for received audio, each packet decoded to a new array (null for none). */
    void onAudio(Consumer<short[]> listener) {
        audioListener = listener;
    }

    /** Offers every audio and telephone-event payload to {@code relay} from the next packet on; from any thread. */
    synchronized void addRelay(RelayedAudio relay) {
        RelayedAudio[] more = Arrays.copyOf(relays, relays.length + 1);
        more[relays.length] = relay;
        relays = more;
    }

    /** Stops offering audio to {@code relay}; from any thread. */
    synchronized void removeRelay(RelayedAudio relay) {
        relays = Arrays.stream(relays).filter(r -> r != relay).toArray(RelayedAudio[]::new);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        RtpPeer peer = route.active();
        if (peer == null) {
            return;
        }
        ByteBuf buf = datagram.content();
        int offset = buf.readerIndex();
        int length = buf.readableBytes();
        try {
            RtpPacket.validate(buf, offset, length);
        } catch (RtpFormatException e) {
            malformed++;
            log.debug("Port {}: dropped a packet from {}: {}", port, datagram.sender(), e.getMessage());
            return;
        }
        int payloadType = RtpPacket.payloadType(buf, offset);
        boolean audio = peer.isAudio(payloadType);
        if (!audio && !peer.isDtmf(payloadType)) {
            return;
        }
        if (!peer.latched() && route.latch(peer, datagram.sender()) && !datagram.sender().equals(peer.remote())) {
            log.debug("Port {}: symmetric RTP, sending to {} instead of {}", port, datagram.sender(), peer.remote());
        }
        packetsReceived++;
        bytesReceived += length;
        long timestamp = RtpPacket.timestamp(buf, offset);
        statistics.onPacket(RtpPacket.ssrc(buf, offset), RtpPacket.sequenceNumber(buf, offset), timestamp,
                nanoClock.getAsLong(), audio);
        int payloadOffset = offset + RtpPacket.headerLength(buf, offset);
        int payloadLength = RtpPacket.payloadLength(buf, offset, length);
        if (audio) {
            deliverAudio(peer.codec(), buf, payloadOffset, payloadLength);
        } else {
            deliverDtmf(buf, payloadOffset, payloadLength, timestamp);
        }
    }

    private void deliverAudio(Codec codec, ByteBuf buf, int offset, int length) {
        if (length <= 0) {
            return;
        }
        for (RelayedAudio relay : relays) {
            relay.offer(codec, buf, offset, length);
        }
        Consumer<short[]> listener = audioListener;
        if (listener == null) {
            return;
        }
        short[] pcm = new short[length];
        codec.decode(buf, offset, length, pcm);
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
        } catch (DtmfFormatException e) {
            malformed++;
            log.debug("Port {}: dropped a telephone-event: {}", port, e.getMessage());
            return;
        }
        for (RelayedAudio relay : relays) {
            relay.offerEvent(buf, offset, length, timestamp);
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

    /** Valid packets of the negotiated payload types. */
    long packetsReceived() {
        return packetsReceived;
    }

    /** Their RTP bytes (header and payload). */
    long bytesReceived() {
        return bytesReceived;
    }

    /** Datagrams that were not valid RTP, and telephone-event payloads too short to read. */
    long malformed() {
        return malformed;
    }

    /** RFC 3550 §A.3 loss and §A.8 jitter of the received stream. */
    ReceiveStatistics statistics() {
        return statistics;
    }
}
