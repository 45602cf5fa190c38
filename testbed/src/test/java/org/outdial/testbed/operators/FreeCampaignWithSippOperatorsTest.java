package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * FREE campaigns of 200 numbers with 10 operators, every peer a SIPp process: the trunk is
 * SIPp's callee ({@code callee.xml}: answers, stays until BYE), each operator one SIPp
 * registering its line and answering what Outdial offers ({@code operator-talks.xml}: rings
 * 100 ms, talks 300 ms, hangs up). What the rules promise is checked in the peers' own traces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreeCampaignWithSippOperatorsTest {

    private static final int OPERATORS = 10;
    private static final int NUMBERS = 200;
    private static final double MULTIPLIER = 1.5;
    private static final String PASSWORD = "secret-";

    private Path dir;
    private SippProcess callee;
    private Path calleeTrace;
    private OperatorsServer outdial;
    private SippOperators operators;
    private long group;
    private int calleeMark;

    @BeforeAll
    void startPeersAndServer() throws IOException {
        dir = Files.createTempDirectory("outdial-free-");
        calleeTrace = dir.resolve("callee.log");
        callee = SippProcess.callee(Duration.ofMinutes(5), "-trace_shortmsg", "-shortmessage_file", calleeTrace.toString());
        outdial = OperatorsServer.start(callee.sipPort(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= OPERATORS; i++) {
            String line = Integer.toString(2000 + i);
            outdial.api.addPhone(line, PASSWORD + line);
            lines.add(line);
        }
        group = outdial.api.addGroup("free operators", lines);
        operators = SippOperators.start(outdial.sipPort, lines, PASSWORD, dir);
        Await.until("10 SIPp operators online", Duration.ofSeconds(20),
                () -> lines.stream().allMatch(l -> outdial.api.lineStatus(l).equals("online")));
    }

    @AfterAll
    void stop() {
        try {
            if (operators != null) {
                operators.close();
            }
            if (outdial != null) {
                outdial.close();
            }
        } finally {
            if (callee != null) {
                callee.close();
            }
        }
    }

    @BeforeEach
    void markTraces() {
        operators.mark();
        calleeMark = ShortMessages.read(calleeTrace).size();
    }

    @Test
    void guaranteedDialInFreeModeCallsEveryNumberToAnOperatorOneCallPerOperatorAtATime() {
        long id = outdial.api.add(AutodialerTask.autodial("guaranteed free").with("autodialerType", "GUARANTEED_DIAL")
                .with("autodialerMode", "FREE").with("groupId", group).with("coldBaseStartCallsMultiplier", MULTIPLIER)
                .with("markAsBusySeconds", 0));
        // The reservation before the dial holds one operator per call: never more calls than operators.
        runAndCheck(id, "38067100", OPERATORS);
    }

    @Test
    void autodialTransferringToTheGroupInFreeModeCallsEveryNumberToAnOperatorOneCallPerOperatorAtATime() {
        long scenario = outdial.api.addTransferScenario("to the free operators", group);
        long id = outdial.api.add(AutodialerTask.autodial("autodial free").silence(Duration.ofMillis(100))
                .with("autodialerMode", "FREE").with("groupId", group).with("scenarioId", scenario)
                .with("coldBaseStartCallsMultiplier", MULTIPLIER).with("markAsBusySeconds", 0));
        // A transfer claims its operator after the audio: FREE over-dials to 10 × 1.5 at the cold start.
        runAndCheck(id, "38067200", (int) (OPERATORS * MULTIPLIER));
    }

    @Test
    void aWrapUpAfterEveryTalkKeepsEachSippOperatorFromItsNextCallForTheWholeWrapUp() {
        long scenario = outdial.api.addTransferScenario("to the operators, with wrap-up", group);
        long id = outdial.api.add(AutodialerTask.autodial("free with wrap-up").silence(Duration.ofMillis(100))
                .with("autodialerMode", "FREE").with("groupId", group).with("scenarioId", scenario)
                .with("coldBaseStartCallsMultiplier", MULTIPLIER).with("markAsBusySeconds", 1)
                .with("markAsBusyMinSecondsTalk", 0));
        runAndCheck(id, "38067300", (int) (OPERATORS * MULTIPLIER), NUMBERS / 2);

        // The operator's BYE is where the talk ends at the phone; Outdial hears of it later still.
        double shortest = Double.MAX_VALUE;
        for (String line : operators.lines()) {
            List<ShortMessages.SipCall> offered = operators.calls(line);
            for (int i = 1; i < offered.size(); i++) {
                double gap = offered.get(i).invitedAt() - offered.get(i - 1).endedAt();
                shortest = Math.min(shortest, gap);
                assertTrue(gap >= 1.0, "operator " + line + " was offered a call " + Math.round(gap * 1000)
                        + " ms after the previous one ended, within its 1 s wrap-up");
            }
        }
        System.out.printf("campaign %d: shortest gap from an operator's BYE to its next offer %d ms%n", id,
                Math.round(shortest * 1000));
    }

    private void runAndCheck(long id, String prefix, int bound) {
        runAndCheck(id, prefix, bound, NUMBERS);
    }

    private void runAndCheck(long id, String prefix, int bound, int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            numbers.add(prefix + String.format("%04d", i)); // tails 0001..0200: callee.xml's "answer, stay until BYE"
        }
        outdial.api.addNumbers(id, numbers);
        Await.until("FINISHED", Duration.ofSeconds(90), () -> outdial.api.status(id).equals("FINISHED"));

        List<JsonNode> history = outdial.history(id);
        assertEquals(count, history.size(), "one call record per number");
        Map<String, Integer> answeredByRecords = new TreeMap<>();
        for (JsonNode call : history) {
            if (call.path("state").asText().equals("ANSWER")) {
                String operator = call.path("operatorNumber").asText("");
                assertTrue(operators.lines().contains(operator), "an ANSWER names its operator: " + call);
                answeredByRecords.merge(operator, 1, Integer::sum);
            }
        }
        assertEquals(count, outdial.api.stateCount(id, "ANSWER"), "every number reached an operator: "
                + outdial.api.task(id).path("statistics"));

        // The peers' side: every call has ended there too (a BYE is logged when sent or received).
        Await.until("every operator call ended at the phones", Duration.ofSeconds(10),
                () -> operators.lines().stream().allMatch(l -> operators.calls(l).stream().allMatch(ShortMessages.SipCall::ended)));
        Map<String, Integer> answeredByPhones = new TreeMap<>();
        for (String line : operators.lines()) {
            List<ShortMessages.SipCall> offered = operators.calls(line);
            assertTrue(ShortMessages.maxConcurrent(offered) <= 1,
                    "operator " + line + " was never offered two calls at once: " + offered);
            int answered = (int) offered.stream().filter(ShortMessages.SipCall::answered).count();
            if (answered > 0) {
                answeredByPhones.put(line, answered);
            }
        }
        assertEquals(answeredByRecords, answeredByPhones, "ANSWER records per operator = calls each SIPp operator answered");

        List<ShortMessages.SipCall> dialed = Await.until("every callee call ended at SIPp", Duration.ofSeconds(10),
                () -> ShortMessages.callsReceived(ShortMessages.readFrom(calleeTrace, calleeMark)),
                c -> c.size() == count && c.stream().allMatch(ShortMessages.SipCall::ended));
        int maxAtCallee = ShortMessages.maxConcurrent(dialed);
        System.out.printf("campaign %d: at most %d calls at once at the callee (bound %d)%n", id, maxAtCallee, bound);
        assertTrue(maxAtCallee <= bound, "calls in flight stay within the FREE rule (" + bound
                + "): the callee saw " + maxAtCallee + " at once");
        assertTrue(operators.allAlive(), "no SIPp operator died");
    }
}
