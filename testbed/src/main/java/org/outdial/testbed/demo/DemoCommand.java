package org.outdial.testbed.demo;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.config.ConfigLoader;
import org.outdial.api.config.OutdialConfig;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.server.ConfigFile;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * {@code ./outdial demo}: the whole product on this machine with nothing set up. It starts the
 * simulated carrier as a separate process, Outdial in this process with an H2 database in a fresh
 * folder, and then acts as a user would over HTTP: uploads an audio, creates an AUTODIAL campaign,
 * adds numbers, and watches the campaign until it finishes. Ctrl-C stops everything it started.
 */
public final class DemoCommand {

    /** Short so the demo ends in time; the output says production should use at least 15 s. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LIVE_REFRESH = Duration.ofMillis(500);
    private static final Duration PLAIN_REFRESH = Duration.ofSeconds(5);
    private static final int RTP_PORTS = 600;
    private static final String TRUNK = "carrier";

    private final DemoOptions options;
    private final PrintStream out;
    private final Path dataRoot;
    private final boolean logsToFolder;
    private final Instant started = Instant.now();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch keepRunning = new CountDownLatch(1);
    private volatile boolean interrupted;
    private volatile CarrierProcess carrier;
    private volatile OutdialServer server;

    DemoCommand(DemoOptions options, PrintStream out) {
        this(options, out, Path.of("demo-data"), true);
    }

    /**
     * @param dataRoot     where the run's folder is made ({@code ./demo-data} for users)
     * @param logsToFolder send this JVM's logs to the run's folder (off in tests, which keep their own)
     */
    DemoCommand(DemoOptions options, PrintStream out, Path dataRoot, boolean logsToFolder) {
        this.options = options;
        this.out = out;
        this.dataRoot = dataRoot;
        this.logsToFolder = logsToFolder;
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, stdoutIsTerminal());
        } catch (IllegalArgumentException e) {
            System.err.println("outdial demo: " + e.getMessage());
            System.err.print(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoCommand demo = new DemoCommand(options, System.out);
        Thread hook = new Thread(demo::onCtrlC, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = 1;
        try {
            code = demo.run();
        } catch (Throwable t) {
            // Never leave the server's threads (and so this JVM) running after the demo is over.
            System.out.println("outdial demo failed: " + t);
        } finally {
            demo.stopEverything();
            System.exit(code);
        }
    }

    /** Runs the demo; the exit code. Everything started is stopped by {@link #stopEverything()}. */
    int run() {
        try {
            runSteps();
            return 0;
        } catch (Exception e) {
            if (interrupted) {
                return 130;
            }
            out.println();
            out.println("outdial demo failed: " + e.getMessage());
            out.println("The logs are in the demo folder (outdial.log, carrier.log).");
            return 1;
        }
    }

    private void runSteps() throws Exception {
        Path dir = dataRoot.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))
                .toAbsolutePath();
        Files.createDirectories(dir);
        if (logsToFolder) {
            DemoLogging.toFile(dir.resolve("outdial.log"));
        }
        ZoneId zone = ZoneId.systemDefault();
        out.println("Outdial demo: a real campaign end to end on this machine, everything on 127.0.0.1.");
        out.println("  folder: " + relative(dir) + " (database, audio, outdial.yaml, outdial.log, carrier.log)");

        int carrierPort = LoopbackPorts.sipPort();
        out.printf("%n[1/6] Simulated carrier: starting it as a separate process on 127.0.0.1:%d ...%n", carrierPort);
        carrier = CarrierProcess.start(carrierPort, options.seed(), dir.resolve("carrier.log"), Duration.ofSeconds(30));
        out.printf("      listening (pid %d). It answers 55%% of numbers after 1-4 s of ringing and echoes the audio,%n"
                + "      lets 15%% ring until Outdial gives up, and is busy, unknown, unreachable, declining or failing%n"
                + "      for the rest; each number always behaves the same way (seed %d).%n", carrier.pid(), options.seed());

        int sipPort = LoopbackPorts.sipPort();
        int rtpFrom = LoopbackPorts.evenRange(RTP_PORTS);
        Path yaml = configFile(dir, sipPort, rtpFrom, carrierPort).write();
        OutdialConfig config = ConfigLoader.load(yaml, Map.of());
        out.printf("%n[2/6] Outdial: starting the server in this process with %s%n", relative(yaml));
        server = OutdialServer.start(config);
        String key = new ApiKeys(server.database().dataSource()).create("demo", Instant.now()).secret();
        UniTalkClient api = new UniTalkClient(server.port(), key);
        out.printf("      HTTP API on http://127.0.0.1:%d/api, SIP on 127.0.0.1:%d, RTP ports %d-%d, H2 database in the folder.%n",
                server.port(), sipPort, rtpFrom, rtpFrom + RTP_PORTS - 1);
        out.printf("      API key created for the demo: %s%n", key);

        out.printf("%n[3/6] Audio: POST /api/audio/upload with a 1.5 s chime the demo synthesized as a WAV file%n");
        long audioId = api.uploadAudio("demo-chime", DemoMelody.wav());
        out.printf("      audio id %d%n", audioId);

        String name = "Outdial demo " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        out.printf("%n[4/6] Campaign: POST /api/autodial/action ADD, AUTODIAL in FIXED mode, threadCount %d,%n"
                + "      open every day 00:00-24:00 in %s, playing the chime to whoever answers%n", options.threads(), zone);
        LocalDate today = LocalDate.now(zone);
        long campaign = api.add(AutodialerTask.autodial(name).threads(options.threads()).with("callDelay", 0)
                .with("delay", 0).dates(today.minusDays(1), today.plusDays(7)).timeZone(zone).audio(audioId));
        out.printf("      campaign id %d, \"%s\"%n", campaign, name);

        List<String> numbers = numbers(options.numbers());
        out.printf("%n[5/6] Numbers: ADD_NUMBERS with %,d Ukrainian mobile numbers (%s, %s, ...)%n", numbers.size(),
                numbers.get(0), numbers.get(1));
        int added = api.addNumbers(campaign, numbers);
        String plan = ProgressView.carrierPlan(CalleeMix.realistic(options.seed()), numbers);
        out.printf("      %,d added%n", added);

        out.printf("%n[6/6] Dialing through the trunk \"%s\". Ring timeout %d s: short for the demo; in production%n"
                + "      use at least 15 s (the usual legal minimum, see docs/CONFIGURATION.md, dialer.ring-timeout).%n%n",
                TRUNK, RING_TIMEOUT.toSeconds());
        CampaignSnapshot last = watch(api, campaign);

        Duration took = Duration.between(started, Instant.now());
        out.println();
        if (last.finished()) {
            out.printf("Campaign FINISHED; the whole demo took %d:%02d. Final statistics from GET_LIST:%n%n",
                    took.toMinutes(), took.toSecondsPart());
        } else {
            out.printf("Time cap of %d s reached with the campaign %s, %d of %d numbers done. Statistics so far:%n%n",
                    options.cap().toSeconds(), last.status(), last.done(), last.total());
            if (last.calls() == 0) {
                out.println("  No call was made: is the dialing engine in this build? (the campaign stays WAITING");
                out.println("  without it). See outdial.log in the demo folder.");
                out.println();
            }
        }
        out.print(ProgressView.table(last));
        out.printf("%nWhat the carrier was told to do with these numbers (seed %d):%n  %s%n", options.seed(), plan);
        printCurls(api, campaign, key, yaml);

        if (options.keepRunning()) {
            out.printf("%nThe server and the carrier keep running (--keep-running): try the commands above. Ctrl-C stops everything.%n");
            keepRunning.await();
        }
    }

    /** Polls GET_LIST until the campaign finishes or the time cap; prints the progress. */
    private CampaignSnapshot watch(UniTalkClient api, long campaign) throws InterruptedException {
        Instant deadline = started.plus(options.cap());
        Instant dialingStarted = Instant.now();
        Duration refresh = options.live() ? LIVE_REFRESH : PLAIN_REFRESH;
        CampaignSnapshot snapshot;
        while (true) {
            snapshot = CampaignSnapshot.of(api.task(campaign));
            String line = ProgressView.line(Duration.between(dialingStarted, Instant.now()), snapshot);
            if (options.live()) {
                out.print("\r" + line + "\033[K");
                out.flush();
            } else {
                out.println(line);
            }
            if (snapshot.finished() || !Instant.now().plus(refresh).isBefore(deadline)) {
                break;
            }
            Thread.sleep(refresh.toMillis());
        }
        if (options.live()) {
            out.println();
        }
        return snapshot;
    }

    private void printCurls(UniTalkClient api, long campaign, String key, Path yaml) {
        String curl = "curl -s -H 'Authorization: " + key + "' -H 'Content-Type: application/json' " + api.actionUri() + " -d ";
        out.printf("%nLook further (the API is UniTalk's /autodial/action, see docs/API.md):%n");
        out.println("  " + curl + "'{\"action\":\"GET_LIST\"}'");
        out.println("  " + curl + "'{\"action\":\"GET_NUMBERS\",\"id\":" + campaign + ",\"limit\":20,\"offset\":0}'");
        out.println("  " + curl + "'{\"action\":\"GET_CALLS_HISTORY\",\"id\":" + campaign
                + ",\"callHistoryRequest\":{\"limit\":20,\"offset\":0}}'");
        if (!options.keepRunning()) {
            out.printf("These work while the server runs: `./outdial demo --keep-running`, or serve this demo's data%n"
                    + "again with `./outdial serve --config %s` (same port, same key).%n", relative(yaml));
        }
    }

    /** The shutdown hook: Ctrl-C, or the JVM ending after {@link #main}. */
    private void onCtrlC() {
        if (!stopped.get()) {
            interrupted = true;
            out.println();
            out.println("Stopping everything the demo started...");
        }
        stopEverything();
    }

    /** Stops the server and the carrier process. Idempotent; safe from the shutdown hook. */
    void stopEverything() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        keepRunning.countDown();
        OutdialServer s = server;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                out.println("  stopping the server: " + e.getMessage());
            }
        }
        CarrierProcess c = carrier;
        if (c != null) {
            c.close();
        }
    }

    /**
     * {@code count} distinct valid numbers on Kyivstar's 67 range: +380 67 XXX XX XX. Spread
     * over the range (7919 is prime, so i * 7919 mod 10^7 never repeats) and the same every run,
     * so with the same seed a run's outcomes repeat.
     */
    static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(String.format("+38067%07d", (1_234_567L + (long) i * 7919) % 10_000_000L));
        }
        return numbers;
    }

    private ConfigFile configFile(Path dir, int sipPort, int rtpFrom, int carrierPort) {
        return ConfigFile.in(dir)
                .comment("Written by ./outdial demo; docs/CONFIGURATION.md explains every key.")
                .comment("dialer.ring-timeout is short for the demo only: production should ring at least 15 s.")
                .sip(sipPort, rtpFrom, rtpFrom + RTP_PORTS - 1)
                .trunk(ConfigFile.Trunk.to(TRUNK, carrierPort).withCallerId("380441234567")
                        .withLimits(Math.max(options.threads() * 2, 100), 500))
                .ringTimeout(RING_TIMEOUT);
    }

    private static String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    /**
     * Whether stdout is a terminal. {@code Console.isTerminal()} (JDK 22) says so exactly; on JDK 21
     * {@code System.console()} is non-null only when both stdin and stdout are terminals.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
