package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.carrier.CalleeMix;
import org.outdial.testbed.carrier.CarrierSettings;
import org.outdial.testbed.carrier.SimulatedCarrier;
import org.outdial.testbed.phones.CallRecord;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * SMART's abandonment rule end to end (FCC 47 CFR 64.1200(a)(7): an operator on the line within
 * 2 s of the answer, or the call is abandoned): a whole Outdial server, the simulated carrier as
 * the callees (every number answers, and records what it heard and who hung up), and one simulated
 * operator phone that takes 3 s to pick up, so that no operator can be on the line within the
 * grace: the team is too small for every answered person. Each abandoned callee hears the
 * abandonment message (speech, many audible frames, not only the hold tone's 300 ms) and then
 * Outdial's BYE; the history says ANSW_NF_OP and GET_LIST's statistics count them.
 */
class SmartAbandonmentTest {

    private static final int CALLS = 3;

    @Test
    void answeredPeopleNoOperatorReachesInTimeHearTheMessageThenByeAndAreCounted() throws Exception {
        CalleeMix everyoneAnswers = new CalleeMix(11, 1.0, new CalleeMix.Span(Duration.ofMillis(100),
                Duration.ofMillis(300)), new CalleeMix.Span(Duration.ofSeconds(60), Duration.ofSeconds(60)));
        try (SimulatedCarrier carrier = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", 0, everyoneAnswers,
                CarrierSettings.DEFAULT_RING_CAP, false));
             OperatorsServer outdial = OperatorsServer.start(carrier.port(), Duration.ofSeconds(1),
                     Duration.ofSeconds(20), Duration.ofSeconds(30))) {
            List<PhoneLine> lines = PhoneLine.numbered(4101, 1, n -> "secret-" + n);
            outdial.api.addPhone("4101", "secret-4101");
            try (OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", outdial.sipPort,
                    4101, 1, PhoneBehaviour.answers(Duration.ofSeconds(3), DurationDraw.fixed(Duration.ofSeconds(1))))
                    .withLines(lines))) {
                assertTrue(phones.awaitRegistered(Duration.ofSeconds(10)), phones::summary);
                Await.until("line online", Duration.ofSeconds(5), () -> outdial.api.lineStatus("4101").equals("online"));
                long group = outdial.api.addGroup("slow team", List.of("4101"));
                long id = outdial.api.add(AutodialerTask.autodial("too few operators")
                        .with("autodialerType", "GUARANTEED_DIAL").with("autodialerMode", "SMART")
                        .with("smartSpeed", 0).with("groupId", group).with("markAsBusySeconds", 0));
                List<String> numbers = List.of("380674100001", "380674100002", "380674100003");
                outdial.api.addNumbers(id, numbers);
                Await.until("FINISHED", Duration.ofSeconds(90), () -> outdial.api.status(id).equals("FINISHED"));

                List<JsonNode> history = outdial.history(id);
                assertEquals(CALLS, history.size(), history::toString);
                for (JsonNode call : history) {
                    assertEquals("ANSW_NF_OP", call.path("state").asText(), call::toString);
                    assertEquals("outdial", call.path("hangupBy").asText(), call::toString);
                    assertEquals("4101", call.path("operatorNumber").asText(), "the one rung and cancelled: " + call);
                    assertTrue(call.path("secondsTalk").isNull(), "nobody talked to them: " + call);
                }
                assertEquals(CALLS, outdial.events(id).stream().filter("AUTODIAL_ANSW_NF_OP"::equals).count(),
                        outdial.events(id)::toString);

                List<SimulatedCarrier.HeardCall> heard = Await.until("the carrier saw every call end",
                        Duration.ofSeconds(10), carrier::answeredCalls, calls -> calls.size() == CALLS);
                for (SimulatedCarrier.HeardCall call : heard) {
                    assertTrue(call.byeFromCaller(), "Outdial hung up, after the message: " + call);
                    // The hold tone is 300 ms in every 5 s: at most 15 audible frames in the grace.
                    // The spoken message is seconds of speech.
                    assertTrue(call.audibleFrames() > 50, "the callee heard the message: " + call);
                }
                for (CallRecord offer : phones.calls()) {
                    assertEquals(CallRecord.Outcome.NOT_ANSWERED, offer.outcome(), "cancelled at the grace: " + offer);
                }
                assertEquals("WORK", outdial.workStatus("4101"), "a cancelled ring is not the operator's refusal");

                JsonNode abandonment = outdial.api.task(id).path("statistics").path("abandonment");
                assertEquals(CALLS, abandonment.path("window").path("liveAnswered").asLong(), abandonment::toString);
                assertEquals(CALLS, abandonment.path("window").path("abandoned").asLong(), abandonment::toString);
                assertEquals(100.0, abandonment.path("window").path("percent").asDouble(), abandonment::toString);
                assertEquals(CALLS, abandonment.path("today").path("abandoned").asLong(), abandonment::toString);
                assertEquals(CALLS, abandonedRows(outdial, id), "the ledger's record, which a restart loads");
            }
        }
    }

    private static long abandonedRows(OperatorsServer outdial, long id) throws Exception {
        try (Connection c = outdial.server.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*) FROM abandonment_call WHERE autodial_id = ? AND abandoned")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
