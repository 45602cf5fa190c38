package org.outdial.api.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: Netty decodes and aggregates each request (at most
 * {@code maxBodyBytes}, else 413), {@link RequestDispatcher} runs its handler on a virtual
 * thread. {@link #close()} stops accepting, lets running handlers finish (up to
 * {@link #SHUTDOWN_GRACE}), then closes every connection.
 */
public final class HttpServer implements AutoCloseable {

    /** How long {@link #close()} waits for handlers that are still running. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /**
     * Where and how to listen.
     *
     * @param bindAddress  local address, 0.0.0.0 for every interface
     * @param port         TCP port, 0 for any free one
     * @param maxBodyBytes largest request body accepted
     */
    public record Settings(String bindAddress, int port, int maxBodyBytes) {

        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("http.port must be 0..65535, was " + port);
            }
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("api.max-body-bytes must be positive, was " + maxBodyBytes);
            }
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final ChannelGroup connections;
    private final Channel listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers,
                       ChannelGroup connections, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.connections = connections;
        this.listener = listener;
    }

    /** Binds and starts serving {@code router}'s routes; {@code gate} guards the API_KEY routes. */
    public static HttpServer start(Settings settings, Router router, Gate gate) {
        return start(settings, router, gate, HttpMeters.none());
    }

    /**
     * As above, telling {@code meters} of every request answered; without an {@link Idempotency}
     * a write request with an {@code Idempotency-Key} is refused with 400 (never run unguarded).
     */
    public static HttpServer start(Settings settings, Router router, Gate gate, HttpMeters meters) {
        return start(settings, router, gate, meters, null);
    }

    /** As above, with write requests that carry an {@code Idempotency-Key} run under {@code idempotency}. */
    public static HttpServer start(Settings settings, Router router, Gate gate, HttpMeters meters,
                                   Idempotency idempotency) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("http-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("http-io", true));
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
        ChannelGroup connections = new DefaultChannelGroup("http", GlobalEventExecutor.INSTANCE);
        try {
            Channel listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            connections.add(channel);
                            channel.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpServerKeepAliveHandler())
                                    .addLast(new BoundedAggregator(settings.maxBodyBytes()))
                                    .addLast(new RequestDispatcher(router, gate, handlers, meters, idempotency));
                        }
                    })
                    .bind(new InetSocketAddress(settings.bindAddress(), settings.port()))
                    .syncUninterruptibly()
                    .channel();
            HttpServer server = new HttpServer(boss, workers, handlers, connections, listener);
            log.info("HTTP API listening on {}:{}", settings.bindAddress(), server.port());
            return server;
        } catch (RuntimeException e) {
            handlers.shutdownNow();
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The port actually bound (the free one picked when configured with 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().syncUninterruptibly();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Handlers still running after {} s; interrupting them", SHUTDOWN_GRACE.toSeconds());
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("HTTP API stopped");
    }

    /** Turns a body over the limit into the API's 413 error instead of Netty's empty one. */
    private static final class BoundedAggregator extends HttpObjectAggregator {

        private final int maxBodyBytes;

        BoundedAggregator(int maxBodyBytes) {
            super(maxBodyBytes);
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            // As Netty's own: keep the connection when the rest of the body can be skipped.
            boolean close = oversized instanceof FullHttpMessage
                    || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
            FullHttpResponse response = RequestDispatcher.errorResponse(413,
                    "Request body too large: the limit is " + maxBodyBytes + " bytes", Map.of());
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }
}
