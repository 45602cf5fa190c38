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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * An operator's phone that dies (its SIPp process killed: no un-REGISTER, no answer to anything)
 * goes offline by the registrar's keep-alive and is offered no more calls. After the kill the test
 * holds the phone's UDP port itself and records what still arrives there: the evidence that no
 * INVITE came is the phone's side, not Outdial's word.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadOperatorPhoneTest {

    /** One missed OPTIONS takes a line offline: within (misses + 1) × interval = 2 s. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String PASSWORD = "secret-";

    private Path dir;
    private SippProcess callee;
    private OperatorsServer outdial;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("outdial-dead-");
        callee = SippProcess.callee(Duration.ofMinutes(5));
        outdial = OperatorsServer.start(callee.sipPort(), KEEP_ALIVE, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        try {
            if (outdial != null) {
                outdial.close();
            }
        } finally {
            if (callee != null) {
                callee.close();
            }
        }
    }

    private SippOperators operators(String calls, String... lines) {
        for (String line : lines) {
            outdial.api.addPhone(line, PASSWORD + line);
        }
        SippOperators operators = SippOperators.start(outdial.sipPort, List.of(lines), PASSWORD, dir, calls);
        Await.until("operators online", Duration.ofSeconds(10),
                () -> List.of(lines).stream().allMatch(l -> outdial.api.lineStatus(l).equals("online")));
        return operators;
    }

    private static List<String> numbers(String prefix, int count, String tail) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(prefix + String.format("%02d", i) + tail);
        }
        return numbers;
    }

    private long campaign(String name, List<String> lines, List<String> numbers) {
        long id = outdial.api.add(AutodialerTask.autodial(name).with("autodialerType", "GUARANTEED_DIAL")
                .with("groupId", outdial.api.addGroup(name, lines)).threads(2));
        outdial.api.addNumbers(id, numbers);
        Await.until(name + " FINISHED", Duration.ofSeconds(60), () -> outdial.api.status(id).equals("FINISHED"));
        return id;
    }

    private Map<String, Long> answeredBy(long id) {
        Map<String, Long> answered = new TreeMap<>();
        for (JsonNode call : outdial.history(id)) {
            assertEquals("ANSWER", call.path("state").asText(), call::toString);
            answered.merge(call.path("operatorNumber").asText(), 1L, Long::sum);
        }
        return answered;
    }

    /** Kills the phone, takes its port, and waits for /phones/inner to say offline within the keep-alive bound. */
    private DeadAddress killAndAwaitOffline(SippOperators operators, String line) throws InterruptedException {
        int port = operators.sipPort(line);
        operators.kill(line);
        long killedAt = System.nanoTime();
        DeadAddress dead = DeadAddress.bind(port);
        Await.until(line + " offline", KEEP_ALIVE.multipliedBy(2).plus(SLACK),
                () -> outdial.api.lineStatus(line).equals("offline"));
        System.out.printf("dead phone %s offline after %d ms%n", line, (System.nanoTime() - killedAt) / 1_000_000);
        return dead;
    }

    @Test
    void aPhoneThatDiesWhileIdleGoesOfflineWithinTheKeepAliveBoundAndGetsNoMoreCalls() throws Exception {
        try (SippOperators operators = operators("operator-talks.xml", "5001", "5002")) {
            long before = campaign("before the death", List.of("5001", "5002"), numbers("380675", 10, "0001"));
            assertTrue(answeredBy(before).getOrDefault("5001", 0L) > 0, "5001 took calls while alive: " + answeredBy(before));

            try (DeadAddress dead = killAndAwaitOffline(operators, "5001")) {
                assertEquals("online", outdial.api.lineStatus("5002"));
                long after = campaign("after the death", List.of("5001", "5002"), numbers("380676", 10, "0001"));
                assertEquals(Map.of("5002", 10L), answeredBy(after));
                assertEquals(0, dead.invites(), "no INVITE reached the dead phone's address: " + dead.received());
            }
        }
    }

    @Test
    void aPhoneThatDiesDuringATalkIsOfflineOnceTheCallEndsAndGetsNoMoreCalls() throws Exception {
        // 5101 answers and never hangs up (operator-calls.xml); the callee hangs up 2 s after answering.
        try (SippOperators talker = operators("operator-calls.xml", "5101");
             SippOperators other = operators("operator-talks.xml", "5102")) {
            long id = outdial.api.add(AutodialerTask.autodial("dies talking").with("autodialerType", "GUARANTEED_DIAL")
                    .with("groupId", outdial.api.addGroup("dies talking", List.of("5101"))).threads(1));
            outdial.api.addNumbers(id, numbers("380677", 1, CalleeNumbers.ANSWER_THEN_HANG_UP));
            Await.until("5101 answered", Duration.ofSeconds(10),
                    () -> talker.calls("5101").stream().anyMatch(ShortMessages.SipCall::answered));
            assertEquals("busy", outdial.api.lineStatus("5101"), "talking");

            try (DeadAddress dead = killAndAwaitOfflineOrBusy(talker, "5101")) {
                Await.until("the call FINISHED", Duration.ofSeconds(40), () -> outdial.api.status(id).equals("FINISHED"));
                assertEquals(Map.of("5101", 1L), answeredBy(id));
                Await.until("5101 offline once the call is over", KEEP_ALIVE.multipliedBy(2).plus(SLACK),
                        () -> outdial.api.lineStatus("5101").equals("offline"));

                long after = campaign("after dying talking", List.of("5101", "5102"), numbers("380678", 5, "0001"));
                assertEquals(Map.of("5102", 5L), answeredBy(after));
                assertEquals(0, dead.invites(), "no INVITE reached the dead phone's address: " + dead.received());
            }
        }
    }

    /** As {@link #killAndAwaitOffline}, for a phone in a call: the board keeps a talking line busy until its call ends. */
    private DeadAddress killAndAwaitOfflineOrBusy(SippOperators operators, String line) throws InterruptedException {
        int port = operators.sipPort(line);
        operators.kill(line);
        return DeadAddress.bind(port);
    }
}
