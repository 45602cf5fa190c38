package org.outdial.testbed.unitalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Outdial's UniTalk API over real HTTP, exactly as a user's script calls it: the API key in
 * {@code Authorization}, a JSON body to {@code POST /api/autodial/action}, a multipart form to
 * {@code /api/audio/upload} (docs/API.md). The one client of the benchmarks, the demo and the
 * testbed's tests.
 *
 * <p>An error answer (any HTTP status but 200, UniTalk's {@code "status":"Error"}) is thrown as a
 * {@link UniTalkException} with the status and the envelope's message; a server that cannot be
 * reached as an {@link UncheckedIOException}. Nothing is retried.
 */
public final class UniTalkClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Long enough for ADD_NUMBERS with UniTalk's 100,000 numbers on a busy machine. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI api;
    private final String key;

    /** The API of a server on 127.0.0.1:{@code port}, with API key {@code key}. */
    public UniTalkClient(int port, String key) {
        this(URI.create("http://127.0.0.1:" + port + "/"), key);
    }

    /** The API of the server at {@code server} ({@code http://host:port/}), with API key {@code key}. */
    public UniTalkClient(URI server, String key) {
        String base = server.toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/");
        this.key = key;
    }

    /** {@code http://127.0.0.1:PORT/api/autodial/action}, for showing a user the curl that does the same. */
    public URI actionUri() {
        return api.resolve("autodial/action");
    }

    /** A request body {@code {"action": action}}. */
    public static ObjectNode request(String action) {
        return JSON.createObjectNode().put("action", action);
    }

    /** A request body {@code {"action": action, "id": autodialerId}}. */
    public static ObjectNode request(String action, long autodialerId) {
        return request(action).put("id", autodialerId);
    }

    /** {@code POST /api/autodial/action}; the answer (the envelope, or the bare array or object some actions answer). */
    public JsonNode action(ObjectNode body) {
        try {
            return action(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
    }

    /** As {@link #action(ObjectNode)}, for a body already written out (the benchmarks' 100,000 numbers). */
    public JsonNode action(String json) {
        return send(authorized("autodial/action").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), json);
    }

    /**
     * {@code POST /api/PATH} with a JSON body, for the routes beside the autodialers' own
     * ({@code phones/inner/action}, {@code groups/action}, {@code scenarios/action}, ...); the answer.
     */
    public JsonNode post(String path, ObjectNode body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
        return send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), json);
    }

    /** {@code ADD}; the new autodialer's id. */
    public long add(AutodialerTask task) {
        ObjectNode body = request("ADD");
        body.set("task", task.json());
        return action(body).path("data").asLong();
    }

    /** {@code ADD_NUMBERS}; how many were added (UniTalk's {@code data.added}). */
    public int addNumbers(long autodialerId, Collection<String> numbers) {
        ObjectNode body = request("ADD_NUMBERS", autodialerId);
        ArrayNode list = body.putArray("numbers");
        numbers.forEach(list::add);
        return action(body).path("data").path("added").asInt();
    }

    /** {@code GET_LIST}: every autodialer with its status and statistics. */
    public JsonNode tasks() {
        return action(request("GET_LIST"));
    }

    /** The autodialer as {@code GET_LIST} shows it. */
    public JsonNode task(long autodialerId) {
        for (JsonNode task : tasks()) {
            if (task.path("id").asLong() == autodialerId) {
                return task;
            }
        }
        throw new IllegalStateException("autodialer " + autodialerId + " is not in GET_LIST");
    }

    /** Its {@code status}: WAITING, IN_PROGRESS, PAUSED, FINISHED, ... */
    public String status(long autodialerId) {
        return task(autodialerId).path("status").asText();
    }

    /** How many of its numbers are in {@code state} (statistics.statesCount). */
    public long stateCount(long autodialerId, String state) {
        return task(autodialerId).path("statistics").path("statesCount").path(state).asLong(0);
    }

    /** Its calls so far (statistics.callsDoneCount). */
    public long callsDone(long autodialerId) {
        return task(autodialerId).path("statistics").path("callsDoneCount").asLong();
    }

    /** {@code GET_NUMBERS} from {@code offset}, at most {@code limit}: a bare array. */
    public JsonNode numbers(long autodialerId, int limit, int offset) {
        return action(request("GET_NUMBERS", autodialerId).put("limit", limit).put("offset", offset));
    }

    /** {@code GET_CALLS_HISTORY}, the first {@code limit} calls; {@code count} is all of them. */
    public JsonNode history(long autodialerId, int limit) {
        ObjectNode body = request("GET_CALLS_HISTORY", autodialerId);
        body.putObject("callHistoryRequest").put("limit", limit);
        return action(body);
    }

    /** {@code GET_CALLS_HISTORY}, {@code limit} calls from {@code offset}, newest first. */
    public JsonNode history(long autodialerId, int limit, int offset) {
        ObjectNode body = request("GET_CALLS_HISTORY", autodialerId);
        body.putObject("callHistoryRequest").put("limit", limit).put("offset", offset);
        return action(body);
    }

    /** {@code PAUSE}: calls in flight finish, no new one starts. */
    public void pause(long autodialerId) {
        action(request("PAUSE", autodialerId));
    }

    /** {@code /api/phones/inner/action} ADD: an operator line with its SIP password (8..100 characters). */
    public void addPhone(String number, String password) {
        ObjectNode body = request("ADD");
        body.putObject("phone").put("number", number).put("password", password);
        post("phones/inner/action", body);
    }

    /** {@code POST /api/phones/inner}: each line's {@code online}, {@code busy} or {@code offline}. */
    public Map<String, String> lineStatuses() {
        HttpRequest request = authorized("phones/inner").POST(HttpRequest.BodyPublishers.noBody()).build();
        Map<String, String> statuses = new TreeMap<>();
        send(request, "phones/inner").path("data").properties()
                .forEach(e -> statuses.put(e.getKey(), e.getValue().asText()));
        return statuses;
    }

    /** One line's status as {@link #lineStatuses()} reports it. */
    public String lineStatus(String number) {
        return lineStatuses().getOrDefault(number, "(not listed)");
    }

    /** {@code /api/phones/inner/setStatus}: WORK, STOP or PAUS. */
    public void setWorkStatus(String number, String status) {
        post("phones/inner/setStatus", JSON.createObjectNode().put("number", number).put("status", status));
    }

    /** {@code /api/groups/action} ADD of an INNER_PHONES group with {@code members}; its id. */
    public long addGroup(String name, Collection<String> members) {
        ObjectNode body = request("ADD");
        body.putObject("group").put("name", name).put("type", "INNER_PHONES");
        long id = post("groups/action", body).path("data").asLong();
        for (String number : members) {
            post("groups/action", request("ADD_NUMBER").put("groupId", id).put("number", number));
        }
        return id;
    }

    /** {@code /api/scenarios/action} ADD of an incoming scenario TRANSFER_TO_GROUP {@code groupId}; its id. */
    public long addTransferScenario(String name, long groupId) {
        ObjectNode body = request("ADD");
        body.putObject("scenario").put("name", name).put("action", "TRANSFER_TO_GROUP").put("groupId", groupId);
        return post("scenarios/action", body).path("data").asLong();
    }

    /** {@code POST /api/audio/upload} with the seed's form fields; the new audio's id. */
    public long uploadAudio(String name, byte[] wav) {
        String boundary = "outdial-testbed-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(wav.length + 1024);
        field(body, boundary, "name", name);
        field(body, boundary, "type", "AUTODIAL");
        field(body, boundary, "temp", "false");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + ".wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wav);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = authorized("audio/upload").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        // UniTalk answers {"status":"Success","message":"<id>"}.
        return Long.parseLong(send(request, "upload of " + name).path("message").asText());
    }

    /** Whether {@code GET /api/health} answers 200 now; false while the server is not listening yet. */
    public boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(api.resolve("health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + api + "health", e);
        }
    }

    /** {@code GET /api/health}'s {@code data} (the database, and each trunk with its status); needs no key. */
    public JsonNode health() {
        return send(HttpRequest.newBuilder(api.resolve("health")).timeout(REQUEST_TIMEOUT).GET().build(), "health")
                .path("data");
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(REQUEST_TIMEOUT).header("Authorization", key);
    }

    private static JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200 || answer.path("status").asText().equals("Error")) {
            throw new UniTalkException(request.uri().getPath() + " " + abbreviated(what), response.statusCode(),
                    answer.path("message").asText(response.body()), answer.path("data"));
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** The request in an error message: its action, not its 100,000 numbers. */
    private static String abbreviated(String what) {
        return what.length() <= 120 ? what : what.substring(0, 120) + "...";
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
