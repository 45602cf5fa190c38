package org.outdial.testbed.carrier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.outdial.media.codec.G711;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answered callees' audio: one UDP socket per call that sends every packet it receives back
 * to where it came from, so the caller hears itself (a loopback test a carrier's engineers use
 * too). One thread and one selector serve every call.
 */
final class EchoMedia implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EchoMedia.class);
    /** Ethernet MTU: no RTP packet of a G.711 call is larger. */
    private static final int MAX_PACKET = 1500;

    private final String bindAddress;
    private final Selector selector;
    /** A G.711 sample louder than this (about −30 dBFS) makes a frame audible: a tone or speech, not silence. */
    private static final int AUDIBLE = 1000;

    private final Queue<Port> toRegister = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private EchoMedia(String bindAddress, Selector selector) {
        this.bindAddress = bindAddress;
        this.selector = selector;
        this.thread = new Thread(this::loop, "carrier-echo");
        this.thread.setDaemon(true);
    }

    static EchoMedia start(String bindAddress) {
        try {
            EchoMedia media = new EchoMedia(bindAddress, Selector.open());
            media.thread.start();
            return media;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for RTP echo", e);
        }
    }

    /** Binds a socket on a free port and starts echoing on it. */
    Port open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(bindAddress, 0));
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        open.incrementAndGet();
        Port port = new Port(channel);
        toRegister.add(port);
        selector.wakeup();
        return port;
    }

    /** Echo sockets open now; zero when no call is up. */
    int openCount() {
        return open.get();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ClosedSelectorException e) {
            LOG.debug("closing the echo selector: {}", e.toString());
        }
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        while (running) {
            try {
                selector.select(1000);
                for (Port port; (port = toRegister.poll()) != null; ) {
                    if (port.channel.isOpen()) {
                        port.channel.register(selector, SelectionKey.OP_READ, port);
                    }
                }
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        echo((DatagramChannel) key.channel(), (Port) key.attachment(), buffer);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("RTP echo loop: {}", e.toString());
                }
            }
        }
    }

    /** Drains what is queued on one socket, each packet straight back to its sender. */
    private static void echo(DatagramChannel channel, Port port, ByteBuffer buffer) {
        try {
            for (int i = 0; i < 64; i++) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    return;
                }
                buffer.flip();
                if (audible(buffer)) {
                    port.audibleFrames.incrementAndGet();
                }
                channel.send(buffer, from);
            }
        } catch (IOException e) {
            // A closed call, or an ICMP port unreachable from a caller that already hung up.
            LOG.trace("echo: {}", e.toString());
        }
    }

    /**
     * Whether an RTP packet (RFC 3550 §5.1: 12 bytes, then CSRCs, then an extension if X is set)
     * carries G.711 audio (payload type 0 PCMU or 8 PCMA) with a sample above {@link #AUDIBLE}.
     * The buffer's position is left where it was.
     */
    private static boolean audible(ByteBuffer packet) {
        int start = packet.position();
        int length = packet.remaining();
        if (length < 12) {
            return false;
        }
        int first = packet.get(start) & 0xFF;
        int payloadType = packet.get(start + 1) & 0x7F;
        if (payloadType != 0 && payloadType != 8) {
            return false; // telephone-event, comfort noise: not what a person hears as a voice
        }
        int header = 12 + 4 * (first & 0x0F);
        if ((first & 0x10) != 0 && length >= header + 4) {
            header += 4 + 4 * (((packet.get(start + header + 2) & 0xFF) << 8) | (packet.get(start + header + 3) & 0xFF));
        }
        for (int i = start + header; i < start + length; i++) {
            byte code = packet.get(i);
            int sample = payloadType == 0 ? G711.ulawToLinear(code) : G711.alawToLinear(code);
            if (Math.abs(sample) > AUDIBLE) {
                return true;
            }
        }
        return false;
    }

    /** One call's echo socket. */
    final class Port implements AutoCloseable {
        private final DatagramChannel channel;
        /** Packets of audible G.711 that came in: what the callee heard. */
        private final AtomicInteger audibleFrames = new AtomicInteger();
        private boolean closed;

        /** Audible frames the caller sent on this call so far. */
        int audibleFrames() {
            return audibleFrames.get();
        }

        private Port(DatagramChannel channel) {
            this.channel = channel;
        }

        int port() {
            return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing an echo port: {}", e.toString());
            }
            selector.wakeup();
        }
    }
}
