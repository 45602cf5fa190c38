package org.outdial.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.testing.ManualClock;

/** The per-key limits as a client sees them: 429, Retry-After and the error body. */
class RateLimitApiTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T10:00:00Z"));
    private final CountDownLatch entered = new CountDownLatch(2);
    private final CountDownLatch release = new CountDownLatch(1);
    private OutdialServer server;

    private TestApi start(RateLimitSettings limits) {
        RouteGroup routes = router -> router
                .post("/test/fast", request -> Response.success())
                .post("/test/slow", request -> {
                    entered.countDown();
                    if (!release.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Response.success();
                });
        server = OutdialServer.start(TestApi.config(64 * 1024, limits), clock, List.of(routes));
        return new TestApi(server.port());
    }

    private String newKey() {
        return new ApiKeys(server.database().dataSource()).create("limits", clock.instant()).secret();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private static RateLimitSettings limits(int blockAfter, int maxConcurrent, int perSecond) {
        return new RateLimitSettings(true, Duration.ofSeconds(10), blockAfter, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofHours(1), Math.max(blockAfter, 100), Duration.ofHours(24),
                maxConcurrent, perSecond);
    }

    @Test
    void requestsOverThePerSecondLimitGet429WithRetryAfter() {
        TestApi api = start(limits(1000, 20, 3));
        String key = newKey();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.postJson("/test/fast", key, "{}").statusCode());
        }

        HttpResponse<String> refused = api.postJson("/test/fast", key, "{}");

        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals(Map.of("status", "Error", "message", "Too many requests: more than 3 per second"),
                TestApi.map(refused));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, api.postJson("/test/fast", key, "{}").statusCode());
    }

    @Test
    void tooManyRequestsInTheWindowBlockTheKeyButNotOthers() {
        TestApi api = start(limits(5, 20, 1000));
        String key = newKey();
        String other = newKey();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.postJson("/test/fast", key, "{}").statusCode());
        }

        HttpResponse<String> refused = api.postJson("/test/fast", key, "{}");

        assertEquals(429, refused.statusCode());
        assertEquals("60", refused.headers().firstValue("Retry-After").orElse(""));
        assertTrue(TestApi.json(refused).get("message").asText().contains("blocked for 60 s"), refused.body());
        assertEquals(200, api.postJson("/test/fast", other, "{}").statusCode());
    }

    @Test
    void requestsOverTheSimultaneousLimitGet429UntilOneEnds() throws Exception {
        TestApi api = start(limits(1000, 2, 1000));
        String key = newKey();
        HttpRequest slow = HttpRequest.newBuilder(api.uri("/test/slow"))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        CompletableFuture<HttpResponse<String>> first = api.client().sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = api.client().sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(20, TimeUnit.SECONDS), "both slow requests are being handled");

        HttpResponse<String> refused = api.postJson("/test/fast", key, "{}");

        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals("Too many simultaneous requests: at most 2 at a time", TestApi.json(refused).get("message").asText());
        release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, api.postJson("/test/fast", key, "{}").statusCode());
    }

    @Test
    void publicRoutesAreNotLimited() {
        TestApi api = start(limits(1000, 20, 1));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.get("/api/health", null).statusCode());
        }
    }
}
