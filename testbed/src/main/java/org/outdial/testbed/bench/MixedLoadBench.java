package org.outdial.testbed.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.slf4j.LoggerFactory;

/**
 * API latency while a campaign dials (issue 9, part 12), on loopback, in one JVM: an in-process
 * {@link OutdialServer} (H2 file), a SIPp UAS, one AUTODIAL/FIXED campaign of {@code --threads}
 * lines playing {@code --talk-ms} of silence, and an open-loop API load of {@code --rate}
 * requests per second, a quarter each of GET_LIST, GET_NUMBERS (limit 50 at a random page of the
 * dialing campaign's first 2,000), GET_CALLS_HISTORY (limit 50 of the dialing campaign's records of
 * the last 10 s, as a client polling for new records asks) and ADD_NUMBERS
 * ({@code --add-size} new numbers into a second campaign whose calling window has not opened, so it
 * never dials). ADD_NUMBERS comes from one writer, one request at a time: a slot that finds it busy
 * is skipped and counted.
 *
 * <p>After a warm-up (dialing only, or for its last {@code --api-warmup} seconds dialing under the
 * API load too, not counted, so that the first measured window is not the API's JIT warm-up) the
 * run alternates windows of dialing alone and dialing under the API load
 * ({@code --rounds} pairs), and reports per window the dialing rate (median of one-second rates
 * from {@code call_record.call_end_time}) and, under load, each action's latency p50/p95/p99/max
 * (from the request being sent to the whole answer read). Goal: API p99 ≤ 50 ms at 200/s while
 * dialing ≥ 150 calls/s, the rate under load within 5 % of the rate alone.
 *
 * <p>{@code --jfr FILE} records the first loaded window with JFR's profile settings plus every
 * monitor enter and park over 5 ms ({@code jfr print --events jdk.ThreadPark FILE}).
 *
 * <pre>./outdial bench mixed-load [--threads 170] [--talk-ms 1000] [--rate 200] [--add-size 10]
 *                             [--warmup 15] [--api-warmup 0] [--window 30] [--rounds 2] [--jfr FILE]</pre>
 */
