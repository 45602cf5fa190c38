package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.phones.CallRecord;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * A callee who hangs up while the operator's phone still rings: the offer is cancelled, the call
 * is ANSW_OP_NA with {@code hangupBy} callee, and the operator is not blamed (docs/DIALER.md: "A
 * callee who hangs up while the operator rings releases the claim (not the operator's doing)"),
 * so even with {@code pauseOperatorNoAnswerLimit} 1 they stay at WORK and take the next offer.
 * The callee is a simulated phone reached as the trunk (answers, hangs up after 1 s); the operator
 * picks up only after 3 s, within the 5 s operator ring timeout.
 */
class CalleeLeavesWhileTheOperatorRingsTest {

    private static final String PASSWORD = "secret-";

    @Test
    void theCancelledOfferIsAnsweredOpNaAndDoesNotCountAgainstTheOperator() throws Exception {
        int sip = LoopbackPorts.sipPort();
        PhoneLine calleeLine = new PhoneLine("9900", PASSWORD + "9900");
        PhoneLine operatorLine = new PhoneLine("9301", PASSWORD + "9301");
        try (OperatorPhones callee = OperatorPhones.start(new PhonesSettings("127.0.0.1", "127.0.0.1", sip,
                List.of(calleeLine), PhonesSettings.DEFAULT_EXPIRES, Duration.ofMillis(300),
                PhoneBehaviour.answers(Duration.ofMillis(20), DurationDraw.fixed(Duration.ofSeconds(1))), 700, 0, 1, "udp"));
             OperatorsServer outdial = OperatorsServer.start(sip, callee.phone("9900").sipPort(), Duration.ofSeconds(5),
                     Duration.ofSeconds(5), Duration.ofSeconds(30))) {
            outdial.api.addPhone(calleeLine.number(), calleeLine.password());
            outdial.api.addPhone(operatorLine.number(), operatorLine.password());
            try (OperatorPhones operator = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", sip, 9301, 1,
                    PhoneBehaviour.answers(Duration.ofSeconds(3), DurationDraw.fixed(Duration.ofMillis(200))))
                    .withLines(List.of(operatorLine)))) {
                assertTrue(operator.awaitRegistered(Duration.ofSeconds(10)));
                Await.until("the operator online", Duration.ofSeconds(5),
                        () -> outdial.api.lineStatus("9301").equals("online"));
                long group = outdial.api.addGroup("slow operator", List.of("9301"));
                long id = outdial.api.add(AutodialerTask.autodial("callee leaves").with("autodialerType", "GUARANTEED_DIAL")
                        .with("autodialerMode", "FREE").with("groupId", group).with("pauseOperatorNoAnswerLimit", 1)
                        .with("markAsBusySeconds", 0));
                outdial.api.addNumbers(id, List.of("380671230001", "380671230002"));
                Await.until("FINISHED (the operator was not paused after the first)", Duration.ofSeconds(30),
                        () -> outdial.api.status(id).equals("FINISHED"));

                for (JsonNode call : outdial.history(id)) {
                    assertEquals("ANSW_OP_NA", call.path("state").asText(), call::toString);
                    assertEquals("9301", call.path("operatorNumber").asText(), call::toString);
                    assertEquals("callee", call.path("hangupBy").asText(), call::toString);
                }
                List<CallRecord> offers = Await.until("both offers ended at the operator's phone", Duration.ofSeconds(5),
                        operator::calls, c -> c.size() == 2);
                for (CallRecord offer : offers) {
                    assertEquals(CallRecord.Outcome.NOT_ANSWERED, offer.outcome(), offer::toString);
                    assertEquals(CallRecord.EndedBy.FAR_END, offer.endedBy(), "Outdial cancelled the offer: " + offer);
                }
                assertEquals("WORK", outdial.workStatus("9301"));
                assertFalse(outdial.events(id).contains("AUTODIAL_USER_PAUSED"), outdial.events(id)::toString);
                Await.until("the operator online again", Duration.ofSeconds(3),
                        () -> outdial.api.lineStatus("9301").equals("online"));
            }
        }
    }
}
