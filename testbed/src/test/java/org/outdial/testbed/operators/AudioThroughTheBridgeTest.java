package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.baresip.Baresip;
import org.outdial.testbed.baresip.BaresipSettings;
import org.outdial.testbed.phones.CallRecord;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.phones.SimulatedPhone;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * Audio both ways through Outdial's bridge, each end a peer that plays its own tone and listens:
 * the callee is a simulated phone reached as the trunk (it answers, plays 700 Hz, hangs up after
 * 3 s), the operator is baresip (auto-answer, its {@code ausine} at 1200 Hz; the test fails when
 * baresip is missing) or a simulated phone (1000 Hz). A GUARANTEED_DIAL campaign of one number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudioThroughTheBridgeTest {

    private static final String PASSWORD = "secret-";
    private static final int CALLEE_HZ = 700;

    private OperatorPhones callee;
    private OperatorsServer outdial;

    @BeforeAll
    void start() throws Exception {
        int sip = LoopbackPorts.sipPort();
        // The callee is a phone too; it registers as a line of no group (retrying until Outdial listens).
        PhoneLine line = new PhoneLine("9900", PASSWORD + "9900");
        callee = OperatorPhones.start(new PhonesSettings("127.0.0.1", "127.0.0.1", sip, List.of(line),
                PhonesSettings.DEFAULT_EXPIRES, Duration.ofMillis(300),
                PhoneBehaviour.answers(Duration.ofMillis(20), DurationDraw.fixed(Duration.ofSeconds(3))), CALLEE_HZ, 0, 1,
                "udp"));
        outdial = OperatorsServer.start(sip, callee.phone("9900").sipPort(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        outdial.api.addPhone(line.number(), line.password());
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

    /** Calls one number to the group {@code operator}; the callee's record of the call. */
    private CallRecord callOneNumberTo(String operator, String number) {
        long group = outdial.api.addGroup("audio " + operator, List.of(operator));
        long id = outdial.api.add(AutodialerTask.autodial("audio " + operator).with("autodialerType", "GUARANTEED_DIAL")
                .with("groupId", group).threads(1));
        SimulatedPhone far = callee.phone("9900");
        int before = far.calls().size();
        outdial.api.addNumbers(id, List.of(number));
        Await.until("FINISHED", Duration.ofSeconds(20), () -> outdial.api.status(id).equals("FINISHED"));
        JsonNode record = outdial.history(id).getFirst();
        assertEquals("ANSWER", record.path("state").asText(), record::toString);
        assertEquals(operator, record.path("operatorNumber").asText());
        return Await.until("the callee recorded the call", Duration.ofSeconds(5), far::calls,
                c -> c.size() == before + 1).getLast();
    }

    @Test
    void baresipAsTheOperatorAndTheCalleeHearEachOthersTone() {
        String line = "9101";
        outdial.api.addPhone(line, PASSWORD + line);
        try (Baresip baresip = Baresip.start(BaresipSettings.of(line, "127.0.0.1", outdial.sipPort)
                .withPassword(PASSWORD + line).withTone(1200), Duration.ofSeconds(10))) {
            baresip.awaitRegistered(Duration.ofSeconds(10));
            Await.until("baresip's line online", Duration.ofSeconds(5), () -> outdial.api.lineStatus(line).equals("online"));

            CallRecord heardByCallee = callOneNumberTo(line, "380671110001");
            baresip.awaitCallsTerminated(1, Duration.ofSeconds(10));

            assertEquals(1200.0, heardByCallee.heardLastHz().orElse(-1), "the callee heard baresip's 1200 Hz: " + heardByCallee);
            List<Double> heardByOperator = baresip.heardTones();
            assertTrue(heardByOperator.contains((double) CALLEE_HZ), "baresip heard the callee's 700 Hz: " + heardByOperator);
            assertTrue(!heardByOperator.contains(1200.0), "and not its own tone echoed: " + heardByOperator);
        }
    }

    @Test
    void aSimulatedOperatorAndTheCalleeHearEachOthersTone() throws Exception {
        String line = "9201";
        outdial.api.addPhone(line, PASSWORD + line);
        try (OperatorPhones operator = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", outdial.sipPort, 9201, 1,
                PhoneBehaviour.answersUntilHungUp(Duration.ofMillis(50))).withLines(List.of(new PhoneLine(line, PASSWORD + line))))) {
            assertTrue(operator.awaitRegistered(Duration.ofSeconds(10)));
            Await.until("the operator's line online", Duration.ofSeconds(5), () -> outdial.api.lineStatus(line).equals("online"));
            int operatorHz = operator.phone(line).toneHz();

            CallRecord heardByCallee = callOneNumberTo(line, "380671110002");
            CallRecord heardByOperator = Await.until("the operator recorded the call", Duration.ofSeconds(5),
                    operator::calls, c -> c.size() == 1).getFirst();

            assertEquals(operatorHz, heardByCallee.heardLastHz().orElse(-1), "the callee heard the operator: " + heardByCallee);
            assertEquals(CALLEE_HZ, heardByOperator.heardLastHz().orElse(-1), "the operator heard the callee: " + heardByOperator);
            assertEquals(CallRecord.EndedBy.FAR_END, heardByOperator.endedBy(), "the callee's hang-up ended the operator's leg");
        }
    }
}
