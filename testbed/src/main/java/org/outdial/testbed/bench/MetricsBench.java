package org.outdial.testbed.bench;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.metrics.Telemetry;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.metrics.Exposition;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import org.slf4j.LoggerFactory;

/**
 * What {@code /metrics} costs (docs/METRICS.md, docs/BENCHMARKS.md "Metrics"), on loopback
 * against a SIPp UAS, with an in-process server and an H2 file database:
 *
 * <ol>
 *   <li><b>scrape</b>: {@code --campaigns} AUTODIAL/FIXED campaigns dialing at once
 *       ({@code --threads} each, {@code --talk-ms} of silence per call); while they run,
 *       {@code --scrapes} scrapes over HTTP one after another, timed from request to the last
 *       byte (every fifth second one of them also re-reads the campaigns' state counts); p50, p99,
 *       max and the body's size and sample count;</li>
 *   <li><b>call rate, metrics on vs off</b>: one campaign of {@code --rate-threads} threads, calls
 *       completed per second (callsDoneCount) over {@code --window} seconds after {@code --warmup},
 *       with the product's telemetry and with {@link Telemetry#off}, alternated {@code --rounds}
 *       times so that the machine's drift hits both alike; the ratio off/on.</li>
 * </ol>
 *
 * <pre>./outdial bench metrics [--campaigns 10] [--threads 10] [--talk-ms 500] [--scrapes 200]
 *                          [--rate-threads 100] [--warmup 10] [--window 30] [--rounds 2] [--skip-scrape]</pre>
 *
 * <p>With 100 threads of 0.5 s calls the rate is bounded by the threads (about 185 calls/s), not
 * the CPU; {@code --rate-threads 400} makes the two cores the limit, where a cost would show.
 */
