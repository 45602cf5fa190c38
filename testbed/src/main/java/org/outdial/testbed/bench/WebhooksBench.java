package org.outdial.testbed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * Issue 12's webhook figure: events at a fixed rate into a receiver that answers 200, and the
 * time from each event's commit to its request reaching the receiver (p50, p99, max).
 *
 * <p>An in-process server ({@code OutdialServer}, H2 file, no trunks) with its real deliverer;
 * one STANDARD_JSON handler and {@code --autodialers} autodialers created over HTTP, each binding
 * it to AUTODIAL_ANSWER. Events are appended as the dialer's recorder appends a call's end: one
 * shared transaction each as {@code CallRun} records an outcome, on a virtual thread, through {@code EventOutbox}, which reads the bindings and
 * writes the delivery. Each autodialer is one queue (in order), so this many requests can be in
 * flight at once. The receiver is {@code com.sun.net.httpserver} on loopback in the same JVM.
 *
 * <p>Usage: {@code ./outdial bench webhooks [--rate 1000] [--seconds 30] [--autodialers 10] [--pool-size 16]
 * [--warmup-seconds 10]}: the warm-up phase (same rate, the cold JVM's JIT) is printed apart and not counted.
 */
public final class WebhooksBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int rate = 1000;
        int seconds = 30;
        int autodialers = 10;
        int pool = 16;
        int warmup = 10;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--autodialers" -> autodialers = Integer.parseInt(args[i + 1]);
                case "--pool-size" -> pool = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmup = Integer.parseInt(args[i + 1]);
                default -> { }
            }
        }
        System.out.println("webhooks benchmark: " + BenchMachine.describe());
        System.out.printf(Locale.ROOT, "%d events/s for %d s over %d autodialers (one queue each) into a receiver"
                + " answering 200; storage.pool-size %d%n", rate, seconds, autodialers, pool);

        Map<String, Long> arrived = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        AtomicLong requests = new AtomicLong();
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.putIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime());
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        Path dir = Files.createTempDirectory("outdial-bench-webhooks-");
        OutdialConfig defaults = OutdialConfig.defaults();
        StorageSettings h2 = StorageSettings.h2File(dir.resolve("db").toString());
        OutdialConfig config = defaults.withStorage(new StorageSettings(h2.url(), h2.username(), h2.password(), pool))
                .withHttp(new OutdialConfig.Http(0, "127.0.0.1"))
                .withApi(new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()))
                .withWebhooks(new OutdialConfig.Webhooks(true, Duration.ofSeconds(15), "0s, 1s, 5s",
                        Duration.ofMillis(10), "bench"));
        try (OutdialServer server = OutdialServer.start(config)) {
            UniTalkClient api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                    .create("bench", Instant.now()).secret());
            ObjectNode hook = JSON.createObjectNode().put("action", "ADD");
            hook.putObject("triggerAction").put("name", "bench receiver").put("type", "WEBHOOK")
                    .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook").put("method", "POST")
                    .put("bodyType", "STANDARD_JSON");
            long handler = api.post("/api/triggerActions/action", hook).path("data").asLong();
            List<Long> ids = new ArrayList<>();
            for (int a = 0; a < autodialers; a++) {
                ObjectNode task = AutodialerTask.autodial("webhooks-bench-" + a).json();
                task.putObject("triggerActions").putArray("AUTODIAL_ANSWER").add(handler);
                ObjectNode add = UniTalkClient.request("ADD");
                add.set("task", task);
                ids.add(api.action(add).path("data").asLong());
            }

            Transactor db = server.transactor(); // the dialer's: its group commits include the deliverer's
            EventOutbox outbox = new EventOutbox();
            for (int phase = warmup > 0 ? 0 : 1; phase < 2; phase++) {
                int phaseSeconds = phase == 0 ? warmup : seconds;
                String label = phase == 0 ? "warm-up (not counted): " : "";
                int total = rate * phaseSeconds;
                Map<Long, Long> committed = new ConcurrentHashMap<>();
                long period = 1_000_000_000L / rate;
                AtomicLong lateNanos = new AtomicLong();
                long start = System.nanoTime();
                try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int n = 0; n < total; n++) {
                        long due = start + n * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else {
                            lateNanos.accumulateAndGet(-wait, Math::max);
                        }
                        long campaign = ids.get(n % autodialers);
                        String phone = "380" + (500_000_000L + phase * 100_000_000L + n);
                        writers.execute(() -> {
                            Map<String, Object> payload = new LinkedHashMap<>();
                            payload.put("autodialerId", campaign);
                            payload.put("phone", phone);
                            payload.put("name", "Bench " + phone);
                            payload.put("note", null);
                            payload.put("state", "ANSWER");
                            payload.put("calledCount", 1);
                            // As the dialer records a call's end (CallRun): in a shared transaction.
                            long eventId = db.inSharedTransaction(c ->
                                    outbox.append(c, campaign, TriggerEvent.AUTODIAL_ANSWER, payload, Instant.now()));
                            committed.put(eventId, System.nanoTime());
                        });
                    }
                }
                double offered = total / ((System.nanoTime() - start) / 1e9);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (committed.keySet().stream().filter(id -> arrived.containsKey("evt_" + id)).count() < total
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                double drained = (System.nanoTime() - start) / 1e9;
                long[] latencies = committed.entrySet().stream()
                        .filter(e -> arrived.containsKey("evt_" + e.getKey()))
                        .mapToLong(e -> arrived.get("evt_" + e.getKey()) - e.getValue()).sorted().toArray();
                long delivered = committed.keySet().stream().filter(id -> arrived.containsKey("evt_" + id)).count();
                System.out.printf(Locale.ROOT, label + "events committed: %,d at %.0f/s (pacer up to %.1f ms late); delivered %,d"
                                + " (%,d requests) %.1f s after the first event; backlog at the end %d%n",
                        committed.size(), offered, lateNanos.get() / 1e6, delivered, requests.getAndSet(0), drained,
                        server.deliverer().backlog());
                System.out.printf(Locale.ROOT, label + "event commit -> request at the receiver: p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms%n", BenchMachine.percentile(latencies, 50) / 1e6,
                        BenchMachine.percentile(latencies, 99) / 1e6,
                        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
            }
        } finally {
            receiver.stop(0);
        }
    }
}
