package org.outdial.testbed.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.dialer.NumberClaims;
import org.outdial.engine.dialer.RepeatsClaimable;
import org.outdial.engine.number.NumberBatches;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.outdial.engine.event.TriggerEvent;
import org.slf4j.LoggerFactory;

/**
 * The dialer's figures from issue 4, in one run, on loopback:
 *
 * <ol>
 *   <li><b>raw telephony</b>: {@code --calls} short answered calls kept in flight directly through
 *       {@link SipTelephony} (dial, answer, {@code --talk-ms} of audio, BYE: the steps
 *       {@code AutodialFlow} takes) against a SIPp UAS; completed calls per second over the window
 *       after the warm-up;</li>
 *   <li><b>end to end</b>: an in-process {@link OutdialServer} with an H2 file database and a trunk
 *       to a fresh SIPp UAS, one AUTODIAL/FIXED campaign with threadCount {@code --calls} playing
 *       the same audio, created and loaded over HTTP; calls per second from the call records'
 *       end times over a window of the same length, and the ratio to (1) (goal ≥ 0.8);</li>
 *   <li><b>claims</b>: an autodialer of {@code --million} numbers (H2 file, ADD_NUMBERS over HTTP,
 *       no trunks so nothing dials it); {@link NumberClaims#claim} timed inside the transaction that
 *       locks the autodialer row and reads its state counts, as the dialer does, claiming forward
 *       from the first number and again after the first 100,000 are done (goal p99 ≤ 5 ms).</li>
 * </ol>
 *
 * <pre>./outdial bench dialer [--calls 500] [--warmup 15] [--window 60] [--talk-ms 1000]
 *                         [--million 1000000] [--claims 2000] [--skip-raw] [--skip-campaign]
 *                         [--skip-claims] [--time-limit-min 20] [--webhooks]</pre>
 *
 * <p>{@code --webhooks}: the end-to-end campaign binds a STANDARD_JSON WEBHOOK handler to every
 * call completion event, delivered to a receiver on loopback answering 200 (issue 12: the rate
 * with delivery on, to compare with a run without it).
 */
