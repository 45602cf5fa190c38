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
    private final Queue<DatagramChannel> toRegister = new ConcurrentLinkedQueue<>();
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
        toRegister.add(channel);
        selector.wakeup();
        return new Port(channel);
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
                for (DatagramChannel channel; (channel = toRegister.poll()) != null; ) {
                    if (channel.isOpen()) {
                        channel.register(selector, SelectionKey.OP_READ);
                    }
                }
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        echo((DatagramChannel) key.channel(), buffer);
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
    private static void echo(DatagramChannel channel, ByteBuffer buffer) {
        try {
            for (int i = 0; i < 64; i++) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    return;
                }
                buffer.flip();
                channel.send(buffer, from);
            }
        } catch (IOException e) {
            // A closed call, or an ICMP port unreachable from a caller that already hung up.
            LOG.trace("echo: {}", e.toString());
        }
    }

    /** One call's echo socket. */
    final class Port implements AutoCloseable {
        private final DatagramChannel channel;
        private boolean closed;

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
