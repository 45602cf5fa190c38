package org.outdial.engine.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A real HTTP receiver on loopback for webhook tests: records every request and answers each
 * with the next scripted reply (status, after a delay), 200 once the script is used up.
 */
final class Receiver implements AutoCloseable {

    /** A request as it arrived. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body,
                    Instant at) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** One scripted answer. */
    record Reply(int status, Duration delay) {
        static Reply status(int status) {
            return new Reply(status, Duration.ZERO);
        }

        static Reply after(Duration delay, int status) {
            return new Reply(status, delay);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Receiver then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    void answerAlways(int status) {
        defaultStatus = status;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    List<Received> awaitCount(int n, Duration timeout) throws InterruptedException {
        await(timeout, n + " requests (have " + received.size() + ")", () -> received.size() >= n);
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
        Reply reply = script.poll();
        int status = reply == null ? defaultStatus : reply.status();
        if (reply != null && !reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
