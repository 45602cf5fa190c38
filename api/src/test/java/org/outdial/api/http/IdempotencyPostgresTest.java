package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.storage.LocalPostgres;

/**
 * Idempotency-Key on a real PostgreSQL (V13's table, its unique key and BYTEA answer): a retried
 * ADD_NUMBERS adds once and answers the first answer again, the same key with another body is
 * refused and acts not. Fails, rather than skipping, where PostgreSQL is missing; {@code ./outdial
 * test} installs it.
 */
class IdempotencyPostgresTest {

    private static final String AUTODIAL = "/api/autodial/action";

    @Test
    void aRetriedWriteActsOnceAndAnotherBodyUnderTheSameKeyIsRefusedOnPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startInstalled();
             OutdialServer server = OutdialServer.start(TestApi.config(1 << 20, RateLimitSettings.unlimited())
                     .withStorage(postgres.storage()), InstantSource.system(), List.of())) {
            TestApi api = new TestApi(server.port());
            String key = new ApiKeys(server.database().dataSource()).create("pg", Instant.now()).secret();
            long id = IdempotencyKeyTest.autodialer(api, key);
            String body = "{\"action\":\"ADD_NUMBERS\",\"id\":" + id + ",\"numbers\":[\"380671234567\",\"380671234568\"]}";

            HttpResponse<String> first = send(api, key, "pg-1", body);
            HttpResponse<String> retry = send(api, key, "pg-1", body);
            HttpResponse<String> other = send(api, key, "pg-1", body.replace("380671234568", "380671234569"));

            assertEquals(200, first.statusCode(), first.body());
            assertEquals(2, TestApi.json(first).path("data").path("added").asInt(), first.body());
            assertFalse(first.headers().firstValue(Idempotency.REPLAYED).isPresent());
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals("true", retry.headers().firstValue(Idempotency.REPLAYED).orElse(""));
            assertEquals(first.body(), retry.body(), "the stored answer, byte for byte");
            assertEquals(422, other.statusCode(), other.body());
            assertTrue(other.body().contains("Idempotency-Key"), other.body());
            assertEquals(2, IdempotencyKeyTest.numbersIn(api, key, id), "added once, the other body not at all");
        }
    }

    private static HttpResponse<String> send(TestApi api, String key, String idempotencyKey, String body) {
        return api.send(HttpRequest.newBuilder(api.uri(AUTODIAL)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", key)
                .header(Idempotency.HEADER, idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
