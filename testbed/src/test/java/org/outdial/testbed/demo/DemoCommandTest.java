package org.outdial.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.testbed.carrier.CalleeBehaviour;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testing.Await;

/** The whole demo, small: carrier process, server, HTTP set-up, dialing, the final table, shutdown. */
class DemoCommandTest {

    @Test
    void smallFixedDemoFinishesWithTheStatesTheCarrierWasToldToProduceAndLeavesNothingRunning(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoCommand demo = new DemoCommand(DemoOptions.fixed(40, 20, 5, Duration.ofSeconds(100)), out, dir, false);
        long before = children("SimulatedCarrier");
        int code;
        try {
            code = demo.run();
        } finally {
            demo.stopEverything();
        }
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, output);
        assertTrue(output.contains("Campaign FINISHED; the whole demo took"), output);
        Map<String, Long> table = finalTable(output);
        Map<String, Long> expected = expectedStates(5);
        assertEquals(expected, table, output);
        assertTrue(output.contains("\"action\":\"GET_CALLS_HISTORY\""), output);
        assertEquals(before, children("SimulatedCarrier"), "the carrier process was stopped");
    }

    @Test
    void smallCallCenterFinishesWithEveryAnsweredCallTakenByANamedOperatorAndLeavesNothingRunning(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoCommand demo = new DemoCommand(DemoOptions.callCenter(30, 4, 5, Duration.ofSeconds(150)), out, dir, false);
        long before = children("SimulatedCarrier") + children("PhonesCommand");
        int code;
        try {
            code = demo.run();
        } finally {
            demo.stopEverything();
        }
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, output);
        assertTrue(output.contains("Campaign FINISHED; the whole demo took"), output);
        Map<String, Long> table = finalTable(output);
        assertEquals(30, table.values().stream().mapToLong(Long::longValue).sum(), output);
        long answered = table.getOrDefault("ANSWER", 0L);
        assertTrue(answered > 0, "some callees talked to an operator: " + output);
        Matcher all = Pattern.compile("(?m)^  all      \\|\\s+(\\d+) ").matcher(output);
        assertTrue(all.find(), output);
        assertEquals(answered, Long.parseLong(all.group(1)), "every ANSWER record names its operator: " + output);
        assertTrue(output.contains("offered two calls at once 0 times"), "the phones printed their counters: " + output);
        Matcher row = Pattern.compile("(?m)^  (100\\d)\\s+\\|\\s+(\\d+)\\s+\\S+\\s+\\d+ \\|\\s+\\d+\\s+(\\d+) ").matcher(output);
        int rows = 0;
        while (row.find()) {
            rows++;
            // A callee who hangs up just as the operator picks up is answered by the phone but not bridged.
            assertTrue(Long.parseLong(row.group(2)) <= Long.parseLong(row.group(3)), "Outdial's ANSWER count for "
                    + row.group(1) + " is at most what the phone answered: " + output);
        }
        assertEquals(4, rows, output);
        assertEquals(before, children("SimulatedCarrier") + children("PhonesCommand"),
                "the carrier and phones processes were stopped");
    }

    @Test
    void keepRunningLeavesTheDashboardUpAtThePrintedUrlForThePrintedKeyUntilStopped(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoOptions options = DemoOptions.fixed(10, 10, 5, Duration.ofSeconds(100));
        DemoCommand demo = new DemoCommand(new DemoOptions(options.numbers(), options.threads(), true, options.seed(),
                options.cap(), false, true, options.operators()), out, dir, false);
        Thread running = Thread.ofVirtual().start(demo::run);
        try {
            Await.until("the demo waits with everything up", Duration.ofSeconds(100),
                    () -> bytes.toString(StandardCharsets.UTF_8).contains("keep running (--keep-running)"));
            String output = bytes.toString(StandardCharsets.UTF_8);
            Matcher printed = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/) \\(log in").matcher(output);
            assertTrue(printed.find(), output);
            Matcher key = Pattern.compile("API key created for the demo: (\\S+)").matcher(output);
            assertTrue(key.find(), output);
            assertTrue(output.contains("at " + printed.group(1) + " with the key " + key.group(1)), output);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(printed.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(
                            URI.create(printed.group(1) + "dashboard/api/overview"))
                    .header("Authorization", "Bearer " + key.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("id=\"login-form\""), page.body());
            assertEquals(200, overview.statusCode(), overview.body());
            assertTrue(overview.body().contains("\"recentCalls\""), overview.body());
        } finally {
            demo.stopEverything();
            running.join(Duration.ofSeconds(30));
        }
        assertTrue(!running.isAlive(), "the demo ended once stopped");
    }

    /**
     * What the carrier's plan means in number states, per docs/DIALER.md's outcome table (written
     * out here on purpose: the test checks the engine's mapping against the documentation).
     */
    private static Map<String, Long> expectedStates(long seed) {
        Map<String, Long> states = new HashMap<>();
        CalleeMix mix = CalleeMix.realistic(seed);
        for (String number : DemoCommand.numbers(40)) {
            String state = switch (mix.behaviourOf(number)) {
                case CalleeBehaviour.Answer a -> "ANSW_RJCT";
                case CalleeBehaviour.RingUntilCancel r -> "NOANSWER";
                case CalleeBehaviour.Refuse r -> switch (r.status()) {
                    case 486, 603 -> "BUSY";
                    case 404 -> "NOT_EXIST";
                    case 480 -> "NOANSWER";
                    case 503 -> "BUSYOUT";
                    default -> "FAIL";
                };
            };
            states.merge(state, 1L, Long::sum);
        }
        return states;
    }

    private static Map<String, Long> finalTable(String output) {
        Map<String, Long> rows = new HashMap<>();
        String table = output.substring(output.indexOf("  state       numbers"));
        Matcher row = Pattern.compile("(?m)^  ([A-Z_]+)\\s+(\\d+)\\s+[\\d.]+%").matcher(table.substring(0, table.indexOf("  total")));
        while (row.find()) {
            rows.put(row.group(1), Long.parseLong(row.group(2)));
        }
        return rows;
    }

    private static long children(String mainClass) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(mainClass)).orElse(false))
                .count();
    }
}
