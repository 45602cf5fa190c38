package org.outdial.testbed.demo;

import java.io.Console;
import java.io.IOException;
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
import java.util.function.Supplier;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.config.ConfigLoader;
import org.outdial.api.config.OutdialConfig;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.phones.PhonesProcess;
import org.outdial.testbed.server.ConfigFile;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * {@code ./outdial demo}: the whole product on this machine with nothing set up. It starts the
 * simulated carrier as a separate process, Outdial in this process with an H2 database in a fresh
 * folder, and then acts as a user would over HTTP. By default a call center: operator lines and a
 * group ({@link CallCenterSetup}), simulated operator phones as another process registering to
 * Outdial, an AUTODIAL campaign in FREE mode whose incoming scenario transfers to the group; the
 * progress line shows the operators' states from the server's {@code OperatorBoard}, and the end
 * the operator outcomes and each operator's calls ({@link OperatorReport}). It prints the dashboard's
 * URL and the key to log in with; {@code --keep-running} leaves everything up until Ctrl-C. With {@code --fixed},
 * the audio-only campaign in FIXED mode. Ctrl-C stops everything it started.
 */
public final class DemoCommand {

    /** Short so the demo ends in time; the output says production should use at least 15 s. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(10);
    /** Shorter than the 20 s default so an operator who lets it ring hands the call on while the callee is still there. */
    static final Duration OPERATOR_RING_TIMEOUT = Duration.ofSeconds(8);
    /** Short for the demo (the default is 60 s): a callee nobody is free for gives up as ANSW_NF_OP. */
    static final Duration OPERATOR_WAIT_LIMIT = Duration.ofSeconds(5);
    /** Half of the operators pause (setStatus PAUS) this long after dialing starts, until {@link #BREAK_TO}. */
    private static final Duration BREAK_FROM = Duration.ofSeconds(20);
    private static final Duration BREAK_TO = Duration.ofSeconds(40);
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
    private volatile PhonesProcess phones;

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
            out.println("The logs are in the demo folder (outdial.log, carrier.log, phones.log).");
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
        int steps = options.fixed() ? 6 : 8;
        out.println(options.fixed()
                ? "Outdial demo (--fixed): an audio campaign end to end on this machine, everything on 127.0.0.1."
                : "Outdial demo: a call center end to end on this machine, everything on 127.0.0.1.");
        out.println("  folder: " + relative(dir) + " (database, audio, outdial.yaml, outdial.log, carrier.log"
                + (options.fixed() ? ")" : ", phones.log)"));

        int carrierPort = LoopbackPorts.sipPort();
        out.printf("%n[1/%d] Simulated carrier: starting it as a separate process on 127.0.0.1:%d ...%n", steps, carrierPort);
        carrier = CarrierProcess.start(carrierPort, options.seed(), dir.resolve("carrier.log"), Duration.ofSeconds(30));
        out.printf("      listening (pid %d). It answers 55%% of numbers after 1-4 s of ringing, echoes the audio and%n"
                + "      hangs up after 3-15 s, lets 15%% ring until Outdial gives up, and is busy, unknown, unreachable,%n"
                + "      declining or failing for the rest; each number always behaves the same way (seed %d).%n",
                carrier.pid(), options.seed());

        int sipPort = LoopbackPorts.sipPort();
        int rtpFrom = LoopbackPorts.evenRange(RTP_PORTS);
        Path yaml = configFile(dir, sipPort, rtpFrom, carrierPort).write();
        OutdialConfig config = ConfigLoader.load(yaml, Map.of());
        out.printf("%n[2/%d] Outdial: starting the server in this process with %s%n", steps, relative(yaml));
        server = OutdialServer.start(config);
        String key = new ApiKeys(server.database().dataSource()).create("demo", Instant.now()).secret();
        UniTalkClient api = new UniTalkClient(server.port(), key);
        out.printf("      HTTP API on http://127.0.0.1:%d/api, SIP on 127.0.0.1:%d, RTP ports %d-%d, H2 database in the folder.%n",
                server.port(), sipPort, rtpFrom, rtpFrom + RTP_PORTS - 1);
        out.printf("      API key created for the demo: %s%n", key);
        out.printf("      Dashboard: %s (log in with the key above; it follows the campaign live)%n", dashboardUrl());

        String name = "Outdial demo " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        List<String> lines = CallCenterSetup.lines(options.operators());
        long campaign;
        int step;
        if (options.fixed()) {
            campaign = fixedCampaign(api, name, zone);
            step = 5;
        } else {
            campaign = callCenter(api, name, zone, dir, sipPort, lines);
            step = 7;
        }

