package org.outdial.api.unitalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.operator.InnerPhone;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;

/**
 * GET_LIST's {@code statistics.abandonment} (Outdial's extension): the ledger as the table has it
 * after a restart, for campaigns with operators only.
 */
class AbandonmentStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void getListShowsTheLedgersWindowAndTodayAfterARestart(@TempDir Path dir) throws Exception {
        OutdialConfig config = TestApi.config(64 << 20, RateLimitSettings.unlimited())
                .withStorage(new StorageSettings("jdbc:h2:file:" + dir.resolve("outdial"), "sa", "", 4));
        long smart;
        long audio;
        String key;
        try (OutdialServer server = OutdialServer.start(config, InstantSource.system(), List.of())) {
            key = new ApiKeys(server.database().dataSource()).create("abandonment", Instant.now()).secret();
            TestApi api = new TestApi(server.port());
            new Operators(server.database().dataSource(), InstantSource.system())
                    .addPhone(new InnerPhone("7101", "secret123", "Ann", "Lee"));
            ObjectNode task = AutodialActionTest.task().put("autodialerMode", "SMART").put("smartSpeed", 0);
            task.remove("threadCount");
            task.putArray("pseudoGroupOperators").add("7101");
            smart = ok(api, key, AutodialActionTest.add(task)).path("data").asLong();
            audio = ok(api, key, AutodialActionTest.add(AutodialActionTest.task())).path("data").asLong();
            Instant now = Instant.now();
            new Transactor(server.database().dataSource()).inTransaction(c -> {
                for (int i = 0; i < 40; i++) { // 40 answered within the window, 3 abandoned, 10 days ago
                    AbandonmentLedger.insert(c, smart, now.minus(Duration.ofDays(10)).plusSeconds(i), i < 3);
                }
                AbandonmentLedger.insert(c, smart, now.minusSeconds(1), true); // today (whatever the zone)
                AbandonmentLedger.insert(c, smart, now.minus(Duration.ofDays(31)), true); // out of the window
                return null;
            });
        }
        try (OutdialServer server = OutdialServer.start(config, InstantSource.system(), List.of())) {
            TestApi api = new TestApi(server.port());
            JsonNode list = ok(api, key, JSON.createObjectNode().put("action", "GET_LIST"));
            JsonNode smartTask = find(list, smart);
            JsonNode abandonment = smartTask.path("statistics").path("abandonment");
            assertEquals(41, abandonment.path("window").path("liveAnswered").asLong(), abandonment.toString());
            assertEquals(4, abandonment.path("window").path("abandoned").asLong());
            assertEquals(9.76, abandonment.path("window").path("percent").asDouble(), 1e-9, "4 of 41");
            assertEquals(30, abandonment.path("window").path("days").asLong());
            assertEquals(1, abandonment.path("today").path("liveAnswered").asLong());
            assertEquals(1, abandonment.path("today").path("abandoned").asLong());
            assertEquals(100.0, abandonment.path("today").path("percent").asDouble());
            assertEquals(3.0, abandonment.path("targetPercent").asDouble());
            assertEquals(2000, abandonment.path("graceMillis").asLong());
            assertTrue(find(list, audio).path("statistics").path("abandonment").isMissingNode(),
                    "an audio campaign has no operators to abandon anyone for");
        }
    }

    private static JsonNode ok(TestApi api, String key, Object body) throws Exception {
        HttpResponse<String> response = api.postJson("/api/autodial/action", key, JSON.writeValueAsString(body));
        assertEquals(200, response.statusCode(), response.body());
        return TestApi.json(response);
    }

    private static JsonNode find(JsonNode list, long id) {
        for (JsonNode task : list) {
            if (task.path("id").asLong() == id) {
                return task;
            }
        }
        throw new AssertionError("no task " + id + " in " + list);
    }
}
