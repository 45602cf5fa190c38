package org.outdial.engine.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one attempt with {@code java.net.http.HttpClient}: within the timeout, redirects not
 * followed (a 3xx is a failure: following one would let a public URL bounce the request to an
 * address {@link TargetGuard} refused), the response body read and dropped.
 */
public final class WebhookSender implements AutoCloseable {

    /** What one attempt came to: a 2xx, another status, or no status at all. */
    public record Outcome(Integer status, String error) {
        public boolean success() {
            return error == null;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final TargetGuard guard;

    public WebhookSender(Duration timeout, TargetGuard guard) {
        this.timeout = timeout;
        this.guard = guard;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every plain-http request
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public Outcome send(WebhookRequest request) throws InterruptedException {
        Optional<String> refused = guard.refusal(request.uri());
        if (refused.isPresent()) {
            return new Outcome(null, refused.get());
        }
        HttpRequest.Builder http;
        try {
            http = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                    .method(request.method(), request.body().length == 0 && !hasBody(request.method())
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                http.header(h.getKey(), h.getValue());
            }
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "request not sent: " + e.getMessage()); // a header HttpClient refuses (Host, ...)
        }
        try {
            HttpResponse<Void> response = client.send(http.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(status, null);
            }
            if (status >= 300 && status < 400) {
                return new Outcome(status, "HTTP " + status + ": redirect to "
                        + response.headers().firstValue("Location").orElse("(no Location)") + " not followed");
            }
            return new Outcome(status, "HTTP " + status);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(null, "no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "no response within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Outcome(null, "connection refused: " + request.uri().getHost() + ":" + port(request));
        } catch (IOException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static int port(WebhookRequest request) {
        int port = request.uri().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(request.uri().getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        client.close();
    }
}