        List<String> numbers = numbers(options.numbers());
        out.printf("%n[%d/%d] Numbers: ADD_NUMBERS with %,d Ukrainian mobile numbers (%s, %s, ...)%n", step, steps,
                numbers.size(), numbers.get(0), numbers.get(1));
        int added = api.addNumbers(campaign, numbers);
        String plan = ProgressView.carrierPlan(CalleeMix.realistic(options.seed()), numbers);
        out.printf("      %,d added%n", added);

        out.printf("%n[%d/%d] Dialing through the trunk \"%s\". Ring timeout %d s: short for the demo; in production%n"
                + "      use at least 15 s (the usual legal minimum, see docs/CONFIGURATION.md, dialer.ring-timeout).%n%n",
                steps, steps, TRUNK, RING_TIMEOUT.toSeconds());
        Supplier<String> operators = options.fixed() ? () -> ""
                : () -> ProgressView.operators(server.operators().counts(lines, Instant.now()));
        CoffeeBreak pause = options.fixed() ? null : new CoffeeBreak(api, lines.subList(0, (lines.size() + 1) / 2),
                BREAK_FROM, BREAK_TO);
        CampaignSnapshot last = watch(api, campaign, operators, pause);

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
        if (!options.fixed()) {
            printOperators(api, campaign, lines, last);
        }
        out.printf("%nWhat the carrier was told to do with these numbers (seed %d):%n  %s%n", options.seed(), plan);
        printCurls(api, campaign, key, yaml);