public final class MixedLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUNK = "sipp";
    /** GET_NUMBERS pages through the first numbers: OFFSET costs a walk of that many index entries. */
    private static final int PAGED = 2_000;
    /** GET_CALLS_HISTORY asks for the last seconds' records, as a client polling for new ones does. */
    private static final Duration HISTORY = Duration.ofSeconds(10);
    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> ACTIONS = List.of("GET_LIST", "GET_NUMBERS", "GET_CALLS_HISTORY", "ADD_NUMBERS");

    private int threads = 170;
    private int talkMillis = 1000;
    private int rate = 200;
    private int addSize = 10;
    private int warmupSeconds = 15;
    private int apiWarmupSeconds = 0;
    private int windowSeconds = 30;
    private int rounds = 2;
    private Path jfr;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final AtomicLong serial = new AtomicLong();

    public static void main(String[] args) throws Exception {
        MixedLoadBench bench = new MixedLoadBench();
        bench.parse(args);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path scratch = Files.createTempDirectory("outdial-mixed-load-");
        try {
            bench.run(scratch);
        } finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            try (var files = Files.walk(scratch)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--talk-ms" -> talkMillis = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--add-size" -> addSize = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--api-warmup" -> apiWarmupSeconds = Integer.parseInt(args[++i]);
                case "--window" -> windowSeconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class javadoc");
            }
        }
        if (threads < 1 || threads > 1000 || rate < 4 || addSize < 1 || windowSeconds < 5 || rounds < 1
                || apiWarmupSeconds < 0 || apiWarmupSeconds > warmupSeconds) {
            throw new IllegalArgumentException("--threads 1..1000, --rate >= 4, --add-size >= 1, --window >= 5, --rounds >= 1, "
                    + "--api-warmup 0..warmup");
        }
    }

    private void run(Path scratch) throws Exception {
        System.out.println("mixed-load benchmark (issue 9, part 12), " + OffsetDateTime.now().withNano(0));
        System.out.println("machine: " + BenchMachine.describe());
        System.out.println("load: " + BenchMachine.loadAverage() + " (1/5/15 min load average before the run)");
        System.out.printf(Locale.ROOT, "settings: threadCount %d, %d ms of silence per answered call, API %d requests/s "
                        + "(GET_LIST, GET_NUMBERS, GET_CALLS_HISTORY, ADD_NUMBERS of %d: a quarter each), warm-up %d s, "
                        + "%d x (%d s alone, %d s under load)%n", threads, talkMillis, rate, addSize, warmupSeconds, rounds,
                windowSeconds, windowSeconds);
        System.out.println("peer: " + Sipp.version() + " UAS (testbed/sipp/callee.xml, numbers ending " + CalleeNumbers.ANSWER
                + ") on 127.0.0.1");
        int seconds = warmupSeconds + 2 * rounds * windowSeconds;
        // Enough numbers for the whole run at 1.5 calls per line per second of talk.
        int numbers = (int) Math.min(89_000, (long) threads * 1500 / talkMillis * (seconds + 30));
        int rtpCount = Math.max(1000, threads * 12);
        int rtpBase = LoopbackPorts.evenRange(rtpCount);
        try (SippProcess uas = SippProcess.callee(Duration.ofSeconds(seconds + 600))) {
            OutdialConfig defaults = OutdialConfig.defaults();
            OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                    StorageSettings.h2File(scratch.resolve("db").toString()),
                    new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtpBase + "-" + (rtpBase + rtpCount - 1)),
                    List.of(new TrunkSettings(TRUNK, "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                            threads * 4, 10_000)),
                    new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                    defaults.dialer(), new OutdialConfig.Audio(scratch.resolve("audio").toString()));
            try (OutdialServer server = OutdialServer.start(config)) {
                String key = new ApiKeys(server.database().dataSource()).create("bench", Instant.now()).secret();
                UniTalkClient client = new UniTalkClient(server.port(), key);
                RawSender api = new RawSender(http, client.actionUri(), key);
                long dialing = client.add(AutodialerTask.autodial("mixed-load").threads(threads)
                        .silence(Duration.ofMillis(talkMillis)));
                // A window that opens in 2098: numbers go in, nothing is dialed.
                long other = client.add(AutodialerTask.autodial("mixed-load-adds").threads(1)
                        .dates(LocalDate.of(2098, 1, 1), LocalDate.of(2099, 12, 31)).silence(Duration.ofMillis(talkMillis)));
                List<String> list = new ArrayList<>(numbers);
                for (int i = 0; i < numbers; i++) {
                    list.add("380" + (10_000 + i) + CalleeNumbers.ANSWER);
                }
                int added = client.addNumbers(dialing, list);
                if (added != numbers) {
                    throw new IllegalStateException("ADD_NUMBERS added " + added + " of " + numbers);
                }
                long started = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %,d numbers added; dialing starts%n", numbers);
                Load load = new Load(api, dialing, other, numbers);
                sleepUntil(started, warmupSeconds - apiWarmupSeconds);
                if (apiWarmupSeconds > 0) {
                    // The API's code paths compile under the same load they are then measured in;
                    // these requests are not counted.
                    load.run(started, warmupSeconds);
                }
                List<String> lines = new ArrayList<>();
                double[] alone = new double[rounds];
                double[] loaded = new double[rounds];
                LatencyRecorder total = new LatencyRecorder(ACTIONS);
                for (int round = 0; round < rounds; round++) {
                    Instant from = Instant.now();
                    Cpu cpu = Cpu.now();
                    sleepUntil(started, warmupSeconds + (2 * round + 1) * windowSeconds);
                    String used = cpu.since();
                    alone[round] = dialingRate(server.database().dataSource(), dialing, from, windowSeconds);
                    lines.add(String.format(Locale.ROOT, "round %d, dialing alone: %.1f calls/s (%s; load %s)", round + 1,
                            alone[round], used, BenchMachine.loadAverage()));
                    System.out.println("  " + lines.getLast());
                    Recording recording = round == 0 && jfr != null ? startJfr() : null;
                    from = Instant.now();
                    cpu = Cpu.now();
                    LatencyRecorder recorder = load.run(started, warmupSeconds + (2 * round + 2) * windowSeconds);
                    used = cpu.since();
                    if (recording != null) {
                        recording.dump(jfr);
                        recording.close();
                        System.out.println("  JFR of this window: " + jfr);
                    }
                    loaded[round] = dialingRate(server.database().dataSource(), dialing, from, windowSeconds);
                    lines.add(String.format(Locale.ROOT, "round %d, dialing under API load: %.1f calls/s (%.2f of alone; "
                            + "%s; load %s)", round + 1, loaded[round], loaded[round] / alone[round], used,
                            BenchMachine.loadAverage()));
                    System.out.println("  " + lines.getLast());
                    lines.addAll(recorder.report("round " + (round + 1) + " "));
                    recorder.report("").forEach(l -> System.out.println("    " + l));
                    total.addAll(recorder);
                }
                client.action(UniTalkClient.request("PAUSE", dialing));
                System.out.println();
                System.out.println("RESULTS");
                lines.forEach(l -> System.out.println("  " + l));
                System.out.printf(Locale.ROOT, "  all rounds: dialing alone median %.1f calls/s, under load %.1f calls/s, "
                        + "ratio %.3f (goal >= 0.95, and >= 150 calls/s)%n", median(alone), median(loaded),
                        median(loaded) / median(alone));
                total.report("all rounds ").forEach(l -> System.out.println("  " + l + " (goal p99 <= 50 ms)"));
            }
        }
    }

    /** The API load: a scheduler that sends one request per slot, in the order of {@link #ACTIONS}. */
    private final class Load {
        private final RawSender api;
        private final long dialing;
        private final long other;
        private final int numbers;
        private final AtomicBoolean writerBusy = new AtomicBoolean();
        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

        Load(RawSender api, long dialing, long other, int numbers) {
            this.api = api;
            this.dialing = dialing;
            this.other = other;
            this.numbers = numbers;
        }

        /** Sends {@code rate} requests per second until {@code untilSecond} after {@code started}. */
        LatencyRecorder run(long started, int untilSecond) throws InterruptedException {
            LatencyRecorder recorder = new LatencyRecorder(ACTIONS);
            long end = started + TimeUnit.SECONDS.toNanos(untilSecond);
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int slot = 0; next < end; slot++, next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String action = ACTIONS.get(slot % ACTIONS.size());
                if (action.equals("ADD_NUMBERS") && !writerBusy.compareAndSet(false, true)) {
                    recorder.skipped.incrementAndGet();
                    continue;
                }
                sent.add(senders.submit(() -> send(action, recorder)));
            }
            for (var future : sent) {
                try {
                    future.get(2, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    recorder.failed.incrementAndGet();
                }
            }
            return recorder;
        }

        private void send(String action, LatencyRecorder recorder) {
            ObjectNode body = switch (action) {
                case "GET_LIST" -> UniTalkClient.request("GET_LIST");
                case "GET_NUMBERS" -> UniTalkClient.request("GET_NUMBERS", dialing).put("limit", 50)
                        .put("offset", 50 * ThreadLocalRandom.current().nextInt(Math.min(numbers, PAGED) / 50));
                case "GET_CALLS_HISTORY" -> {
                    ObjectNode b = UniTalkClient.request("GET_CALLS_HISTORY", dialing);
                    String from = LocalDateTime.now().minus(HISTORY).withNano(0).format(SEED_TIME);
                    b.putObject("callHistoryRequest").put("dateFrom", from).put("limit", 50);
                    yield b;
                }
                default -> {
                    ObjectNode b = UniTalkClient.request("ADD_NUMBERS", other);
                    ArrayNode phones = b.putArray("numbers");
                    for (int i = 0; i < addSize; i++) {
                        phones.add("38050" + (1_000_000 + serial.incrementAndGet()));
                    }
                    yield b;
                }
            };
            long t0 = System.nanoTime();
            try {
                api.send(body);
                recorder.add(action, System.nanoTime() - t0);
            } catch (IOException | RuntimeException e) {
                recorder.failed.incrementAndGet();
                System.out.println("  " + action + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (action.equals("ADD_NUMBERS")) {
                    writerBusy.set(false);
                }
            }
        }
    }

    /** This JVM's CPU time and the machine's busy jiffies at one moment. */
    private record Cpu(long nanos, long wall, long[] jiffies) {
        static Cpu now() {
            return new Cpu(BenchMachine.processCpu().toNanos(), System.nanoTime(), BenchMachine.systemCpuJiffies());
        }

        /** "this JVM x.xx cores, machine yy% busy" since this moment. */
        String since() {
            Cpu end = now();
            long total = end.jiffies[1] - jiffies[1];
            return String.format(Locale.ROOT, "this JVM %.2f cores, machine %.0f%% busy",
                    (double) (end.nanos - nanos) / (end.wall - wall),
                    total <= 0 ? 0 : 100.0 * (end.jiffies[0] - jiffies[0]) / total);
        }
    }

    /** Median one-second rate of calls that ended in {@code [from, from + seconds)}. */
    private static double dialingRate(DataSource dataSource, long id, Instant from, int seconds) throws Exception {
        // The calls of the window's last second are recorded a moment after it ends.
        Thread.sleep(500);
        int[] perSecond = new int[seconds];
        try (var c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT call_end_time FROM call_record WHERE autodialer_id = ? "
                     + "AND call_end_time >= ? AND call_end_time < ?")) {
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(from.plusSeconds(seconds)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    perSecond[(int) (Duration.between(from, rs.getTimestamp(1).toInstant()).toMillis() / 1000)]++;
                }
            }
        }
        Arrays.sort(perSecond);
        return seconds % 2 == 1 ? perSecond[seconds / 2] : (perSecond[seconds / 2 - 1] + perSecond[seconds / 2]) / 2.0;
    }

    private static Recording startJfr() throws Exception {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(5)).withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(5)).withStackTrace();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(5)).withStackTrace();
        recording.start();
        return recording;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static void sleepUntil(long startedNanos, int seconds) throws InterruptedException {
        long wait = startedNanos + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    /**
     * The load's requests, sent without parsing the answer, to spend this shared machine's CPU on
     * the server rather than on the client (the set-up uses {@link UniTalkClient}, which parses).
     * UniTalk answers every error with a status other than 200, so the status is the check.
     */
    private record RawSender(HttpClient http, URI uri, String key) {

        byte[] send(ObjectNode body) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(2)).header("Authorization", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        }
    }
}
