package org.outdial.api.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each aggregated request of one connection off the event loop: the handler runs on a
 * virtual thread (handlers do JDBC), the response is written back on the event loop. Requests
 * of one connection run one after another, so pipelined responses keep their order; reading
 * pauses while one runs.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger access = LoggerFactory.getLogger("org.outdial.api.http.access");
    private static final Pattern TOKEN_PARAMETER =
            Pattern.compile("([?&]token=)[^&#]*");
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private static final String JSON = "application/json; charset=utf-8";

    private final Router router;
    private final Gate gate;
    private final ExecutorService handlers;
    private final HttpMeters meters;
    private final Idempotency idempotency;
    /** Touched only on the channel's event loop. */
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean running;

    RequestDispatcher(Router router, Gate gate, ExecutorService handlers, HttpMeters meters, Idempotency idempotency) {
        super(false);
        this.idempotency = idempotency;
        this.meters = meters;
        this.router = router;
        this.gate = gate;
        this.handlers = handlers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            write(ctx, rejectUndecodable(cause), false);
            return;
        }
        waiting.add(request);
        ctx.channel().config().setAutoRead(false);
        runNext(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        if (running) {
            return;
        }
        FullHttpRequest request = waiting.poll();
        if (request == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        running = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            handlers.execute(() -> {
                byte[] body;
                int status;
                Map<String, String> headers;
                long started = System.nanoTime();
                String[] route = {HttpMeters.UNMATCHED};
                try {
                    Response response = handle(request, route, ctx.channel().remoteAddress());
                    body = serialize(response, request);
                    status = response.status();
                    headers = response.headers();
                } finally {
                    request.release();
                }
                long took = System.nanoTime() - started;
                access.debug("{} {} {} {} ms", request.method(), withoutSecrets(request.uri()), status,
                        took / 1_000_000);
                meters.served(request.method().name(), route[0], status, took);
                FullHttpResponse reply = response(status, body, headers);
                ctx.executor().execute(() -> {
                    running = false;
                    write(ctx, reply, keepAlive);
                    runNext(ctx);
                });
            });
        } catch (RejectedExecutionException e) {
            // The server is shutting down.
            request.release();
            running = false;
            write(ctx, errorResponse(503, "Server is shutting down", Map.of()), false);
        }
    }

    /** The URI for the log, with the value of any {@code token} parameter (incoming webhooks' secret) masked. */
    static String withoutSecrets(String uri) {
        return TOKEN_PARAMETER.matcher(uri).replaceAll("$1***");
    }

    /** Runs the request's handler; {@code matched[0]} is set to the route's path once one matched. */
    private Response handle(FullHttpRequest netty, String[] matched, java.net.SocketAddress from) {
        Request request = new Request(netty,
                from instanceof java.net.InetSocketAddress inet ? inet.getAddress() : null);
        try {
            Router.Route route = router.match(netty.method(), request.path());
            matched[0] = route.path();
            if (route.access() == Access.PUBLIC) {
                return idempotent(netty, request, route, "public");
            }
            try (Gate.Admission admission = gate.enter(request)) {
                request.caller(admission.caller());
                return idempotent(netty, request, route, "key:" + admission.caller().keyId());
            }
        } catch (Throwable t) {
            return ErrorMapper.toResponse(t, netty.method().name(), request.path());
        }
    }

    /**
     * Runs the handler, under the request's {@code Idempotency-Key} when it has one and changes
     * data (see {@link Idempotency}): replays the stored answer instead, or stores this one before
     * it is sent. The key is checked after the route and the API key, so 404, 405, 401 and 429
     * are never stored.
     */
    private Response idempotent(FullHttpRequest netty, Request request, Router.Route route, String owner) {
        Optional<String> key = Idempotency.applies(netty.method()) ? Idempotency.keyOf(request) : Optional.empty();
        if (key.isEmpty() || idempotency == null) {
            if (key.isPresent()) {
                throw new HttpException(400, "Idempotency-Key is not supported by this server");
            }
            return run(route, request, netty);
        }
        byte[] requestBody = new byte[netty.content().readableBytes()];
        netty.content().getBytes(netty.content().readerIndex(), requestBody);
        Idempotency.Start start = idempotency.begin(owner, key.get(),
                Idempotency.fingerprint(netty.method().name(), netty.uri(), requestBody));
        if (start instanceof Idempotency.Replay replay) {
            return Response.stored(replay.status(), replay.body(), replay.contentType())
                    .withHeader(Idempotency.REPLAYED, "true");
        }
        Idempotency.Claimed claim = (Idempotency.Claimed) start;
        Response response;
        byte[] body;
        try {
            response = run(route, request, netty);
            body = serialize(response, netty);
        } catch (Throwable t) {
            idempotency.release(claim);
            throw t;
        }
        String contentType = response.headers().getOrDefault("Content-Type", JSON);
        idempotency.complete(claim, response.status(), contentType, body);
        return Response.stored(response.status(), body, contentType).withHeaders(response.headers());
    }

    /** The handler's answer, its exceptions mapped to the error response. */
    private static Response run(Router.Route route, Request request, FullHttpRequest netty) {
        try {
            return route.handler().handle(request);
        } catch (Throwable t) {
            return ErrorMapper.toResponse(t, netty.method().name(), request.path());
        }
    }

    private static byte[] serialize(Response response, FullHttpRequest request) {
        if (response.body() instanceof Response.Raw raw) {
            return raw.bytes();
        }
        try {
            return Json.mapper().writeValueAsBytes(response.body());
        } catch (Exception e) {
            Response failed = ErrorMapper.toResponse(e, request.method().name(), request.uri());
            try {
                return Json.mapper().writeValueAsBytes(failed.body());
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static FullHttpResponse rejectUndecodable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return errorResponse(414, "Request line too long", Map.of());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return errorResponse(431, "Request headers too large", Map.of());
        }
        if (cause instanceof TooLongFrameException) {
            return errorResponse(400, "Request too large to decode", Map.of());
        }
        return errorResponse(400, "Malformed HTTP request", Map.of());
    }

    static FullHttpResponse errorResponse(int status, String message, Map<String, String> headers) {
        try {
            return response(status, Json.mapper().writeValueAsBytes(Envelope.error(message, null)), headers);
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static FullHttpResponse response(int status, byte[] body, Map<String, String> headers) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach(response.headers()::set);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener(keepAlive
                ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection {} failed, closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
