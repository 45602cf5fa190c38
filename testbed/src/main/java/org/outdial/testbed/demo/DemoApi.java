package org.outdial.testbed.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * What the demo does over HTTP, exactly as a user's script would: the API key in
 * {@code Authorization}, JSON to {@code /api/autodial/action}, a multipart form to
 * {@code /api/audio/upload}.
 */
final class DemoApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    DemoApi(int port, String key) {
        this.base = "http://127.0.0.1:" + port + "/api";
        this.key = key;
    }

    String actionUrl() {
        return base + "/autodial/action";
    }

    /** {@code POST /api/audio/upload} with the seed's form fields; the new audio's id. */
    long uploadAudio(String name, byte[] wav) throws IOException, InterruptedException {
        String boundary = "outdial-demo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(wav.length + 1024);
        field(body, boundary, "name", name);
        field(body, boundary, "type", "AUTODIAL");
        field(body, boundary, "temp", "false");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + ".wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wav);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = authorized(base + "/audio/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        // UniTalk answers {"status":"Success","message":"<id>"}.
        return Long.parseLong(send(request).path("message").asText());
    }

    /**
     * {@code ADD}: an AUTODIAL campaign in FIXED mode that plays {@code audioId}, open every day
     * around the clock in this machine's time zone, no retries.
     */
    long addCampaign(String name, int threads, long audioId, ZoneId zone) throws IOException, InterruptedException {
        ObjectNode task = JSON.createObjectNode();
        LocalDate today = LocalDate.now(zone);
        task.put("name", name).put("autodialerType", "AUTODIAL").put("autodialerMode", "FIXED")
                .put("threadCount", threads).put("callDelay", 0).put("delay", 0)
                .put("startDate", today.minusDays(1).toString()).put("endDate", today.plusDays(7).toString())
                .put("timeZone", zone.getId()).put("crmMode", "DONT_SEND").put("clientCalledMode", "NEVER");
        ArrayNode from = task.putArray("timeFrom");
        ArrayNode to = task.putArray("timeTo");
        for (int day = 0; day < 7; day++) {
            from.add("00:00");
            to.add("24:00");
        }
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("id", audioId);
        ObjectNode body = JSON.createObjectNode().put("action", "ADD");
        body.set("task", task);
        return action(body).path("data").asLong();
    }

    /** {@code ADD_NUMBERS}; how many were added. */
    int addNumbers(long campaign, List<String> numbers) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("action", "ADD_NUMBERS").put("id", campaign);
        ArrayNode list = body.putArray("numbers");
        numbers.forEach(list::add);
        JsonNode answer = action(body);
        JsonNode added = answer.path("data").path("added");
        return added.isMissingNode() ? numbers.size() : added.asInt();
    }

    /** The campaign as {@code GET_LIST} shows it, or null when it is not listed. */
    JsonNode task(long campaign) throws IOException, InterruptedException {
        JsonNode answer = action(JSON.createObjectNode().put("action", "GET_LIST"));
        JsonNode tasks = answer.isArray() ? answer : answer.path("data");
        for (JsonNode task : tasks) {
            if (task.path("id").asLong() == campaign) {
                return task;
            }
        }
        return null;
    }

    private JsonNode action(ObjectNode body) throws IOException, InterruptedException {
        return send(authorized(actionUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", key);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri().getPath() + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