public final class MetricsBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRUNK = "sipp";

    private int campaigns = 10;
    private int threads = 10;
    private int talkMillis = 500;
    private int scrapes = 200;
    private int rateThreads = 100;
    private int warmupSeconds = 10;
    private int windowSeconds = 30;
    private int rounds = 2;
    private boolean runScrape = true;
    private final Path scratch;

    private MetricsBench() throws Exception {
        scratch = Files.createTempDirectory("outdial-metrics-bench-");
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        MetricsBench bench = new MetricsBench();
        bench.parse(args);
        System.out.println("== metrics bench: " + BenchMachine.describe());
        if (bench.runScrape) {
            bench.scrapeCost();
        }
        bench.rateOnOff();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--campaigns" -> campaigns = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--talk-ms" -> talkMillis = Integer.parseInt(args[++i]);
                case "--scrapes" -> scrapes = Integer.parseInt(args[++i]);
                case "--rate-threads" -> rateThreads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--window" -> windowSeconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--skip-scrape" -> runScrape = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (" + value
                        + "); see the class javadoc");
            }
        }
    }

    /** A server with a trunk of {@code maxCalls} lines to {@code uas}, with {@code telemetry}. */
    private OutdialServer server(SippProcess uas, int maxCalls, Telemetry telemetry, String name) throws Exception {
        int rtpCount = Math.max(1000, maxCalls * 3); // a call has one leg; the rest is room for closing ones
        int rtpBase = LoopbackPorts.evenRange(rtpCount);
        Path dir = Files.createDirectories(scratch.resolve(name));
        OutdialConfig defaults = OutdialConfig.defaults();
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2File(dir.resolve("db").toString()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtpBase + "-" + (rtpBase + rtpCount - 1)),
                List.of(new TrunkSettings(TRUNK, "127.0.0.1", uas.sipPort(), "udp", null, null, "15550001", "",
                        maxCalls, 10_000)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(10)), new OutdialConfig.Audio(dir.resolve("audio").toString()));
        return OutdialServer.start(config, InstantSource.system(), List.of(), telemetry);
    }

    private static UniTalkClient client(OutdialServer server) {
        return new UniTalkClient(server.port(), new ApiKeys(server.database().dataSource())
                .create("bench", Instant.now()).secret());
    }

    /** A campaign of {@code numbers} numbers from {@code first}: "380", a five-digit serial and SIPp's behaviour. */
    private long campaign(UniTalkClient api, String name, int threadCount, int numbers, int first) {
        if (first < 10_000 || first + numbers > 100_000) {
            throw new IllegalArgumentException("serials must stay five digits, were " + first + ".." + (first + numbers));
        }
        long id = api.add(AutodialerTask.autodial(name).threads(threadCount).silence(Duration.ofMillis(talkMillis)));
        List<String> list = new ArrayList<>(numbers);
        for (int i = 0; i < numbers; i++) {
            list.add("380" + (first + i) + CalleeNumbers.ANSWER);
        }
        api.addNumbers(id, list);
        return id;
    }

    private void scrapeCost() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== 1. scrape: %d AUTODIAL/FIXED campaigns of %d threads dialing SIPp (%d ms of "
                + "silence a call), %d scrapes in a row over HTTP%n", campaigns, threads, talkMillis, scrapes);
        try (SippProcess uas = SippProcess.callee(Duration.ofMinutes(10));
             OutdialServer server = server(uas, campaigns * threads * 2, Telemetry.prometheus(InstantSource.system()),
                     "scrape")) {
            UniTalkClient api = client(server);
            List<Long> ids = new ArrayList<>();
            for (int c = 0; c < campaigns; c++) {
                ids.add(campaign(api, "scrape-" + c, threads, 2_000, 10_000 + c * 2_000));
            }
            TimeUnit.SECONDS.sleep(5); // every campaign has dialed, so every meter exists
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            System.out.println("  while dialing:  " + scrapes(uri) + "; " + server.dialer().inFlight()
                    + " calls in flight at the end");
            for (long id : ids) {
                api.pause(id);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.dialer().inFlight() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.println("  paused, idle:   " + scrapes(uri));
        }
    }

    /** {@code scrapes} scrapes one after another, 20 ms apart; their times and the last body's size. */
    private String scrapes(URI uri) throws Exception {
        long[] nanos = new long[scrapes];
        int bytes = 0;
        int samples = 0;
        for (int i = 0; i < scrapes; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("scrape " + i + ": " + response.statusCode());
            }
            bytes = response.body().length();
            if (i == scrapes - 1) {
                samples = Exposition.parse(response.body()).samples().size();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "scrape time p50 %.2f ms, p99 %.2f ms, max %.2f ms; body %,d bytes, %,d "
                        + "samples; load %s", nanos[scrapes / 2] / 1e6,
                nanos[(int) Math.min(scrapes - 1, Math.ceil(scrapes * 0.99) - 1)] / 1e6, nanos[scrapes - 1] / 1e6,
                bytes, samples, BenchMachine.loadAverage());
    }

    private void rateOnOff() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== 2. call rate, metrics on vs off: one campaign of %d threads, %d ms of silence "
                + "a call, %d s warm-up, %d s window, %d rounds%n", rateThreads, talkMillis, warmupSeconds,
                windowSeconds, rounds);
        double on = 0;
        double off = 0;
        for (int round = 1; round <= rounds; round++) {
            double r = rate(true, round);
            on += r;
            System.out.printf(Locale.ROOT, "  round %d, metrics on:  %.1f calls/s, load %s%n", round, r,
                    BenchMachine.loadAverage());
            r = rate(false, round);
            off += r;
            System.out.printf(Locale.ROOT, "  round %d, metrics off: %.1f calls/s, load %s%n", round, r,
                    BenchMachine.loadAverage());
        }
        System.out.printf(Locale.ROOT, "  mean on %.1f calls/s, off %.1f calls/s, on/off %.3f%n", on / rounds,
                off / rounds, on / off);
    }

    private double rate(boolean metrics, int round) throws Exception {
        InstantSource clock = InstantSource.system();
        int seconds = warmupSeconds + windowSeconds;
        try (SippProcess uas = SippProcess.callee(Duration.ofSeconds(seconds + 120));
             OutdialServer server = server(uas, rateThreads * 2,
                     metrics ? Telemetry.prometheus(clock) : Telemetry.off(clock),
                     "rate-" + (metrics ? "on-" : "off-") + round)) {
            UniTalkClient api = client(server);
            long id = campaign(api, "rate", rateThreads, Math.min(89_000, rateThreads * seconds * 4), 10_000);
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long start = api.callsDone(id);
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(windowSeconds);
            long done = api.callsDone(id) - start;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            api.pause(id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.dialer().inFlight(id) > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            return done / elapsed;
        }
    }
}
