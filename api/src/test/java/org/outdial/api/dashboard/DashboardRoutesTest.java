package org.outdial.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;

/**
 * The dashboard's routes on a real server: its files are public and locked down by their
 * headers, the overview needs a key and answers with every panel's data. The screen itself is
 * tested in a real browser (testbed's DashboardInBrowserTest).
 */
class DashboardRoutesTest {

    private static OutdialServer server;
    private static TestApi api;
    private static String key;

    @BeforeAll
    static void start() {
        server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited()), InstantSource.system(),
                List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("dashboard", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"/, text/html, id=\"login-form\"", "/dashboard/dashboard.js, text/javascript, sessionStorage",
            "/dashboard/dashboard.css, text/css, .campaign", "/dashboard/uplot.js, text/javascript, uPlot",
            "/dashboard/uplot.css, text/css, .uplot"})
    void everyFileIsServedWithoutAKeyWithItsTypeAndAPolicyThatAllowsOnlyOutdialsOwnScripts(String path, String type,
                                                                                           String contains) {
        HttpResponse<String> response = api.get(path, null);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(type),
                response.headers().map().toString());
        assertTrue(response.body().contains(contains), path + " holds " + contains);
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'")
                && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void thePageHasNoInlineScriptForThePolicyToForbid() {
        String page = api.get("/", null).body();

        assertTrue(page.contains("<script src=\"/dashboard/dashboard.js\" defer></script>"), page);
        assertEquals(2, page.split("<script").length - 1, "only the two script files, no inline script: " + page);
    }

    @Test
    void theOverviewNeedsAKey() {
        HttpResponse<String> none = api.get(DashboardRoutes.OVERVIEW, null);
        HttpResponse<String> wrong = api.get(DashboardRoutes.OVERVIEW, "Bearer not-a-key");

        assertEquals(401, none.statusCode(), none.body());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("Invalid API key", TestApi.json(wrong).path("message").asText());
    }

    @Test
    void theOverviewHasEveryPanelAndEachCampaignsFigures() {
        String open = "[\"00:00\",\"00:00\",\"00:00\",\"00:00\",\"00:00\",\"00:00\",\"00:00\"]";
        String close = open.replace("00:00", "23:59");
        JsonNode added = TestApi.json(api.postJson("/api/autodial/action", key,
                "{\"action\":\"ADD\",\"task\":{\"name\":\"watched\",\"autodialerType\":\"AUTODIAL\","
                        + "\"autodialerMode\":\"FIXED\",\"threadCount\":1,\"startDate\":\"2026-01-01\","
                        + "\"endDate\":\"2027-12-31\",\"timeFrom\":" + open + ",\"timeTo\":" + close + ","
                        + "\"compositeAudio\":{\"multiAudios\":[{\"silenceMillis\":500}]},"
                        + "\"crmMode\":\"DONT_SEND\",\"clientCalledMode\":\"NEVER\"}}"));
        assertEquals("Success", added.path("status").asText(), added::toString);
        long id = added.path("data").asLong();

        HttpResponse<String> response = api.get(DashboardRoutes.OVERVIEW, "Bearer " + key);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonNode overview = TestApi.json(response);
        JsonNode campaign = overview.path("campaigns").path(Long.toString(id));
        assertEquals(0, campaign.path("callsInFlight").asInt(), overview::toString);
        assertEquals(60, campaign.path("perMinute").size(), overview::toString);
        assertTrue(campaign.path("asr").isNull(), "no call yet, no ratio: " + campaign);
        assertEquals(60, overview.path("chart").path("minuteEnds").size(), overview::toString);
        assertTrue(overview.path("trunks").isArray(), overview::toString);
        assertTrue(overview.path("recentCalls").isArray(), overview::toString);
        assertTrue(overview.path("operators").isArray(), overview::toString);
        assertEquals(true, overview.path("webhooks").path("available").asBoolean(false), overview::toString);
        assertEquals(0, overview.path("webhooks").path("pending").asLong(-1), "no handler, nothing waiting: " + overview);
    }
}
