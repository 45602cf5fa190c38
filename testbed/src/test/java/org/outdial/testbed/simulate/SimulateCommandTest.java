package org.outdial.testbed.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.history.CallRecord;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.pacing.Pacer;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class SimulateCommandTest {

    /** What one command line printed and returned. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SimulateCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The mean printed on the line named {@code name} ("  occupancy %   61.23   range 55.10 - 67.36"). */
    private static double mean(String out, String name) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " +([0-9.]+)   range ([0-9.]+) - ([0-9.]+)$")
                .matcher(out);
        assertTrue(m.find(), name + " in\n" + out);
        assertTrue(Double.parseDouble(m.group(2)) <= Double.parseDouble(m.group(1))
                && Double.parseDouble(m.group(1)) <= Double.parseDouble(m.group(3)), "mean inside its range: " + m.group());
        return Double.parseDouble(m.group(1));
    }

    private static double average(List<SimulationResult> runs, ToDoubleFunction<SimulationResult> figure) {
        return runs.stream().mapToDouble(figure).average().orElseThrow();
    }

    private static void assertFiguresAgree(String out, List<SimulationResult> expected) {
        assertEquals(average(expected, r -> 100 * r.occupancy()), mean(out, "occupancy %"), 0.005);
        assertEquals(average(expected, SimulationResult::talkMinutesPerHour), mean(out, "talk min/h"), 0.005);
        assertEquals(average(expected, SimulationResult::meanWaitSeconds), mean(out, "wait between calls s"), 0.005);
        assertEquals(average(expected, SimulationResult::abandonedPercent), mean(out, "abandoned %"), 0.005);
        assertEquals(average(expected, SimulationResult::dialsPerOperatorHour), mean(out, "dials per operator-hour"), 0.005);
    }

    @Test
    void aSmallRunPrintsTheSimulatorsFiguresForTheSameSeeds() {
        Outcome o = simulate("--operators", "5", "--answer-rate", "0.3", "--runs", "3", "--hours", "0.5", "--mode", "free",
                "--seed", "7", "--dial-to-answer", "5s-20s", "--talk", "90s", "--wrap", "10s");
        assertEquals(0, o.code(), o.err());
        List<SimulationResult> expected = new ArrayList<>();
        for (long seed = 7; seed <= 9; seed++) {
            expected.add(PacingSimulation.free(new Workload(5, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(20),
                    Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10), 0, 0.5, seed)));
        }
        assertTrue(expected.getFirst().dials() > 0);
        assertFiguresAgree(o.out(), expected);
        assertTrue(o.out().contains("runs: 3 of 0.5 simulated hours, seeds 7-9"), o.out());
        if (Pacer.of(CampaignMode.SMART).missing().isPresent()) {
            assertTrue(o.out().contains("smartSpeed sweep: skipped, this build's SMART pacer lacks"), o.out());
        } else {
            // The sweep's row for speed 0 is SMART 0 on the same seeds.
            List<SimulationResult> smart = new ArrayList<>();
            for (long seed = 7; seed <= 9; seed++) {
                smart.add(PacingSimulation.smart(new Workload(5, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(20),
                        Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10), 0, 0.5, seed), 0));
            }
            Matcher row = Pattern.compile("(?m)^ +0 +([0-9.]+) +([0-9.]+) +([0-9.]+) +(yes|no)$").matcher(o.out());
            assertTrue(row.find(), o.out());
            assertEquals(average(smart, r -> 100 * r.occupancy()), Double.parseDouble(row.group(1)), 0.05);
            assertEquals(average(smart, SimulationResult::abandonedPercent), Double.parseDouble(row.group(2)), 0.005);
            assertTrue(o.out().contains("best: smartSpeed") || o.out().contains("no smartSpeed keeps"), o.out());
        }
    }

    @Test
    void helpDocumentsEveryOption() {
        Outcome o = simulate("--help");
        assertEquals(0, o.code());
        List<String> names = new ArrayList<>(List.of("--operators", "--answer-rate", "--talk", "--wrap", "--mode",
                "--speed", "--dial-to-answer", "--ring-timeout", "--operator-no-answer", "--hours", "--runs", "--target",
                "--campaign", "--url", "--key", "--seed", "--help", "--version"));
        for (OptionSpec option : new CommandLine(new SimulateCommand()).getCommandSpec().options()) {
            assertTrue(names.contains(option.longestName()), "the test knows " + option.longestName());
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(), option.longestName());
        }
        for (String name : names) {
            assertTrue(o.out().contains(name), name + " in\n" + o.out());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheOptionAndTheReason() {
        assertRefused("'2.5' is not an int", "--operators", "2.5");
        assertRefused("--operators must be 1..10000, was 0", "--operators", "0");
        assertRefused("--answer-rate must be over 0 up to 1, was 1.5", "--answer-rate", "1.5");
        assertRefused("--answer-rate must be over 0 up to 1, was 0", "--answer-rate", "0");
        assertRefused("--dial-to-answer MIN must not be over MAX", "--dial-to-answer", "24s-6s");
        assertRefused("--dial-to-answer must be a duration", "--dial-to-answer", "6x-24s");
        assertRefused("--ring-timeout must be at least the longest dial to answer (24s), was 10s", "--ring-timeout", "10s");
        assertRefused("--speed must be -10..10, was 11", "--speed", "11");
        assertRefused("--speed is SMART's smartSpeed", "--mode", "FREE", "--speed", "3");
        assertRefused("Invalid value for option '--mode'", "--mode", "FAST");
        assertRefused("--runs must be 1..1000, was 0", "--runs", "0");
        assertRefused("--hours must be over 0 up to 720, was 0", "--hours", "0");
        assertRefused("--operator-no-answer must be 0 up to under 1, was 1", "--operator-no-answer", "1");
        assertRefused("--target must be over 0 up to 100, was 101", "--target", "101");
        assertRefused("--talk must be over 0", "--talk", "0s");
        assertRefused("--answer-rate and --campaign exclude each other", "--campaign", "1", "--key", "k",
                "--answer-rate", "0.3");
        assertRefused("--campaign needs --key", "--campaign", "1");
        assertRefused("--url and --key are for --campaign", "--key", "k");
        assertRefused("Unknown options: '--operater'", "--operater", "3");
    }

    private static void assertRefused(String reason, String... args) {
        Outcome o = simulate(args);
        assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
        assertTrue(o.err().contains(reason), "'" + reason + "' in: " + o.err());
        assertTrue(!o.err().contains("Exception") && !o.err().contains("\tat "), o.err());
        assertEquals("", o.out(), "nothing simulated");
    }

    @Test
    void aCampaignsHistoryGivesTheAnswerRateDialToAnswerAndTalkTime() throws Exception {
        OutdialConfig defaults = OutdialConfig.defaults();
        int rtp = LoopbackPorts.evenRange(20);
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("simulate-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", LoopbackPorts.sipPort(), rtp + "-" + (rtp + 19)), List.of(),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5)), defaults.audio());
        try (OutdialServer server = OutdialServer.start(config, java.time.InstantSource.system(), List.of())) {
            String key = new ApiKeys(server.database().dataSource()).create("simulate", Instant.now()).secret();
            UniTalkClient api = new UniTalkClient(server.port(), key);
            long id = api.add(AutodialerTask.autodial("history"));
            // 10 dials: 4 answered by a person after 8, 10, 10 and 12 s, talking 60, 90, 120 and 150 s
            // (one of them ANSW_NF_OP, abandoned: no talk), 5 not answered, 1 never started (BUSYOUT).
            CallHistoryRepository history = new CallHistoryRepository();
            Instant at = Instant.parse("2026-03-01T10:00:00Z");
            try (Connection c = server.database().dataSource().getConnection()) {
                int[] toAnswer = {8, 10, 10, 12};
                Integer[] talk = {60, 90, 150, null};
                NumberState[] answered = {NumberState.ANSWER, NumberState.ANSWER, NumberState.ANSWER, NumberState.ANSW_NF_OP};
                for (int i = 0; i < 4; i++) {
                    history.insert(c, record(id, i, answered[i], at, toAnswer[i], toAnswer[i], talk[i]));
                }
                for (int i = 4; i < 9; i++) {
                    history.insert(c, record(id, i, NumberState.NOANSWER, at, null, 30, null));
                }
                history.insert(c, record(id, 9, NumberState.BUSYOUT, at, null, null, null));
            }
            Outcome o = simulate("--campaign", String.valueOf(id), "--url", "http://127.0.0.1:" + server.port(),
                    "--key", key, "--operators", "3", "--runs", "2", "--hours", "0.25", "--mode", "FREE", "--seed", "5");
            assertEquals(0, o.code(), o.err());
            assertTrue(o.out().contains("campaign " + id + "'s history: 10 records, 9 dials, 4 answered by a person "
                    + "(answer rate 44.4 %), dial to answer 8-12 s (5th-95th percentile), 3 talks, mean 100 s"), o.out());
            assertTrue(o.out().contains("answer rate 44.4 %, dial to answer 8s-12s, ring timeout 30s, talk exponential "
                    + "mean 100s"), o.out());
            List<SimulationResult> expected = new ArrayList<>();
            for (long seed = 5; seed <= 6; seed++) {
                expected.add(PacingSimulation.free(new Workload(3, 4.0 / 9, Duration.ofSeconds(8), Duration.ofSeconds(12),
                        Duration.ofSeconds(30), Duration.ofSeconds(100), Duration.ofSeconds(15), 0, 0.25, seed)));
            }
            assertFiguresAgree(o.out(), expected);

            Outcome missing = simulate("--campaign", "999999", "--url", "http://127.0.0.1:" + server.port(), "--key", key);
            assertEquals(1, missing.code());
            assertTrue(missing.err().contains("Task not found"), missing.err());
        }
    }

    private static CallRecord record(long campaign, int i, NumberState state, Instant at, Integer forClientAnswered,
                                     Integer dialToClient, Integer talk) {
        return new CallRecord(0, campaign, null, String.format(Locale.ROOT, "38067000%04d", i), state, at.plusSeconds(i),
                null, null, 1, 1, null, forClientAnswered, dialToClient, null, null, null, talk, 1000 + i, null, null,
                null, new TreeMap<>(), state == NumberState.NOANSWER ? 480 : 200, 16, "callee", null);
    }
}
