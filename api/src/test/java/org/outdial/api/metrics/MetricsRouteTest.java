package org.outdial.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;

/** {@code GET /metrics} on a real server over HTTP: formats, HTTP meters, JVM meters, the key. */
class MetricsRouteTest {

    private OutdialServer server;

    private TestApi start(boolean requireKey) {
        OutdialConfig config = TestApi.config(1 << 20, RateLimitSettings.unlimited())
                .withMetrics(new OutdialConfig.Metrics(requireKey));
        server = OutdialServer.start(config, InstantSource.system(), List.of());
        return new TestApi(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aScrapeNeedsNoKeyAndCountsRequestsByRouteAndStatusNeverByTheirPath() {
        TestApi api = start(false);
        assertEquals(200, api.get("/api/health", null).statusCode());
        assertEquals(404, api.get("/no/such/path-380671234567", null).statusCode());

        HttpResponse<String> scrape = api.get("/metrics", null);

        assertEquals(200, scrape.statusCode());
        assertEquals(Telemetry.TEXT_FORMAT, scrape.headers().firstValue("Content-Type").orElse(""));
        String body = scrape.body();
        assertTrue(body.contains("outdial_http_requests_seconds_count{method=\"GET\",route=\"/api/health\",status=\"200\"} 1"),
                body);
        assertTrue(body.contains("outdial_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"),
                body);
        assertFalse(body.contains("380671234567"), "a request's own path is never a label");
        assertTrue(body.contains("# TYPE jvm_memory_used_bytes gauge"), "the JVM's binders are there");
        assertTrue(body.contains("# TYPE outdial_claim_seconds histogram") || !body.contains("outdial_claim"),
                "histograms are histograms");
    }

    @Test
    void openMetricsIsServedWhenTheScraperAsksForIt() {
        TestApi api = start(false);
        HttpResponse<String> scrape = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/metrics")).header("Accept", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5")
                .GET().build());

        assertEquals(200, scrape.statusCode());
        assertEquals(Telemetry.OPENMETRICS, scrape.headers().firstValue("Content-Type").orElse(""));
        assertTrue(scrape.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
    }

    @Test
    void withRequireKeyAScrapeIsAnApiCall() {
        TestApi api = start(true);
        String key = new ApiKeys(server.database().dataSource()).create("prometheus", Instant.now()).secret();

        assertEquals(401, api.get("/metrics", null).statusCode());
        HttpResponse<String> scrape = api.get("/metrics", "Bearer " + key);
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("jvm_threads_live_threads"), scrape.body());
    }
}
