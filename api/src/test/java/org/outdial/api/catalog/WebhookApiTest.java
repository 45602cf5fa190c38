package org.outdial.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;

/**
 * Handlers, their deliveries and replays over real HTTP, with a real receiver on loopback
 * ({@code webhooks.allow-private-targets: true}, as an on-premise CRM would need).
 */
class WebhookApiTest {

    private static OutdialServer server;
    private static TestApi api;
    private static String key;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        OutdialConfig base = TestApi.config(64 << 20, RateLimitSettings.unlimited());
        OutdialConfig.Webhooks defaults = OutdialConfig.Webhooks.defaults();
        server = OutdialServer.start(base.withWebhooks(new OutdialConfig.Webhooks(true, defaults.timeout(),
                "0s, 200ms", Duration.ofMillis(20), "api-test")), InstantSource.system(), List.of());
        api = new TestApi(server.port());
        key = new ApiKeys(server.database().dataSource()).create("webhooks", Instant.now()).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.stop(0);
    }

    private static HttpResponse<String> post(String path, String json) {
        return api.postJson(path, key, json);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = TestApi.json(response);
        assertEquals("Success", body.get("status").asText(), response.body());
        return body;
    }

    private static void refused(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(message, TestApi.json(response).get("message").asText(), response.body());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static String task(String name, long hook) {
        return "{\"action\":\"ADD\",\"task\":{\"name\":\"" + name + "\",\"autodialerType\":\"AUTODIAL\","
                + "\"autodialerMode\":\"FIXED\",\"threadCount\":1,\"startDate\":\"2026-01-01\",\"endDate\":\"2030-12-31\","
                + "\"timeFrom\":[\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\",\"09:00\"],"
                + "\"timeTo\":[\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\",\"19:00\"],"
                + "\"compositeAudio\":{\"multiAudios\":[{\"silenceMillis\":500}]},\"crmMode\":\"DONT_SEND\","
                + "\"clientCalledMode\":\"NEVER\",\"numbers\":[\"380971234567\"],\"triggerActions\":{\"AUTODIAL_CANCEL\":[" + hook + "]}}}";
    }

    private static JsonNode deliveries(long autodialer) {
        return ok(post("/api/webhookDeliveries/action", "{\"action\":\"GET_LIST\",\"autodialerId\":" + autodialer + "}"))
                .get("data");
    }

    @Test
    void aCancelledAutodialersEventIsDeliveredListedRedeliveredAndHeldWhilePaused() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm?from=outdial";
        long hook = ok(post("/api/triggerActions/action", "{\"action\":\"ADD\",\"triggerAction\":{\"name\":\"CRM\","
                + "\"type\":\"WEBHOOK\",\"url\":\"" + url + "\",\"method\":\"POST\",\"bodyType\":\"STANDARD_JSON\"}}"))
                .get("data").asLong();
        JsonNode listed = ok(post("/api/triggerActions/action", "{\"action\":\"GET_LIST\"}")).get("data");
        JsonNode mine = null;
        for (JsonNode h : listed) {
            if (h.get("id").asLong() == hook) {
                mine = h;
            }
        }
        assertTrue(mine.get("secret").asText().startsWith("whsec_"), mine.toString());
        assertEquals(false, mine.get("paused").asBoolean());

        long autodialer = ok(post("/api/autodial/action", task("Webhook API 1", hook))).get("data").asLong();
        ok(post("/api/autodial/action", "{\"action\":\"CANCEL\",\"id\":" + autodialer + "}"));
        await("the cancel delivered", () -> deliveries(autodialer).size() == 1
                && deliveries(autodialer).get(0).get("state").asText().equals("DELIVERED"));
        JsonNode d = deliveries(autodialer).get(0);
        assertEquals("AUTODIAL_CANCEL", d.get("event").asText());
        assertEquals(1, d.get("attempts").asInt());
        assertEquals(204, d.get("lastStatus").asInt());
        assertTrue(d.get("lastError").isNull());
        assertEquals(hook, d.get("triggerActionId").asLong());
        assertEquals(1, ok(post("/api/webhookDeliveries/action", "{\"action\":\"GET_LIST\",\"triggerActionId\":" + hook
                + ",\"state\":\"DELIVERED\"}")).get("data").size());
        String id = "evt_" + d.get("eventId").asLong();
        assertEquals(List.of(id + " {}"), received);

        ok(post("/api/webhookDeliveries/action", "{\"action\":\"REDELIVER\",\"id\":" + d.get("id").asLong() + "}"));
        await("the redelivery", () -> received.size() == 2);
        assertEquals(id + " {}", received.get(1), "sent again with the same webhook-id");

        ok(post("/api/triggerActions/action", "{\"action\":\"PAUSE\",\"id\":" + hook + "}"));
        long second = ok(post("/api/autodial/action", task("Webhook API 2", hook))).get("data").asLong();
        ok(post("/api/autodial/action", "{\"action\":\"CANCEL\",\"id\":" + second + "}"));
        assertEquals("PENDING", deliveries(second).get(0).get("state").asText());
        assertEquals(0, deliveries(second).get(0).get("attempts").asInt());
        ok(post("/api/triggerActions/action", "{\"action\":\"UNPAUSE\",\"id\":" + hook + "}"));
        await("the held one delivered", () -> deliveries(second).get(0).get("state").asText().equals("DELIVERED"));
        assertEquals(3, received.size());
    }

    @Test
    void errorsNameWhatIsWrong() {
        refused(400, "triggerActionId and autodialerId are null: name at least one",
                post("/api/webhookDeliveries/action", "{\"action\":\"GET_LIST\"}"));
        refused(400, "Wrong state: expected one of PENDING, DELIVERED, FAILED, REMOVED",
                post("/api/webhookDeliveries/action", "{\"action\":\"GET_LIST\",\"autodialerId\":1,\"state\":\"LOST\"}"));
        refused(400, "Wrong limit: must be 1..1000",
                post("/api/webhookDeliveries/action", "{\"action\":\"GET_LIST\",\"autodialerId\":1,\"limit\":0}"));
        String remove = "/api/eventHandlers/removeScheduledByPhones";
        refused(400, "Phones is not specified", post(remove, "{}"));
        refused(400, "Phones is not specified", post(remove, "{\"phones\":[]}"));
        refused(400, "Too many phones", post(remove, "{\"phones\":[" + String.join(",",
                java.util.Collections.nCopies(101, "\"380971234567\"")) + "]}"));
        HttpResponse<String> invalid = post(remove, "{\"phones\":[\"380971234567\",\"12\",7]}");
        refused(400, "Invalid phones", invalid);
        assertEquals("[\"12\",7]", TestApi.json(invalid).get("data").toString(), invalid.body());
        assertEquals(0, ok(post(remove, "{\"phones\":[\"+380 97 123 4567\"]}")).get("data").asInt(),
                "nothing scheduled for it");
        refused(404, "Delivery not found", post("/api/webhookDeliveries/action", "{\"action\":\"REDELIVER\",\"id\":999999}"));
        refused(400, "id is null", post("/api/webhookDeliveries/action", "{\"action\":\"REDELIVER\"}"));
        refused(404, "Trigger action not found", post("/api/triggerActions/action", "{\"action\":\"PAUSE\",\"id\":999999}"));
        refused(400, "Action type TELEGRAM is not supported: add a WEBHOOK whose url is the Bot API's"
                        + " https://api.telegram.org/bot<token>/sendMessage",
                post("/api/triggerActions/action", "{\"action\":\"ADD\",\"triggerAction\":{\"name\":\"tg\",\"type\":\"TELEGRAM\","
                        + "\"url\":\"https://api.telegram.org/bot1/sendMessage\",\"method\":\"GET\"}}"));
    }
}
