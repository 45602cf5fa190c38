package org.outdial.testbed.simulate;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.outdial.api.config.HumanDuration;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.pacing.Pacer;
import org.outdial.testbed.unitalk.UniTalkClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./outdial simulate}: what to expect from a campaign before it runs (issue 11). Runs the
 * pacing simulator ({@link PacingSimulation}, the engine's own pacers on a simulated clock) on the
 * workload the options describe, or on one fitted to a campaign's call history
 * ({@link CampaignHistory}), {@code --runs} times with seeds {@code --seed}, {@code --seed + 1}, ...;
 * prints occupancy, talk minutes per hour, the wait between calls and abandonment, each as a mean
 * and a 95 % range for one run ({@link Spread}), then SMART at every {@code smartSpeed} -10..10 with
 * the same seeds, and which speeds keep the upper end of the abandonment range under {@code --target}.
 * Exit codes: 0 done, 2 wrong usage (with the reason), 1 anything else (one line, no stack trace).
 */
@Command(name = "outdial simulate", mixinStandardHelpOptions = true, version = "Outdial 0.1.0", sortOptions = false,
        description = {"Simulate a campaign's pacing before it runs: occupancy, talk time, wait between calls and "
                + "abandonment (mean and 95 %% range over --runs seeds), and which smartSpeed keeps abandonment "
                + "under --target.", "Durations: 120s, 2m, 500ms, or ISO-8601 (PT2M)."})
public final class SimulateCommand implements Callable<Integer> {

    /** Modes the simulator paces like the dialer does. */
    enum Mode { SMART, FREE }

    @Spec
    private CommandSpec spec;

    @Option(names = "--operators", paramLabel = "N", defaultValue = "20",
            description = "Operators logged in for the whole run, 1..10000 (default: ${DEFAULT-VALUE}).")
    private int operators;

    @Option(names = "--answer-rate", paramLabel = "SHARE", defaultValue = "0.2",
            description = "Share of dials a person answers, over 0 up to 1 (default: ${DEFAULT-VALUE}).")
    private double answerRate;

    @Option(names = "--talk", paramLabel = "DURATION", defaultValue = "120s",
            description = "Mean talk time, exponentially distributed (default: ${DEFAULT-VALUE}).")
    private String talk;

    @Option(names = "--wrap", paramLabel = "DURATION", defaultValue = "15s",
            description = "Wrap-up after every talk (default: ${DEFAULT-VALUE}).")
    private String wrap;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "SMART",
            description = "Autodialer mode: SMART or FREE (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "0",
            description = "smartSpeed for --mode SMART, -10..10 (default: ${DEFAULT-VALUE}).")
    private int speed;

    @Option(names = "--dial-to-answer", paramLabel = "MIN-MAX", defaultValue = "6s-24s",
            description = "Time from dial to a person's answer, uniform between MIN and MAX, e.g. 6s-24s, "
                    + "or one fixed DURATION (default: ${DEFAULT-VALUE}).")
    private String dialToAnswer;

    @Option(names = "--ring-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "An unanswered dial is given up after this; at least MAX of --dial-to-answer "
                    + "(default: ${DEFAULT-VALUE}).")
    private String ringTimeout;

    @Option(names = "--operator-no-answer", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of offered calls an operator leaves unanswered, 0 up to under 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    private double operatorNoAnswer;

    @Option(names = "--hours", paramLabel = "HOURS", defaultValue = "8",
            description = "Simulated hours per run, over 0 up to 720 (default: ${DEFAULT-VALUE}).")
    private double hours;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "Runs with different seeds, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "The first run's seed; run i uses seed + i (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--target", paramLabel = "PERCENT", defaultValue = "3.0",
            description = "Abandonment cap in percent of live-answered calls, over 0 up to 100; FCC 47 CFR "
                    + "64.1200(a)(7) is 3 (default: ${DEFAULT-VALUE}).")
    private double target;

    @Option(names = "--campaign", paramLabel = "ID",
            description = "Take the answer rate, dial to answer and talk time from this campaign's call history "
                    + "(GET_CALLS_HISTORY); excludes --answer-rate, --dial-to-answer and --talk.")
    private Long campaign;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The Outdial server for --campaign (default: ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--key", paramLabel = "KEY", description = "API key for --campaign (./outdial keys create).")
    private String key;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, printing to {@code out} and {@code err}; the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new SimulateCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    commandLine.getErr().println("outdial simulate: " + message.lines().findFirst().orElse(message));
                    commandLine.getErr().flush();
                    return 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        Workload base = workload();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "workload: %d operators, answer rate %.1f %%, dial to answer %s-%s, ring timeout %s, "
                        + "talk exponential mean %s, wrap-up %s, operators leave %.1f %% of offers unanswered%n",
                base.operators(), 100 * base.answerRate(), text(base.dialToAnswerMin()), text(base.dialToAnswerMax()),
                text(base.ringTimeout()), text(base.meanTalk()), text(base.wrapUp()), 100 * base.operatorNoAnswer());
        out.printf(Locale.ROOT, "runs: %d of %s simulated hours, seeds %d-%d; ranges: 95 %% of single runs%n", runs,
                number(hours), seed, seed + runs - 1);
        Pacer.of(mode == Mode.SMART ? CampaignMode.SMART : CampaignMode.FREE).missing().ifPresent(m ->
                out.println("note: this build's " + mode + " pacer lacks " + m + " and starts no call"));
        List<SimulationResult> chosen = runAll(base, mode == Mode.SMART ? speed : null);
        out.printf(Locale.ROOT, "%s%s:%n", mode, mode == Mode.SMART ? " smartSpeed " + speed : "");
        line(out, "occupancy %", chosen, r -> 100 * r.occupancy(), 100);
        line(out, "talk min/h", chosen, SimulationResult::talkMinutesPerHour, 60);
        line(out, "wait between calls s", chosen, SimulationResult::meanWaitSeconds, Double.MAX_VALUE);
        line(out, "abandoned %", chosen, SimulationResult::abandonedPercent, 100);
        line(out, "dials per operator-hour", chosen, SimulationResult::dialsPerOperatorHour, Double.MAX_VALUE);

        Optional<String> smartMissing = Pacer.of(CampaignMode.SMART).missing();
        if (smartMissing.isPresent()) {
            out.println("smartSpeed sweep: skipped, this build's SMART pacer lacks " + smartMissing.get());
            return 0;
        }
        out.printf(Locale.ROOT, "smartSpeed sweep (SMART, target %s %%: the upper end of the abandonment range "
                + "must be under it):%n", number(target));
        out.println("  speed  occupancy %  abandoned % mean  abandoned % high  under target");
        Integer best = null;
        double bestOccupancy = -1;
        double bestHigh = 0;
        List<Integer> speeds = IntStream.rangeClosed(-10, 10).boxed().toList();
        List<List<SimulationResult>> sweep = speeds.parallelStream().map(s -> runAll(base, s)).toList();
        for (int i = 0; i < speeds.size(); i++) {
            Spread occupancy = Spread.of(values(sweep.get(i), r -> 100 * r.occupancy()));
            Spread abandoned = Spread.of(values(sweep.get(i), SimulationResult::abandonedPercent)).atMost(100);
            boolean under = abandoned.high() < target;
            out.printf(Locale.ROOT, "  %5d  %11.1f  %16.2f  %16.2f  %s%n", speeds.get(i), occupancy.mean(),
                    abandoned.mean(), abandoned.high(), under ? "yes" : "no");
            if (under && occupancy.mean() > bestOccupancy) {
                best = speeds.get(i);
                bestOccupancy = occupancy.mean();
                bestHigh = abandoned.high();
            }
        }
        if (best == null) {
            out.printf(Locale.ROOT, "no smartSpeed keeps abandonment under %s %% for this workload; use FREE%n", number(target));
        } else {
            out.printf(Locale.ROOT, "best: smartSpeed %d, occupancy %.1f %%, abandoned up to %.2f %%%n", best,
                    bestOccupancy, bestHigh);
        }
        return 0;
    }

    /** The runs of {@code base} with seeds seed.., under SMART at {@code smartSpeed}, or FREE when it is null. */
    private List<SimulationResult> runAll(Workload base, Integer smartSpeed) {
        PacingSimulation.Setup setup = smartSpeed == null ? PacingSimulation.Setup.free()
                : PacingSimulation.Setup.smart(smartSpeed);
        PacingSimulation.Setup held = new PacingSimulation.Setup(setup.settings(), target, setup.grace(), setup.minTeam());
        DialPolicy policy = DialPolicy.of(smartSpeed == null ? "FREE" : "SMART " + smartSpeed,
                Pacer.of(smartSpeed == null ? CampaignMode.FREE : CampaignMode.SMART));
        return LongStream.range(0, runs).parallel()
                .mapToObj(i -> PacingSimulation.run(base.withSeed(seed + i), policy, held)).toList();
    }

    private static List<Double> values(List<SimulationResult> results, ToDoubleFunction<SimulationResult> figure) {
        List<Double> values = new ArrayList<>();
        for (SimulationResult r : results) {
            values.add(figure.applyAsDouble(r));
        }
        return values;
    }

    private static void line(PrintWriter out, String name, List<SimulationResult> results,
                             ToDoubleFunction<SimulationResult> figure, double bound) {
        Spread s = Spread.of(values(results, figure)).atMost(bound);
        out.printf(Locale.ROOT, "  %-24s %8.2f   range %.2f - %.2f%n", name, s.mean(), s.low(), s.high());
    }

    /** The workload the options describe, checked; with --campaign, fitted to its history. */
    private Workload workload() {
        CommandLine cl = spec.commandLine();
        check(operators >= 1 && operators <= 10_000, "--operators must be 1..10000, was " + operators);
        check(runs >= 1 && runs <= 1000, "--runs must be 1..1000, was " + runs);
        check(hours > 0 && hours <= 720, "--hours must be over 0 up to 720, was " + number(hours));
        check(speed >= -10 && speed <= 10, "--speed must be -10..10, was " + speed);
        check(target > 0 && target <= 100, "--target must be over 0 up to 100, was " + number(target));
        check(operatorNoAnswer >= 0 && operatorNoAnswer < 1,
                "--operator-no-answer must be 0 up to under 1, was " + number(operatorNoAnswer));
        check(mode == Mode.SMART || !cl.getParseResult().hasMatchedOption("--speed"),
                "--speed is SMART's smartSpeed; it does not apply to --mode FREE");
        Duration meanTalk = duration("--talk", talk);
        Duration wrapUp = duration("--wrap", wrap);
        Duration ring = duration("--ring-timeout", ringTimeout);
        Duration min;
        Duration max;
        double rate;
        if (campaign != null) {
            for (String excluded : List.of("--answer-rate", "--dial-to-answer", "--talk")) {
                check(!cl.getParseResult().hasMatchedOption(excluded),
                        excluded + " and --campaign exclude each other: the campaign's history gives it");
            }
            check(key != null && !key.isBlank(), "--campaign needs --key, an API key of the server at --url");
            UniTalkClient api = new UniTalkClient(URI.create(url), key);
            CampaignHistory history = CampaignHistory.read(api, campaign);
            cl.getOut().println(history.describe(campaign));
            rate = history.answerRate();
            min = history.dialToAnswerMin();
            max = history.dialToAnswerMax();
            meanTalk = history.meanTalk().isZero() ? Duration.ofSeconds(1) : history.meanTalk();
        } else {
            check(!cl.getParseResult().hasMatchedOption("--url") && !cl.getParseResult().hasMatchedOption("--key"),
                    "--url and --key are for --campaign");
            check(answerRate > 0 && answerRate <= 1, "--answer-rate must be over 0 up to 1, was " + number(answerRate));
            rate = answerRate;
            String[] range = dialToAnswer.split("-", -1);
            check(range.length <= 2, "--dial-to-answer must be MIN-MAX like 6s-24s, was '" + dialToAnswer + "'");
            min = duration("--dial-to-answer", range[0]);
            max = range.length == 2 ? duration("--dial-to-answer", range[1]) : min;
            check(min.compareTo(max) <= 0, "--dial-to-answer MIN must not be over MAX, was '" + dialToAnswer + "'");
        }
        check(!meanTalk.isZero(), "--talk must be over 0, was '" + talk + "'");
        check(ring.compareTo(max) >= 0, "--ring-timeout must be at least the longest dial to answer (" + text(max)
                + "), was " + text(ring));
        return new Workload(operators, rate, min, max, ring, meanTalk, wrapUp, operatorNoAnswer, hours, seed);
    }

    private Duration duration(String option, String text) {
        try {
            Duration d = HumanDuration.parse(option, text);
            check(!d.isNegative(), option + " must not be negative, was '" + text + "'");
            return d;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static String text(Duration d) {
        return HumanDuration.format(d);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
