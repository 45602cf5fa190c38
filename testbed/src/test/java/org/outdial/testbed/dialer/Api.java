package org.outdial.testbed.dialer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;

/** The UniTalk API of a server under test, over real HTTP, as a client would use it. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String key;

    Api(int port, String key) {
        this.port = port;
        this.key = key;
    }

    JsonNode action(ObjectNode body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/autodial/action"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ObjectNode body(String action, Long id) {
        ObjectNode body = JSON.createObjectNode().put("action", action);
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    /** An AUTODIAL/FIXED campaign open all week, playing half a second of silence. */
    long createCampaign(String name, int threads, ObjectNode repeatCallsSettings) {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", name).put("autodialerType", "AUTODIAL").put("autodialerMode", "FIXED")
                .put("threadCount", threads).put("startDate", "2020-01-01").put("endDate", "2099-12-31")
                .put("crmMode", "DONT_SEND").put("clientCalledMode", "NEVER");
        ArrayNode from = task.putArray("timeFrom");
        ArrayNode to = task.putArray("timeTo");
        for (int day = 0; day < 7; day++) {
            from.add("00:00");
            to.add("24:00");
        }
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("silenceMillis", 500);
        if (repeatCallsSettings != null) {
            task.set("repeatCallsSettings", repeatCallsSettings);
        }
        ObjectNode body = body("ADD", null);
        body.set("task", task);
        return action(body).path("data").asLong();
    }

    void addNumbers(long id, Collection<String> numbers) {
        ObjectNode body = body("ADD_NUMBERS", id);
        ArrayNode array = body.putArray("numbers");
        numbers.forEach(array::add);
        action(body);
    }

    JsonNode task(long id) {
        for (JsonNode task : action(body("GET_LIST", null))) {
            if (task.path("id").asLong() == id) {
                return task;
            }
        }
        throw new AssertionError("no autodialer " + id);
    }

    String status(long id) {
        return task(id).path("status").asText();
    }

    long stateCount(long id, String state) {
        return task(id).path("statistics").path("statesCount").path(state).asLong(0);
    }

    JsonNode history(long id, int limit) {
        ObjectNode body = body("GET_CALLS_HISTORY", id);
        body.putObject("callHistoryRequest").put("limit", limit);
        return action(body);
    }
}
