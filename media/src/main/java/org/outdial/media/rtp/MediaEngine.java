package org.outdial.media.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of a process: the Netty event loops that own the RTP sockets, the pool of
 * {@code sip.media-ports}, and the one {@link MediaPacer}. Create one at start-up with
 * {@link #start(MediaSettings)}, open an {@link RtpSession} per call leg, close it at shut-down.
 */
public final class MediaEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);
    /** Ethernet MTU; RTP never needs more, and a fixed size keeps the receive buffers pooled. */
    private static final int RECEIVE_BUFFER_BYTES = 1500;
    /** DSCP EF (46) in the TOS byte: the Telephony service class of RFC 4594. */
    private static final int DSCP_EF_TOS = 46 << 2;

    private final MediaSettings settings;
    private final InetAddress bindAddress;
    private final EventLoopGroup group;
    private final MediaPacer pacer;
    private final PortPool ports;
    private final Bootstrap bootstrap;
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Consumer<RtpStats> closedSessions = stats -> { };

    private MediaEngine(MediaSettings settings, int ioThreads) {
        this.settings = settings;
        try {
            this.bindAddress = InetAddress.getByName(settings.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sip.bind-address " + settings.bindAddress() + " is not a local address", e);
        }
        this.ports = new PortPool(settings.portFrom(), settings.portTo());
        this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("outdial-rtp", true, Thread.MAX_PRIORITY));
        this.pacer = new MediaPacer(group);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .option(ChannelOption.IP_TOS, DSCP_EF_TOS);
    }

    /** Starts with one event loop per available processor. */
    public static MediaEngine start(MediaSettings settings) {
        return start(settings, Runtime.getRuntime().availableProcessors());
    }

    /** Starts with {@code ioThreads} event loops (1..64). */
    public static MediaEngine start(MediaSettings settings, int ioThreads) {
        Objects.requireNonNull(settings, "settings");
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("media io threads must be 1..64, was " + ioThreads);
        }
        MediaEngine engine = new MediaEngine(settings, ioThreads);
        engine.pacer.start();
        log.info("Media engine started: RTP on {} ports {}-{}, {} event loops", settings.bindAddress(),
                settings.portFrom(), settings.portTo(), ioThreads);
        return engine;
    }

    /**
     * Binds a new RTP session to a free even port. Blocks for the bind (microseconds); call it from
     * a call flow's thread, not from a Netty event loop.
     *
     * @throws MediaException when every port is taken or none will bind
     */
    public RtpSession openSession() {
        if (closed.get()) {
            throw new IllegalStateException("media engine is closed");
        }
        Throwable lastFailure = null;
        // Another process may hold some ports of the range; each free port is tried at most once.
        int attempts = Math.max(1, ports.freeCount());
        for (int attempt = 0; attempt < attempts; attempt++) {
            int port = ports.acquire();
            if (port < 0) {
                throw new MediaException("no free RTP port in sip.media-ports " + ports.range()
                        + " (" + sessions.size() + " sessions open)");
            }
            RtpRoute route = new RtpRoute();
            RtpReceiver receiver = new RtpReceiver(port, route, System::nanoTime);
            ChannelFuture bound = bootstrap.clone().handler(receiver).bind(bindAddress, port).awaitUninterruptibly();
            if (bound.isSuccess()) {
                RtpSession session = new RtpSession(this, port, bound.channel(), route, receiver);
                sessions.add(session);
                return session;
            }
            // Another process holds the port; it goes to the back of the queue.
            lastFailure = bound.cause();
            ports.release(port);
            log.debug("RTP port {} would not bind: {}", port, String.valueOf(lastFailure));
        }
        throw new MediaException("no RTP port in sip.media-ports " + ports.range() + " would bind after "
                + attempts + " attempts", lastFailure);
    }

    /** Sessions opened and not yet closed; zero after every call has ended, or something leaks. */
    public int openSessionCount() {
        return sessions.size();
    }

    /** Even ports not in use. */
    public int freePortCount() {
        return ports.freeCount();
    }

    public MediaSettings settings() {
        return settings;
    }

    /** The shared pacer, for its tick counters. */
    public MediaPacer pacer() {
        return pacer;
    }

    /**
     * Hands each session's final figures to {@code listener} as it closes (the metrics,
     * docs/METRICS.md), on the session's event loop: it must be quick and must not throw. One
     * listener; media stays free of any metrics library.
     */
    public void onSessionClosed(Consumer<RtpStats> listener) {
        this.closedSessions = Objects.requireNonNull(listener, "listener");
    }

    void sessionClosed(RtpSession session, RtpStats last) {
        if (sessions.remove(session)) {
            ports.release(session.localPort());
            try {
                closedSessions.accept(last);
            } catch (RuntimeException e) {
                log.warn("RTP statistics listener failed", e); // the port is back in the pool all the same
            }
        }
    }

    /** Closes every open session, stops the pacer and the event loops. Not from an event loop. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (RtpSession session : new ArrayList<>(sessions)) {
            closing.add(session.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{} RTP sessions did not close within 5 s", sessions.size(), e);
        }
        pacer.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        log.info("Media engine stopped");
    }
}