        if (options.keepRunning()) {
            out.printf("%nThe server and the carrier keep running (--keep-running): try the commands above, or the dashboard%n"
                    + "at %s with the key %s. Ctrl-C stops everything.%n", dashboardUrl(), key);
            keepRunning.await();
        }
    }

    /** The live dashboard (docs/DASHBOARD.md) of the server this demo started. */
    String dashboardUrl() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** Steps 3-4 of the FIXED demo: the chime, and an AUTODIAL campaign in FIXED mode that plays it. */
    private long fixedCampaign(UniTalkClient api, String name, ZoneId zone) {
        out.printf("%n[3/6] Audio: POST /api/audio/upload with a 1.5 s chime the demo synthesized as a WAV file%n");
        long audioId = api.uploadAudio("demo-chime", DemoMelody.wav());
        out.printf("      audio id %d%n", audioId);
        out.printf("%n[4/6] Campaign: POST /api/autodial/action ADD, AUTODIAL in FIXED mode, threadCount %d,%n"
                + "      open every day 00:00-24:00 in %s, playing the chime to whoever answers%n", options.threads(), zone);
        LocalDate today = LocalDate.now(zone);
        long campaign = api.add(AutodialerTask.autodial(name).threads(options.threads()).with("callDelay", 0)
                .with("delay", 0).dates(today.minusDays(1), today.plusDays(7)).timeZone(zone).audio(audioId));
        out.printf("      campaign id %d, \"%s\"%n", campaign, name);
        return campaign;
    }

    /** Steps 3-6 of the call center: lines and group, the phones process, the chime, scenario and campaign. */
    private long callCenter(UniTalkClient api, String name, ZoneId zone, Path dir, int sipPort, List<String> lines)
            throws Exception {
        CallCenterSetup setup = new CallCenterSetup(api);
        out.printf("%n[3/8] Operators: POST /api/phones/inner/action ADD for lines %s-%s (password %s<line>),%n"
                + "      /api/groups/action ADD \"Demo operators\" and ADD_NUMBER for each line%n",
                lines.getFirst(), lines.getLast(), CallCenterSetup.PASSWORD_PREFIX);
        long groupId = setup.operators(lines);
        out.printf("      group id %d with %d lines%n", groupId, lines.size());

        out.printf("%n[4/8] Operator phones: %d simulated SIP phones as a separate process, registering to 127.0.0.1:%d%n"
                + "      with digest auth. They pick up after 0.5-2 s and talk about 6 s; 5%% of offers are declined%n"
                + "      and 5%% left ringing (Outdial rings an operator %d s, then offers the next one). Each plays its tone.%n"
                + "      A callee waits at most %d s for a free operator (dialer.operator-wait-limit; 60 s by default).%n"
                + "      From %d s to %d s of dialing, lines %s take a break: POST /api/phones/inner/setStatus PAUS, then WORK.%n",
                lines.size(), sipPort, OPERATOR_RING_TIMEOUT.toSeconds(), OPERATOR_WAIT_LIMIT.toSeconds(), BREAK_FROM.toSeconds(), BREAK_TO.toSeconds(),
                String.join(", ", lines.subList(0, (lines.size() + 1) / 2)));
        phones = PhonesProcess.start("127.0.0.1", sipPort, CallCenterSetup.FIRST_LINE, lines.size(),
                dir.resolve("phones.log"), Duration.ofSeconds(30), "--password-prefix", CallCenterSetup.PASSWORD_PREFIX,
                "--seed", Long.toString(options.seed()), "--answer-delay", "500ms-2s", "--talk", "mean:6s");
        out.printf("      all %d registered (pid %d); GET /api/phones/inner now says they are online%n", lines.size(),
                phones.pid());

        out.printf("%n[5/8] Audio: POST /api/audio/upload with a 1.5 s chime the demo synthesized as a WAV file%n");
        long audioId = api.uploadAudio("demo-chime", DemoMelody.wav());
        out.printf("      audio id %d%n", audioId);

        long scenarioId = setup.transferTo(groupId);
        out.printf("%n[6/8] Campaign: /api/scenarios/action ADD \"To the demo operators\" (TRANSFER_TO_GROUP, id %d), then%n"
                + "      /api/autodial/action ADD: AUTODIAL in FREE mode, coldBaseStartCallsMultiplier %.1f (calls in flight%n"
                + "      per ready operator, down to 1 as the base is dialed), wrap-up %d s after talks of %d s or more,%n"
                + "      an operator paused after %d offers in a row not answered. Whoever answers hears the chime, then%n"
                + "      hold tones until an operator takes the call.%n", scenarioId, CallCenterSetup.COLD_BASE_MULTIPLIER,
                CallCenterSetup.WRAP_UP_SECONDS, CallCenterSetup.WRAP_UP_MIN_TALK_SECONDS,
                CallCenterSetup.PAUSE_AFTER_UNANSWERED);
        long campaign = setup.campaign(name, zone, audioId, groupId, scenarioId);
        out.printf("      campaign id %d, \"%s\"%n", campaign, name);
        return campaign;
    }

    /** The operator outcomes, and per operator the history beside the phone's own counters (read after it stops). */
    private void printOperators(UniTalkClient api, long campaign, List<String> lines, CampaignSnapshot last)
            throws IOException {
        out.printf("%nOperator outcomes: ANSWER %d (talked to an operator), ANSW_NF_OP %d (hung up while no operator%n"
                + "was free), ANSW_OP_NA %d (operators were rung, none took it).%n",
                last.states().getOrDefault("ANSWER", 0L), last.states().getOrDefault("ANSW_NF_OP", 0L),
                last.states().getOrDefault("ANSW_OP_NA", 0L));
        var byOperator = OperatorReport.byOperator(OperatorReport.history(api, campaign));
        PhonesProcess p = phones;
        String stats = "";
        if (p != null && !options.keepRunning()) {
            p.close(); // they un-REGISTER and print their counters
            stats = p.statsAtExit();
        }
        out.printf("%nPer operator: GET_CALLS_HISTORY grouped by operatorNumber (calls taken, their talk, calls they%n"
                + "were the last one offered and did not take), and what each phone counted itself:%n%n");
        out.print(OperatorReport.table(lines, byOperator, OperatorReport.phoneCounts(stats)));
        stats.lines().filter(l -> l.strip().startsWith("all ")).findFirst().ifPresent(l -> out.println("  phones:" + l.strip().substring(3)));
    }

    /** Polls GET_LIST until the campaign finishes or the time cap; prints the progress. */
    private CampaignSnapshot watch(UniTalkClient api, long campaign, Supplier<String> operators, CoffeeBreak pause)
            throws InterruptedException {
        Instant deadline = started.plus(options.cap());
        Instant dialingStarted = Instant.now();
        Duration refresh = options.live() ? LIVE_REFRESH : PLAIN_REFRESH;
        CampaignSnapshot snapshot;
        while (true) {
            Duration elapsed = Duration.between(dialingStarted, Instant.now());
            if (pause != null) {
                pause.at(elapsed);
            }
            snapshot = CampaignSnapshot.of(api.task(campaign));
            String line = ProgressView.line(elapsed, snapshot, operators.get());
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
        if (pause != null) {
            pause.end();
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
            out.printf("These (and the dashboard) work while the server runs: `./outdial demo --keep-running`, or serve this demo's data%n"
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
        PhonesProcess p = phones;
        if (p != null) {
            p.close();
        }
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
                .ringTimeout(RING_TIMEOUT).operatorRingTimeout(OPERATOR_RING_TIMEOUT)
                .operatorWaitLimit(OPERATOR_WAIT_LIMIT);
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