public final class DialerBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUNK = "sipp";
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(10);
    /** Numbers added per ADD_NUMBERS request when filling the million. */
    private static final int CHUNK = 100_000;

    private int calls = 500;
    private int warmupSeconds = 15;
    private int windowSeconds = 60;
    private int talkMillis = 1000;
    private int million = 1_000_000;
    private int claimRounds = 2000;
    private boolean runRaw = true;
    private boolean runCampaign = true;
    private boolean runClaims = true;
    private int timeLimitMinutes = 20;
    private boolean webhooks;

    private final Path scratch;

    private DialerBench() throws IOException {
        scratch = Files.createTempDirectory("outdial-dialer-bench-");
    }

    public static void main(String[] args) throws Exception {
        DialerBench bench = new DialerBench();
        bench.parse(args);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Runtime.getRuntime().addShutdownHook(new Thread(DialerBench::killChildren, "bench-children"));
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(bench.timeLimitMinutes));
                System.out.println("TIME LIMIT of " + bench.timeLimitMinutes + " min reached: stopping");
                killChildren();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            bench.run();
        } finally {
            watchdog.interrupt();
            killChildren();
            bench.deleteScratch();
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--window" -> windowSeconds = Integer.parseInt(args[++i]);
                case "--talk-ms" -> talkMillis = Integer.parseInt(args[++i]);
                case "--million" -> million = Integer.parseInt(args[++i]);
                case "--claims" -> claimRounds = Integer.parseInt(args[++i]);
                case "--skip-raw" -> runRaw = false;
                case "--skip-campaign" -> runCampaign = false;
                case "--skip-claims" -> runClaims = false;
                case "--time-limit-min" -> timeLimitMinutes = Integer.parseInt(args[++i]);
                case "--webhooks" -> webhooks = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class javadoc");
            }
        }
        if (calls < 1 || calls > 1000 || windowSeconds < 5 || warmupSeconds < 0 || million < 200_000) {
            throw new IllegalArgumentException("--calls 1..1000, --window >= 5, --warmup >= 0, --million >= 200000");
        }
    }

    private void run() throws Exception {
        System.out.println("dialer benchmark (issue 4), " + OffsetDateTime.now().withNano(0));
        System.out.println("machine: " + BenchMachine.describe());
        System.out.println("load: " + loadAverage() + " (1/5/15 min load average before the run)");
        System.out.printf(Locale.ROOT, "settings: calls in flight %d, warm-up %d s, window %d s, audio %d ms of silence "
                        + "per answered call, ring timeout %d s, SIP threads %d, claims %d per case on %,d numbers%n",
                calls, warmupSeconds, windowSeconds, talkMillis, RING_TIMEOUT.toSeconds(), SipSettings.DEFAULT_THREADS,
                claimRounds, million);
        System.out.println("peer: one " + Sipp.version() + " UAS per phase (testbed/sipp/callee.xml, numbers ending "
                + CalleeNumbers.ANSWER + ": 100, 180, 200, RTP echo, waits for BYE) on 127.0.0.1");
        Rate raw = runRaw ? raw() : null;
        Rate endToEnd = runCampaign ? endToEnd() : null;
        List<String> claimLines = runClaims ? claims() : List.of();

        System.out.println();
        System.out.println("RESULTS");
        if (raw != null) {
            System.out.println("  raw telephony:  " + raw);
        }
        if (endToEnd != null) {
            System.out.println("  end to end:     " + endToEnd);
        }
        if (raw != null && endToEnd != null) {
            System.out.printf(Locale.ROOT, "  ratio end-to-end / raw: %.2f by median per-second rate, %.2f by total/elapsed "
                    + "(goal >= 0.8)%n", endToEnd.median / raw.median, endToEnd.mean / raw.mean);
        }
        claimLines.forEach(l -> System.out.println("  " + l));
    }

    /** Completed calls per second over a window: per-second counts, their median, and total / window. */
    private record Rate(int[] perSecond, double median, double mean, long total, long failed, double cpuCores,
                        double machineCpu, String extra) {
        static Rate of(int[] perSecond, long failed, double cpuCores, double machineCpu, String extra) {
            int[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
            long total = Arrays.stream(perSecond).asLongStream().sum();
            return new Rate(perSecond, median, (double) total / perSecond.length, total, failed, cpuCores, machineCpu,
                    extra);
        }

        @Override
        public String toString() {
            int[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%.1f calls/s median of %d one-second rates (min %d, max %d), %.1f calls/s "
                            + "total/elapsed (%d calls in %d s), %d failed; this JVM %.2f cores, machine %.0f%% busy%s",
                    median, perSecond.length, sorted[0], sorted[sorted.length - 1], mean, total, perSecond.length, failed,
                    cpuCores, machineCpu * 100, extra.isEmpty() ? "" : "; " + extra);
        }
    }

    // ---------------------------------------------------------------- 1. raw telephony

    private Rate raw() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== 1. raw telephony: %d answered calls in flight through SipTelephony, %d s warm-up, "
                + "%d s window%n", calls, warmupSeconds, windowSeconds);
        AudioSource audio = AudioSource.silence(Duration.ofMillis(talkMillis));
        int seconds = warmupSeconds + windowSeconds;
        AtomicIntegerArray done = new AtomicIntegerArray(seconds + 120);
        AtomicIntegerArray failed = new AtomicIntegerArray(seconds + 120);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong serial = new AtomicLong(1_000_000);
        int rtpCount = Math.max(1000, calls * 12);
        int rtpBase = LoopbackPorts.evenRange(rtpCount);
        Rate rate;
        try (SippProcess uas = SippProcess.callee(Duration.ofSeconds(seconds + 300))) {
            TrunkSettings trunk = new TrunkSettings(TRUNK, "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                    100_000, 10_000);
            long started;
            long[] cpu = new long[2];
            long[][] jiffies = new long[2][];
            try (MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + rtpCount - 1));
                 SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()),
                         List.of(trunk), new RtpMediaLegs(media));
                 ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                started = System.nanoTime();
                for (int w = 0; w < calls; w++) {
                    workers.submit(() -> {
                        while (running.get()) {
                            String number = CalleeNumbers.withSerial(serial.incrementAndGet(), CalleeNumbers.ANSWER);
                            String why = null;
                            try {
                                CallOutcome outcome = shortAnsweredCall(telephony, number, audio);
                                if (!outcome.answered()) {
                                    why = outcome.outcome() + " " + outcome.sipCode();
                                }
                            } catch (Exception e) {
                                why = e.getClass().getSimpleName();
                            }
                            int second = (int) ((System.nanoTime() - started) / 1_000_000_000L);
                            if (second < done.length()) {
                                (why == null ? done : failed).incrementAndGet(second);
                            }
                            if (why != null) {
                                failures.merge(why, 1, Integer::sum);
                            }
                        }
                        return null;
                    });
                }
                sleepUntil(started, warmupSeconds);
                cpu[0] = BenchMachine.processCpu().toNanos();
                jiffies[0] = BenchMachine.systemCpuJiffies();
                sleepUntil(started, seconds);
                cpu[1] = BenchMachine.processCpu().toNanos();
                jiffies[1] = BenchMachine.systemCpuJiffies();
                running.set(false);
                workers.shutdown();
                if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                    System.out.println("  (calls still in flight 60 s after the window; closing the telephony hangs them up)");
                    workers.shutdownNow();
                }
            }
            int[] perSecond = new int[windowSeconds];
            long failedInWindow = 0;
            for (int s = 0; s < windowSeconds; s++) {
                perSecond[s] = done.get(warmupSeconds + s);
                failedInWindow += failed.get(warmupSeconds + s);
            }
            rate = Rate.of(perSecond, failedInWindow, (cpu[1] - cpu[0]) / 1e9 / windowSeconds,
                    machineShare(jiffies[0], jiffies[1]), failures.isEmpty() ? "" : "failures over the whole run: " + failures);
        }
        System.out.println("  per second: " + Arrays.toString(rate.perSecond));
        System.out.println("  raw telephony: " + rate);
        return rate;
    }

    /**
     * One short answered call as the dialer's AutodialFlow places it: dial, wait for the answer,
     * play the audio, hang up, wait for the outcome. Every wait is bounded.
     */
    static CallOutcome shortAnsweredCall(Telephony telephony, String number, AudioSource audio)
            throws InterruptedException, ExecutionException, TimeoutException {
        Call call = telephony.dial(DialRequest.of(TRUNK, number, RING_TIMEOUT));
        try {
            if (call.answered().get(RING_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                call.play(audio).get(audio.duration().toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            call.hangup();
        }
        return call.outcome().get(60, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- 2. end to end

    private Rate endToEnd() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== 2. end to end: OutdialServer in this JVM, H2 file database, one AUTODIAL/FIXED "
                + "campaign with threadCount %d over HTTP, %d s warm-up, %d s window%n", calls, warmupSeconds, windowSeconds);
        int seconds = warmupSeconds + windowSeconds;
        // Enough for the whole run even at 1.5 calls per line per second; the campaign is cancelled after the window.
        int numbers = (int) Math.min(89_000, (long) calls * (seconds + 20) * 3 / 2);
        int rtpCount = Math.max(1000, calls * 12);
        int rtpBase = LoopbackPorts.evenRange(rtpCount);
        Path dir = Files.createDirectories(scratch.resolve("campaign"));
        try (SippProcess uas = SippProcess.callee(Duration.ofSeconds(seconds + 300))) {
            OutdialConfig defaults = OutdialConfig.defaults();
            OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                    StorageSettings.h2File(dir.resolve("db").toString()),
                    new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtpBase + "-" + (rtpBase + rtpCount - 1)),
                    List.of(new TrunkSettings(TRUNK, "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                            calls * 4, 10_000)),
                    new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                    new OutdialConfig.Dialer(RING_TIMEOUT), new OutdialConfig.Audio(dir.resolve("audio").toString()));
            if (webhooks) { // the receiver is on loopback
                OutdialConfig.Webhooks d = OutdialConfig.Webhooks.defaults();
                config = config.withWebhooks(new OutdialConfig.Webhooks(true, d.timeout(), d.retrySchedule(),
                        d.pollInterval(), d.projectName()));
            }
            System.out.printf(Locale.ROOT, "  server: %s, storage %s, trunk max-calls %d max-cps %d, %d RTP ports, "
                            + "%,d numbers ending %s added in one ADD_NUMBERS%n", "in-process", config.storage().url(),
                    calls * 4, 10_000, rtpCount, numbers, CalleeNumbers.ANSWER);
            try (OutdialServer server = OutdialServer.start(config)) {
                UniTalkClient api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                        .create("bench", Instant.now()).secret());
                WebhookSink sink = webhooks ? WebhookSink.start() : null;
                long id;
                if (sink == null) {
                    id = api.add(campaign("dialer-bench", calls, talkMillis));
                } else {
                    ObjectNode hook = JSON.createObjectNode().put("action", "ADD");
                    hook.putObject("triggerAction").put("name", "bench receiver").put("type", "WEBHOOK")
                            .put("url", sink.url()).put("method", "POST").put("bodyType", "STANDARD_JSON");
                    long handler = api.post("/api/triggerActions/action", hook).path("data").asLong();
                    ObjectNode task = campaign("dialer-bench", calls, talkMillis).json();
                    ObjectNode bindings = task.putObject("triggerActions");
                    for (TriggerEvent event : TriggerEvent.seedEvents()) {
                        if (event.concernsNumber()) {
                            bindings.putArray(event.name()).add(handler);
                        }
                    }
                    ObjectNode add = UniTalkClient.request("ADD");
                    add.set("task", task);
                    id = api.action(add).path("data").asLong();
                    System.out.println("  webhooks ON: every call completion event to " + sink.url());
                }
                List<String> list = new ArrayList<>(numbers);
                for (int i = 0; i < numbers; i++) {
                    // "380" + a five-digit serial + the SIPp behaviour: 12 digits, a possible Ukrainian number.
                    list.add("380" + (10_000 + i) + CalleeNumbers.ANSWER);
                }
                long addStart = System.nanoTime();
                addAll(api, id, list);
                Instant started = Instant.now();
                long startedNanos = System.nanoTime();
                System.out.printf(Locale.ROOT, "  ADD_NUMBERS of %,d took %.2f s; dialing starts%n", numbers,
                        (startedNanos - addStart) / 1e9);

                sleepUntil(startedNanos, warmupSeconds);
                long doneAtStart = api.callsDone(id);
                long cpu0 = BenchMachine.processCpu().toNanos();
                long[] j0 = BenchMachine.systemCpuJiffies();
                long dialerCpu0 = threadCpu("outdial-dialer");
                List<Integer> inFlight = new ArrayList<>();
                long windowEndNanos = startedNanos + TimeUnit.SECONDS.toNanos(seconds);
                do {
                    inFlight.add(server.dialer().inFlight(id));
                    Thread.sleep(100);
                } while (System.nanoTime() < windowEndNanos);
                long doneAtEnd = api.callsDone(id);
                long cpu1 = BenchMachine.processCpu().toNanos();
                long[] j1 = BenchMachine.systemCpuJiffies();
                long dialerCpu1 = threadCpu("outdial-dialer");
                String status = api.status(id);
                // PAUSE, not CANCEL: it lets the calls in flight finish and record, and marks nothing.
                api.pause(id);
                long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.dialer().inFlight(id) > 0 && System.nanoTime() < stopDeadline) {
                    Thread.sleep(100);
                }

                long unrecorded = new Transactor(server.database().dataSource()).read(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*) FROM autodial_number WHERE autodialer_id = ? AND state = 'DIALING'")) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
                Instant windowStart = started.plusSeconds(warmupSeconds);
                int[] perSecond = new int[windowSeconds];
                long[] failed = new long[1];
                Map<String, Integer> states = new TreeMap<>();
                Transactor db = new Transactor(server.database().dataSource());
                db.read(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT state, call_end_time FROM call_record WHERE autodialer_id = ?")) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                long ms = Duration.between(windowStart, rs.getTimestamp(2).toInstant()).toMillis();
                                if (ms < 0 || ms >= windowSeconds * 1000L) {
                                    continue;
                                }
                                String state = rs.getString(1);
                                states.merge(state, 1, Integer::sum);
                                if (state.equals(NumberState.ANSW_RJCT.name())) {
                                    perSecond[(int) (ms / 1000)]++;
                                } else {
                                    failed[0]++;
                                }
                            }
                        }
                    }
                    return null;
                });
                int[] sortedInFlight = inFlight.stream().mapToInt(Integer::intValue).sorted().toArray();
                String extra = String.format(Locale.ROOT, "callsDoneCount over the window %d (%.1f/s); calls in flight "
                                + "during the window min %d / median %d / max %d of %d; dialer loop thread %.0f%% of a core; "
                                + "status at the end %s; call records in the window by state %s; numbers left DIALING after the "
                                + "calls ended (dialed, not recorded) %d",
                        doneAtEnd - doneAtStart, (doneAtEnd - doneAtStart) / (double) windowSeconds,
                        sortedInFlight[0], sortedInFlight[sortedInFlight.length / 2],
                        sortedInFlight[sortedInFlight.length - 1], calls,
                        (dialerCpu1 - dialerCpu0) / 1e9 / windowSeconds * 100, status, states, unrecorded);
                Rate rate = Rate.of(perSecond, failed[0], (cpu1 - cpu0) / 1e9 / windowSeconds, machineShare(j0, j1),
                        extra);
                System.out.println("  per second (call_record.call_end_time): " + Arrays.toString(perSecond));
                System.out.println("  end to end: " + rate);
                if (sink != null) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (server.deliverer().backlog() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    System.out.printf(Locale.ROOT, "  webhooks: %,d requests received (%,d distinct events), backlog"
                            + " %d after the calls ended%n", sink.requests(), sink.distinct(), server.deliverer().backlog());
                    sink.close();
                }
                return rate;
            }
        }
    }

    // ---------------------------------------------------------------- 3. claims

    private List<String> claims() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== 3. claims: NumberClaims.claim on an autodialer of %,d numbers (H2 file, in-process "
                + "server without trunks, numbers added over HTTP)%n", million);
        Path dir = Files.createDirectories(scratch.resolve("claims"));
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2File(dir.resolve("db").toString()), defaults.sip(), List.of(),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                defaults.dialer(), new OutdialConfig.Audio(dir.resolve("audio").toString()));
        List<String> results = new ArrayList<>();
        try (OutdialServer server = OutdialServer.start(config)) {
            UniTalkClient api = new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                    .create("bench", Instant.now()).secret());
            // earlyStart with a repeat rule: the dialer then also asks for due retries (up to 1,000,000 numbers).
            ObjectNode repeat = JSON.createObjectNode().put("earlyStart", true).put("highPriority", false);
            repeat.putObject("statesSettings").putObject("BUSY").put("attempts", 3).put("intervalMinutes", 60);
            long id = api.add(campaign("claims-bench", calls, talkMillis).repeatCalls(repeat));
            long fill = System.nanoTime();
            for (int from = 0; from < million; from += CHUNK) {
                List<String> chunk = new ArrayList<>(CHUNK);
                for (int i = from; i < Math.min(million, from + CHUNK); i++) {
                    chunk.add("380" + (600_000_000L + i));
                }
                addAll(api, id, chunk);
            }
            awaitWrittenOut(api, id, million);
            System.out.printf(Locale.ROOT, "  filled with %,d numbers over HTTP (%d ADD_NUMBERS of %,d) in %.1f s, "
                            + "until all were rows%n",
                    million, (million + CHUNK - 1) / CHUNK, CHUNK, (System.nanoTime() - fill) / 1e9);

            Transactor db = new Transactor(server.database().dataSource());
            CampaignRepository campaigns = new CampaignRepository();
            StateCounts counts = new StateCounts();
            NumberClaims claims = new NumberClaims(new NumberRepository(), counts);
            Claimer claimer = new Claimer(db, campaigns, counts, claims, id);
            claimer.time(50, 200); // warm-up, not reported: JIT and H2's page cache
            claimer.restore();
            claimer.explain();

            results.add(claimer.report("from the start", 1, claimRounds));
            results.add(claimer.report("from the start", 50, claimRounds / 2));
            claimer.restore();

            long firstId = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM autodial_number WHERE autodialer_id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            Instant now = Instant.now();
            int[] marked = db.inTransaction(c -> {
                // The first 100,000 are done: 90% answered and closed, 10% busy with a retry due in an hour.
                int answered;
                int busy;
                try (PreparedStatement ps = c.prepareStatement("UPDATE autodial_number SET state = 'ANSW_RJCT', "
                        + "state_at = ?, called_count = 1 WHERE autodialer_id = ? AND id >= ? AND id < ? AND MOD(id, 10) <> 0")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setLong(2, id);
                    ps.setLong(3, firstId);
                    ps.setLong(4, firstId + 100_000);
                    answered = ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE autodial_number SET state = 'BUSY', state_at = ?, "
                        + "called_count = 1, next_attempt_at = ? WHERE autodialer_id = ? AND id >= ? AND id < ? AND MOD(id, 10) = 0")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now.plus(Duration.ofHours(1))));
                    ps.setLong(3, id);
                    ps.setLong(4, firstId);
                    ps.setLong(5, firstId + 100_000);
                    busy = ps.executeUpdate();
                }
                counts.move(c, id, NumberState.NEW, NumberState.ANSW_RJCT, answered);
                counts.move(c, id, NumberState.NEW, NumberState.BUSY, busy);
                return new int[] {answered, busy};
            });
            System.out.printf(Locale.ROOT, "  marked the first 100,000 done: %,d ANSW_RJCT, %,d BUSY with a retry due in 1 h%n",
                    marked[0], marked[1]);
            results.add(claimer.report("after 100,000 done", 1, claimRounds));
            results.add(claimer.report("after 100,000 done", 50, claimRounds / 2));
        }
        return results;
    }

    /**
     * Claims as the dialer does: one transaction that locks the row, checks that no accepted
     * numbers are still being written out, reads the counts, claims.
     */
    private static final class Claimer {
        private final Transactor db;
        private final CampaignRepository campaigns;
        private final StateCounts counts;
        private final NumberClaims claims;
        private final NumberBatches batches = new NumberBatches();
        private final long id;

        Claimer(Transactor db, CampaignRepository campaigns, StateCounts counts, NumberClaims claims, long id) {
            this.db = db;
            this.campaigns = campaigns;
            this.counts = counts;
            this.claims = claims;
            this.id = id;
        }

        /** Claims {@code batch} numbers {@code rounds} times; returns [claim ns..., transaction ns...]. */
        long[][] time(int batch, int rounds) {
            long[] claim = new long[rounds];
            long[] whole = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                int round = r;
                long t0 = System.nanoTime();
                int got = db.inTransaction(c -> {
                    Campaign locked = campaigns.lock(c, id).orElseThrow();
                    if (batches.pending(c, id)) {
                        throw new IllegalStateException("numbers still being written out"); // the dialer would not claim
                    }
                    boolean retries = RepeatsClaimable.now(locked.settings().common().repeatCallsSettings(), counts.of(c, id));
                    long t1 = System.nanoTime();
                    int size = claims.claim(c, id, batch, Instant.now(), retries, n -> NumberClaims.call()).toCall().size();
                    claim[round] = System.nanoTime() - t1;
                    return size;
                });
                whole[r] = System.nanoTime() - t0;
                if (got != batch) {
                    throw new IllegalStateException("claimed " + got + " of " + batch);
                }
            }
            return new long[][] {claim, whole};
        }

        String report(String when, int batch, int rounds) {
            long[][] t = time(batch, rounds);
            long[] claim = t[0].clone();
            long[] whole = t[1].clone();
            Arrays.sort(claim);
            Arrays.sort(whole);
            String line = String.format(Locale.ROOT, "claim %2d, %s, %d claims forward: claim() p50 %.2f p99 %.2f max %.2f ms; "
                            + "whole transaction (lock, counts, claim, commit) p50 %.2f p99 %.2f max %.2f ms (goal p99 <= 5 ms)",
                    batch, when, rounds, ms(BenchMachine.percentile(claim, 50)), ms(BenchMachine.percentile(claim, 99)),
                    ms(claim[claim.length - 1]), ms(BenchMachine.percentile(whole, 50)),
                    ms(BenchMachine.percentile(whole, 99)), ms(whole[whole.length - 1]));
            System.out.println("  " + line);
            return line;
        }

        /** Prints the database's plan, with rows scanned, for the claim's two candidate queries (NumberClaims' SQL). */
        void explain() {
            Timestamp now = Timestamp.from(Instant.now());
            db.read(c -> {
                for (String sql : List.of("SELECT id FROM autodial_number WHERE autodialer_id = ? AND state = 'NEW' "
                                + "AND high_priority = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                                + "ORDER BY autodialer_id, state, high_priority, id LIMIT ?",
                        "SELECT id FROM autodial_number WHERE autodialer_id = ? AND next_attempt_at >= ? "
                                + "AND next_attempt_at <= ? AND state <> 'NEW' AND state <> 'DIALING' "
                                + "ORDER BY autodialer_id, next_attempt_at, id LIMIT ?")) {
                    try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                        ps.setLong(1, id);
                        if (sql.contains("high_priority")) {
                            ps.setBoolean(2, false);
                            ps.setTimestamp(3, now);
                            ps.setInt(4, 100);
                        } else {
                            ps.setTimestamp(2, Timestamp.from(Instant.EPOCH));
                            ps.setTimestamp(3, now);
                            ps.setInt(4, 100);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                System.out.println("  plan: " + rs.getString(1).replaceAll("\\s+", " "));
                            }
                        }
                    }
                }
                return null;
            });
        }

        /** Puts every DIALING number back to NEW, so the next case starts from the same place. */
        void restore() {
            db.inTransaction(c -> {
                int n;
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE autodial_number SET state = 'NEW' WHERE autodialer_id = ? AND state = 'DIALING'")) {
                    ps.setLong(1, id);
                    n = ps.executeUpdate();
                }
                counts.move(c, id, NumberState.DIALING, NumberState.NEW, n);
                return null;
            });
        }

        private static double ms(double nanos) {
            return nanos / 1e6;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** ADD_NUMBERS that must add every one of {@code numbers}. */
    private static void addAll(UniTalkClient api, long id, List<String> numbers) {
        int added = api.addNumbers(id, numbers);
        if (added != numbers.size()) {
            throw new IllegalStateException("ADD_NUMBERS added " + added + " of " + numbers.size());
        }
    }

    /**
     * Returns once the autodialer's {@code count} accepted numbers are all rows: GET_NUMBERS
     * waits for the write-out that follows ADD_NUMBERS's answer.
     */
    private static void awaitWrittenOut(UniTalkClient api, long id, int count) {
        JsonNode last = api.numbers(id, 1, count - 1);
        if (last.size() != 1) {
            throw new IllegalStateException("number " + count + " not readable: " + last);
        }
    }

    /** An AUTODIAL/FIXED campaign open around the clock every day, playing {@code talkMillis} of silence. */
    private static AutodialerTask campaign(String name, int threads, int talkMillis) {
        return AutodialerTask.autodial(name).threads(threads).silence(Duration.ofMillis(talkMillis));
    }

    private static void sleepUntil(long startedNanos, int seconds) throws InterruptedException {
        long wait = startedNanos + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** CPU time of the first live thread with this name, in nanoseconds, or 0. */
    private static long threadCpu(String name) {
        var threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                return Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }

    private static double machineShare(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? 0 : (double) (after[0] - before[0]) / total;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Kills what this JVM started (SIPp), children first; returns how many were alive. */
    private static int killChildren() {
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive.size();
    }

    private void deleteScratch() {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("(could not delete " + scratch + ": " + e + ")");
        }
    }
}
