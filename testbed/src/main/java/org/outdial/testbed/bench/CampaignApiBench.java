package org.outdial.testbed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.outdial.testbed.server.ConfigFile;
import org.outdial.testbed.server.ServerProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

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

    private final UniTalkClient api;

    private CampaignApiBench(UniTalkClient api) {
        this.api = api;
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
        ConfigFile config = ConfigFile.in(dir);
        System.out.printf("campaign-api benchmark: %d cores, %d MiB RAM visible to the JVM, server -Xmx%s, H2 file in %s%n",
                Runtime.getRuntime().availableProcessors(), totalMemoryMiB(), heap, dir);

        UniTalkClient api = new UniTalkClient(config.httpPort(), config.createKey("bench"));
        try (ServerProcess server = ServerProcess.serve(config, heap, null).awaitUp(Duration.ofSeconds(60))) {
            new CampaignApiBench(api).measure(runs, server.pid());
        }
    }

    private void measure(int runs, long pid) throws Exception {
        // Warm-up: one add of 100,000 so the JIT has seen the path, not counted.
        long warm = createAutodialer("warm-up");
        api.action(addNumbers(warm, 0));

        List<Double> addSeconds = new ArrayList<>();
        List<Double> readableSeconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long id = createAutodialer("add-" + run);
            String body = addNumbers(id, run + 1);
            long start = System.nanoTime();
            JsonNode answer = api.action(body);
            double seconds = (System.nanoTime() - start) / 1e9;
            check(answer.path("data").path("added").asInt() == 100_000, "added 100,000: " + answer);
            addSeconds.add(seconds);
            // The last number, read back at once: GET_NUMBERS waits until the accepted numbers are
            // written out as rows, so this is when all of them are readable and dialable. It also
            // keeps the next run's request from sharing the machine with this one's write-out.
            JsonNode last = api.numbers(id, 1, 99_999);
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
            api.action(addNumbers(big, 100 + chunk));
        }
        double answered = (System.nanoTime() - fill) / 1e9;
        check(api.numbers(big, 1, 999_999).size() == 1, "1,000,000 numbers readable");
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
        ObjectNode body = UniTalkClient.request("GET_NUMBERS", id).put("limit", 5000).put("offset", offset);
        if (state != null) {
            body.putArray("callStates").add(state);
        }
        String json = body.toString();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            JsonNode page = api.action(json);
            double ms = (System.nanoTime() - start) / 1e6;
            check(page.size() == 5000, "5000 numbers");
            if (i >= 5) {
                millis.add(ms); // the first five warm up
            }
        }
        System.out.printf("GET_NUMBERS limit 5000 of 1,000,000 (%s), 20 runs: median %.1f ms (min %.1f, max %.1f) [goal <= 100 ms]%n",
                label, median(millis), Collections.min(millis), Collections.max(millis));
    }

    private long createAutodialer(String name) {
        return api.add(AutodialerTask.autodial(name).everyDay("09:00", "18:00")
                .dates(LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31))
                .silence(Duration.ofSeconds(1)));
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

    private static String run(List<String> command, boolean mustSucceed) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || (mustSucceed && process.exitValue() != 0)) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static String jcmd() {
        return Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
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
