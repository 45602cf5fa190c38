package org.outdial.testbed.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.server.ConfigFile;
import org.outdial.testbed.server.ServerProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.testing.Await;

/**
 * Webhooks survive {@code kill -9} of the server mid-delivery: the server runs as its own JVM,
 * the receiver holds one request unanswered while the server is killed, and after a restart on
 * the same H2 file every event arrives, in order, the held one at most twice and every other
 * exactly once.
 */
class WebhookKillNineTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOLD = 8;

    @Test
    void aKilledServerDeliversTheRestExactlyOnceAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("outdial-webhook-kill9-");
        List<String> ids = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            if (ids.size() == HOLD) {
                held.countDown();
                try {
                    release.await(); // never answered before the kill: the request in flight
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ConfigFile config = ConfigFile.in(dir).webhooks(Duration.ofSeconds(2), "0s, 200ms, 200ms");
            UniTalkClient api = new UniTalkClient(config.httpPort(), config.createKey("kill9"));
            long autodialer;
            ServerProcess first = ServerProcess.serve(config, "256m", dir.resolve("server.log")).awaitUp(START);
            try {
                ObjectNode hook = JSON.createObjectNode().put("action", "ADD");
                hook.putObject("triggerAction").put("name", "receiver").put("type", "WEBHOOK")
                        .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                        .put("method", "POST").put("bodyType", "STANDARD_JSON");
                long handler = api.post("/api/triggerActions/action", hook).path("data").asLong();
                ObjectNode task = AutodialerTask.autodial("webhooks survive kill -9").json();
                task.putObject("triggerActions").putArray("AUTODIAL_STATUS_CHANGED").add(handler);
                ObjectNode add = UniTalkClient.request("ADD");
                add.set("task", task);
                autodialer = api.action(add).path("data").asLong();
                api.addNumbers(autodialer, List.of("380971234567")); // NO_NUMBERS -> WAITING
                for (int i = 0; i < 15; i++) { // no trunk: it stays WAITING between the commands
                    api.pause(autodialer);
                    api.action(UniTalkClient.request("UNPAUSE", autodialer));
                }
                assertTrue(held.await(30, java.util.concurrent.TimeUnit.SECONDS), "the held request arrived");
            } finally {
                first.kill(); // SIGKILL with the held request in flight
            }
            release.countDown();
            int before = ids.size();
            assertEquals(HOLD, before, "the queue waited for the held request");

            try (ServerProcess second = ServerProcess.serve(config, "256m", dir.resolve("server.log")).awaitUp(START)) {
                long events = 31; // NUMBERS_ADDED, then PAUSE and UNPAUSE 15 times
                Await.until("every event delivered after the restart", Duration.ofSeconds(60), () ->
                        delivered(api, autodialer) == events);
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (String id : ids) {
                    counts.merge(id, 1, Integer::sum);
                }
                assertEquals(events, counts.size(), "every event arrived: " + counts);
                String inFlight = ids.get(HOLD - 1);
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    int most = e.getKey().equals(inFlight) ? 2 : 1;
                    assertTrue(e.getValue() <= most, e.getKey() + " arrived " + e.getValue() + " times: " + ids);
                }
                List<Long> firsts = new ArrayList<>();
                counts.keySet().forEach(id -> firsts.add(Long.parseLong(id.substring(4))));
                assertEquals(firsts.stream().sorted().toList(), firsts, "in the order of the events");
            }
        } finally {
            release.countDown();
            receiver.stop(0);
        }
    }

    private static long delivered(UniTalkClient api, long autodialer) {
        ObjectNode list = JSON.createObjectNode().put("action", "GET_LIST").put("autodialerId", autodialer)
                .put("state", "DELIVERED").put("limit", 1000);
        JsonNode data = api.post("/api/webhookDeliveries/action", list).path("data");
        return data.size();
    }
}
