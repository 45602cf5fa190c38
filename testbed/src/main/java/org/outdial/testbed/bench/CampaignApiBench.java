package org.outdial.testbed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The campaign API's figures from issue 2, measured against a real server over HTTP: the server
 * runs as its own JVM with {@code -Xmx512m} and an H2 file database, exactly as
 * {@code ./outdial serve} runs it.
 *
 * <ul>
 *   <li>ADD_NUMBERS with 100,000 numbers in one request, into a fresh autodialer: median of 5
 *       (goal ≤ 1.0 s), and from the same start until all of them are rows (a GET_NUMBERS of the
 *       last one, which waits for the write-out);</li>
 *   <li>GET_NUMBERS with limit 5000 from an autodialer of 1,000,000 numbers, at the start, in the
 *       middle and filtered by state: median of 20 each (goal ≤ 100 ms);</li>
 *   <li>the server's heap after a full GC with that autodialer loaded (goal: it runs in 512 MiB).</li>
 * </ul>
 *
 * Usage: {@code ./outdial bench campaign-api [--runs 5] [--heap 512m]}
 */
public final class CampaignApiBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String key;

    private CampaignApiBench(int port, String key) {
        this.port = port;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        String heap = "512m";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--heap")) {
                heap = args[i + 1];
            }
        }
        Path dir = Files.createTempDirectory("outdial-bench-");
        int port = freePort();
        Path config = dir.resolve("outdial.yaml");
        Files.writeString(config, """
                http:
                  port: %d
                  bind-address: 127.0.0.1
                storage:
                  url: jdbc:h2:file:%s/db/outdial
                audio:
                  dir: %s/audio
                api:
                  rate-limit:
                    enabled: false
                """.formatted(port, dir, dir));
        System.out.printf("campaign-api benchmark: %d cores, %d MiB RAM visible to the JVM, server -Xmx%s, H2 file in %s%n",
                Runtime.getRuntime().availableProcessors(), totalMemoryMiB(), heap, dir);

        String key = run(List.of("keys", "create", "--config", config.toString(), "--name", "bench")).strip();
        Process server = start(heap, List.of("serve", "--config", config.toString()));
        try {
            CampaignApiBench bench = new CampaignApiBench(port, key);
            bench.awaitUp(server);
            bench.measure(runs, server.pid());
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void measure(int runs, long pid) throws Exception {
        // Warm-up: one add of 100,000 so the JIT has seen the path, not counted.
        long warm = createAutodialer("warm-up");
        post(addNumbers(warm, 0));

        List<Double> addSeconds = new ArrayList<>();
        List<Double> readableSeconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long id = createAutodialer("add-" + run);
            String body = addNumbers(id, run + 1);
            long start = System.nanoTime();
            JsonNode answer = post(body);
            double seconds = (System.nanoTime() - start) / 1e9;
            check(answer.path("data").path("added").asInt() == 100_000, "added 100,000: " + answer);
            addSeconds.add(seconds);
            // The last number, read back at once: GET_NUMBERS waits until the accepted numbers are
            // written out as rows, so this is when all of them are readable and dialable. It also
            // keeps the next run's request from sharing the machine with this one's write-out.
            JsonNode last = post(JSON.writeValueAsString(JSON.createObjectNode().put("action", "GET_NUMBERS")
                    .put("id", id).put("limit", 1).put("offset", 99_999)));
            readableSeconds.add((System.nanoTime() - start) / 1e9);
            check(last.size() == 1 && last.get(0).path("phone").asText().equals(phone(run + 1, 99_999)),
                    "the last number read back: " + last);
        }
        System.out.printf("ADD_NUMBERS 100,000 numbers, one request, %d runs: median %.3f s (min %.3f, max %.3f) [goal <= 1.0 s]%n",
                runs, median(addSeconds), Collections.min(addSeconds), Collections.max(addSeconds));
        System.out.printf("  until all 100,000 are rows (readable by GET_NUMBERS, dialable), from the same start: "
                        + "median %.3f s (min %.3f, max %.3f)%n",
                median(readableSeconds), Collections.min(readableSeconds), Collections.max(readableSeconds));

        long big = createAutodialer("million");
        long fill = System.nanoTime();
        for (int chunk = 0; chunk < 10; chunk++) {
            post(addNumbers(big, 100 + chunk));
        }
        double answered = (System.nanoTime() - fill) / 1e9;
        check(post(JSON.writeValueAsString(JSON.createObjectNode().put("action", "GET_NUMBERS").put("id", big)
                .put("limit", 1).put("offset", 999_999))).size() == 1, "1,000,000 numbers readable");
        System.out.printf("Filled one autodialer to 1,000,000 numbers (10 requests in a row): last answer after %.1f s, "
                + "all readable after %.1f s%n", answered, (System.nanoTime() - fill) / 1e9);

        page(big, 0, null, "first 5000");
        page(big, 500_000, null, "offset 500,000");
        page(big, 0, "NEW", "state NEW, first 5000");

        String heapInfo = run(List.of(jcmd(), String.valueOf(pid), "GC.run"), false);
        heapInfo = run(List.of(jcmd(), String.valueOf(pid), "GC.heap_info"), false);
        System.out.println("Server heap after a full GC with 1,000,000 numbers loaded (jcmd GC.heap_info):");
        heapInfo.lines().filter(l -> !l.isBlank()).limit(4).forEach(l -> System.out.println("  " + l.strip()));
    }

    private void page(long id, int offset, String state, String label) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("action", "GET_NUMBERS").put("id", id).put("limit", 5000)
                .put("offset", offset);
        if (state != null) {
            body.putArray("callStates").add(state);
        }
        String json = JSON.writeValueAsString(body);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            JsonNode page = post(json);
            double ms = (System.nanoTime() - start) / 1e6;
            check(page.size() == 5000, "5000 numbers");
            if (i >= 5) {
                millis.add(ms); // the first five warm up
            }
        }
        System.out.printf("GET_NUMBERS limit 5000 of 1,000,000 (%s), 20 runs: median %.1f ms (min %.1f, max %.1f) [goal <= 100 ms]%n",
                label, median(millis), Collections.min(millis), Collections.max(millis));
    }

    private long createAutodialer(String name) throws Exception {
        ObjectNode task = JSON.createObjectNode();
        task.put("name", name).put("autodialerType", "AUTODIAL").put("autodialerMode", "FIXED").put("threadCount", 10)
                .put("startDate", "2026-01-01").put("endDate", "2030-12-31").put("crmMode", "DONT_SEND")
                .put("clientCalledMode", "NEVER");
        ArrayNode from = task.putArray("timeFrom");
        ArrayNode to = task.putArray("timeTo");
        for (int d = 0; d < 7; d++) {
            from.add("09:00");
            to.add("18:00");
        }
        task.putObject("compositeAudio").putArray("multiAudios").addObject().put("silenceMillis", 1000);
        ObjectNode body = JSON.createObjectNode().put("action", "ADD");
        body.set("task", task);
        return post(JSON.writeValueAsString(body)).path("data").asLong();
    }

    /** 100,000 distinct valid Ukrainian mobile numbers; {@code series} keeps sets apart. */
    private static String addNumbers(long id, int series) {
        StringBuilder body = new StringBuilder(2_000_000);
        body.append("{\"action\":\"ADD_NUMBERS\",\"id\":").append(id).append(",\"numbers\":[");
        for (int i = 0; i < 100_000; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append('"').append(phone(series, i)).append('"');
        }
        return body.append("]}").toString();
    }

    /** The {@code i}-th number of set {@code series}, as Outdial stores it. */
    private static String phone(int series, int i) {
        return "380" + (670_000_000L + (long) series * 100_000 + i);
    }

    private JsonNode post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/autodial/action"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void awaitUp(Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not start within 60 s");
    }

    private static Process start(String heap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), "org.outdial.api.cli.OutdialCommand"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "org.outdial.api.cli.OutdialCommand"));
        command.addAll(args);
        return run(command, true);
    }

    private static String run(List<String> command, boolean mustSucceed) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || (mustSucceed && process.exitValue() != 0)) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String jcmd() {
        return Path.of(javaBinary()).resolveSibling("jcmd").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long totalMemoryMiB() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() >> 20;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }
}
