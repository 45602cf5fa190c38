package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.outdial.testbed.phones.CallRecord;
import org.outdial.testbed.phones.DurationDraw;
import org.outdial.testbed.phones.OperatorPhones;
import org.outdial.testbed.phones.PhoneBehaviour;
import org.outdial.testbed.phones.PhoneLine;
import org.outdial.testbed.phones.PhonesSettings;
import org.outdial.testbed.phones.SimulatedPhone;
import org.outdial.testbed.sipp.CalleeNumbers;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testing.Await;

/**
 * Operators' behaviours against a real Outdial server: the operators are the testbed's simulated
 * phones (JAIN-SIP, real RTP, each records every call it was offered), the trunk is SIPp's callee.
 * One server and one SIPp for the class; each test has its own lines, group and campaign.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorsWithSimulatedPhonesTest {

    /** registrar.keep-alive-interval, with one miss taking a line offline: a vanished phone is offline within 2 s. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration OPERATOR_RING = Duration.ofSeconds(1);
    private static final String PASSWORD = "secret-";

    private SippProcess callee;
    private OperatorsServer outdial;

    @BeforeAll
    void start() {
        callee = SippProcess.callee(Duration.ofMinutes(5));
        outdial = OperatorsServer.start(callee.sipPort(), KEEP_ALIVE, OPERATOR_RING, Duration.ofSeconds(30));
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

    /** Lines {@code first..first+count-1} added over the API, in a new group, with phones registered to them. */
    private OperatorPhones phones(int first, int count, PhoneBehaviour behaviour) throws Exception {
        List<PhoneLine> lines = PhoneLine.numbered(first, count, n -> PASSWORD + n);
        for (PhoneLine line : lines) {
            outdial.api.addPhone(line.number(), line.password());
        }
        OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", outdial.sipPort, first, count,
                behaviour).withLines(lines));
        assertTrue(phones.awaitRegistered(Duration.ofSeconds(10)), phones::summary);
        Await.until("lines online", Duration.ofSeconds(5),
                () -> lines.stream().allMatch(l -> outdial.api.lineStatus(l.number()).equals("online")));
        return phones;
    }

    private long group(String name, OperatorPhones phones) {
        return outdial.api.addGroup(name, phones.phones().stream().map(SimulatedPhone::number).toList());
    }

    private static List<String> numbers(String prefix, int count, String tail) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(prefix + String.format("%02d", i) + tail); // 12 digits: 38067 + 3 + 2 + 4-digit tail
        }
        return numbers;
    }

    private static AutodialerTask guaranteedFree(String name, long group) {
        return AutodialerTask.autodial(name).with("autodialerType", "GUARANTEED_DIAL").with("autodialerMode", "FREE")
                .with("groupId", group);
    }

    private void runToTheEnd(long id, List<String> numbers, Duration timeout) {
        outdial.api.addNumbers(id, numbers);
        Await.until("FINISHED", timeout, () -> outdial.api.status(id).equals("FINISHED"));
    }

    private static Map<String, Long> answeredPerPhone(OperatorPhones phones) {
        Map<String, Long> answered = new TreeMap<>();
        phones.stats().forEach(s -> {
            if (s.answered() > 0) {
                answered.put(s.phone(), s.answered());
            }
        });
        return answered;
    }

    private static Map<String, Long> answerRecordsPerOperator(List<JsonNode> history) {
        Map<String, Long> answered = new TreeMap<>();
        for (JsonNode call : history) {
            if (call.path("state").asText().equals("ANSWER")) {
                answered.merge(call.path("operatorNumber").asText("(none)"), 1L, Long::sum);
            }
        }
        return answered;
    }

    @Test
    void anOperatorWhoDoesNotAnswerIsSkippedAndPausedAfterTheNoAnswerLimit() throws Exception {
        try (OperatorPhones phones = phones(3001, 3, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofMillis(300))))) {
            SimulatedPhone silent = phones.phone("3001");
            silent.behave(PhoneBehaviour.neverAnswers());
            long id = outdial.api.add(guaranteedFree("no answer", group("no answer", phones))
                    .with("pauseOperatorNoAnswerLimit", 2).with("markAsBusySeconds", 0));
            runToTheEnd(id, numbers("380673", 20, "0001"), Duration.ofSeconds(60));

            List<JsonNode> history = outdial.history(id);
            assertEquals(20, outdial.api.stateCount(id, "ANSWER"), "every call reached an operator: " + history);
            assertEquals(2, silent.stats().offered(), "offered until the limit, then no more: " + phones.summary());
            for (CallRecord rang : silent.calls()) {
                assertEquals(CallRecord.Outcome.NOT_ANSWERED, rang.outcome());
                JsonNode record = history.stream().filter(c -> c.path("phone").asText().equals(rang.caller()))
                        .findFirst().orElseThrow(() -> new AssertionError("no record for " + rang));
                assertEquals("ANSWER", record.path("state").asText(), "the call went on to another operator: " + record);
                assertTrue(Set.of("3002", "3003").contains(record.path("operatorNumber").asText()), record::toString);
            }
            assertEquals(answeredPerPhone(phones), answerRecordsPerOperator(history));
            assertFalse(answerRecordsPerOperator(history).containsKey("3001"));
            assertEquals("PAUS", outdial.workStatus("3001"), "the silent operator's work status");
            assertEquals(List.of("AUTODIAL_USER_PAUSED"), outdial.events(id).stream()
                    .filter(e -> e.equals("AUTODIAL_USER_PAUSED")).toList(), "one pause event: " + outdial.events(id));
            assertEquals(0, phones.concurrentOffers(), phones.summary());

            // setStatus WORK brings the operator back (docs/API.md): the next campaign offers them calls again.
            silent.behave(PhoneBehaviour.answers(Duration.ofMillis(50), DurationDraw.fixed(Duration.ofMillis(300))));
            outdial.api.setWorkStatus("3001", "WORK");
            assertEquals("WORK", outdial.workStatus("3001"));
            long again = outdial.api.add(guaranteedFree("back at work", group("back at work", phones))
                    .with("pauseOperatorNoAnswerLimit", 2).with("markAsBusySeconds", 0));
            runToTheEnd(again, numbers("380672", 9, "0001"), Duration.ofSeconds(60));
            assertEquals(9, outdial.api.stateCount(again, "ANSWER"));
            assertTrue(answerRecordsPerOperator(outdial.history(again)).getOrDefault("3001", 0L) > 0,
                    "the operator set back to WORK took calls: " + phones.summary());
        }
    }

    @Test
    void theWrapUpAfterALongEnoughTalkKeepsTheOperatorFromTheNextCall() throws Exception {
        Duration wrapUp = Duration.ofSeconds(2);
        try (OperatorPhones phones = phones(4001, 1, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofMillis(1200))))) {
            long id = outdial.api.add(guaranteedFree("wrap-up", group("wrap-up", phones))
                    .with("markAsBusySeconds", wrapUp.toSeconds()).with("markAsBusyMinSecondsTalk", 1));
            runToTheEnd(id, numbers("380674", 3, "0001"), Duration.ofSeconds(60));

            assertEquals(3, outdial.api.stateCount(id, "ANSWER"));
            List<CallRecord> calls = phones.calls();
            assertEquals(3, calls.size(), phones.summary());
            for (int i = 1; i < calls.size(); i++) {
                CallRecord before = calls.get(i - 1);
                Instant ended = before.answeredAt().orElseThrow().plus(before.talk());
                Duration gap = Duration.between(ended, calls.get(i).offeredAt());
                assertTrue(before.talk().compareTo(Duration.ofSeconds(1)) >= 0, "a talk of at least 1 s: " + before);
                assertTrue(gap.compareTo(wrapUp) >= 0, "offered " + gap.toMillis() + " ms after the previous talk ended,"
                        + " within the " + wrapUp.toSeconds() + " s wrap-up");
            }
        }
    }

    @Test
    void aTalkShorterThanTheMinimumLeavesNoWrapUp() throws Exception {
        Duration wrapUp = Duration.ofSeconds(2);
        try (OperatorPhones phones = phones(4101, 1, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofMillis(300))))) {
            long id = outdial.api.add(guaranteedFree("short talks", group("short talks", phones))
                    .with("markAsBusySeconds", wrapUp.toSeconds()).with("markAsBusyMinSecondsTalk", 1));
            runToTheEnd(id, numbers("380674", 3, "0002"), Duration.ofSeconds(60));

            assertEquals(3, outdial.api.stateCount(id, "ANSWER"));
            List<CallRecord> calls = phones.calls();
            assertEquals(3, calls.size(), phones.summary());
            for (int i = 1; i < calls.size(); i++) {
                CallRecord before = calls.get(i - 1);
                Duration gap = Duration.between(before.answeredAt().orElseThrow().plus(before.talk()),
                        calls.get(i).offeredAt());
                assertTrue(gap.compareTo(wrapUp) < 0, "a 300 ms talk is under markAsBusyMinSecondsTalk: no wrap-up,"
                        + " yet the next offer came " + gap.toMillis() + " ms after it");
            }
        }
    }

    @Test
    void aPhoneThatVanishesGoesOfflineWithinTheKeepAliveBoundAndItsCallsGoToTheOthers() throws Exception {
        try (OperatorPhones phones = phones(5001, 2, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofMillis(300))))) {
            long group = group("vanishing", phones);
            long first = outdial.api.add(guaranteedFree("before vanishing", group).with("markAsBusySeconds", 0));
            runToTheEnd(first, numbers("380675", 10, "0001"), Duration.ofSeconds(60));
            SimulatedPhone vanishing = phones.phone("5001");
            assertTrue(vanishing.stats().answered() > 0, "both operators took calls: " + phones.summary());

            vanishing.vanish();
            long vanishedAt = System.nanoTime();
            // One missed OPTIONS takes the line offline: within (misses + 1) × interval = 2 s, plus scheduling slack.
            Await.until("5001 offline", KEEP_ALIVE.multipliedBy(2).plusMillis(1500),
                    () -> outdial.api.lineStatus("5001").equals("offline"));
            System.out.printf("vanished phone offline after %d ms%n", (System.nanoTime() - vanishedAt) / 1_000_000);
            assertEquals("online", outdial.api.lineStatus("5002"));

            long second = outdial.api.add(guaranteedFree("after vanishing", group).with("markAsBusySeconds", 0));
            runToTheEnd(second, numbers("380676", 10, "0001"), Duration.ofSeconds(60));
            assertEquals(10, outdial.api.stateCount(second, "ANSWER"));
            // A vanished simulated phone ignores (and does not count) what still arrives, so "no INVITE came"
            // is shown from the phone's side in DeadOperatorPhoneTest, where the test holds the dead port.
            assertEquals(Map.of("5002", 10L), answerRecordsPerOperator(outdial.history(second)));
        }
    }

    @Test
    void guaranteedDialWithScarceOperatorsNeverLeavesAnAnsweredCalleeWithoutAnOffer() throws Exception {
        // Two operators for ten lines; they let 30 % of the offers ring out (the 1 s operator ring timeout).
        // (Not 486: a 486 parks the line as busy elsewhere for 30 s, which only makes the test slow.)
        PhoneBehaviour sometimesDeclines = new PhoneBehaviour(DurationDraw.fixed(Duration.ofMillis(50)),
                Optional.of(DurationDraw.fixed(Duration.ofMillis(200))), 0, 0.3, PhoneBehaviour.DEFAULT_RING_CAP);
        try (OperatorPhones phones = phones(6001, 2, sometimesDeclines)) {
            long id = outdial.api.add(AutodialerTask.autodial("scarce").with("autodialerType", "GUARANTEED_DIAL")
                    .with("groupId", group("scarce", phones)).threads(10));
            List<String> numbers = new ArrayList<>();
            numbers.addAll(numbers("380677", 30, "0001"));                        // answer, stay until BYE
            numbers.addAll(numbers("380678", 5, CalleeNumbers.finalResponse(486))); // busy
            numbers.addAll(numbers("380679", 5, CalleeNumbers.ANSWER_THEN_HANG_UP)); // hangs up after 2 s
            runToTheEnd(id, numbers, Duration.ofSeconds(90));

            List<JsonNode> history = outdial.history(id);
            Map<String, Long> states = new TreeMap<>();
            history.forEach(c -> states.merge(c.path("state").asText(), 1L, Long::sum));
            System.out.println("scarce GUARANTEED_DIAL: " + states + "\n" + phones.summary());
            assertEquals(40, history.size());
            assertEquals(0, outdial.api.stateCount(id, "ANSW_NF_OP"), "no ANSW_NF_OP: " + states);
            assertFalse(states.containsKey("ANSW_NF_OP"), states::toString);
            assertFalse(outdial.events(id).contains("AUTODIAL_ANSW_NF_OP"));
            assertTrue(Set.of("ANSWER", "ANSW_OP_NA", "ANSW_RJCT", "BUSY").containsAll(states.keySet()), states::toString);
            assertEquals(5, states.getOrDefault("BUSY", 0L));
            assertTrue(states.getOrDefault("ANSWER", 0L) > 0, states::toString);
            assertEquals(answeredPerPhone(phones), answerRecordsPerOperator(history));
            assertEquals(0, phones.concurrentOffers(), phones.summary());
            // An operator reserved for a callee who never answered is given back without being rung.
            List<String> busy = numbers("380678", 5, CalleeNumbers.finalResponse(486));
            for (CallRecord offer : phones.calls()) {
                assertFalse(busy.contains(offer.caller()), "an operator was rung for a busy callee: " + offer);
            }
        }
    }

    @Test
    void callsHangupByTheOperatorsLineEndsTheirAutodialerCallOnBothLegs() throws Exception {
        OperatorPhones phones = phones(7101, 1, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofSeconds(60))));
        try {
            SimulatedPhone phone = phones.phone("7101");
            long id = outdial.api.add(AutodialerTask.autodial("hangup").with("autodialerType", "GUARANTEED_DIAL")
                    .with("groupId", group("hangup", phones)).threads(1));
            outdial.api.addNumbers(id, numbers("380671", 1, "0001"));
            Await.until("the phone is talking", Duration.ofSeconds(10), () -> phone.callsInProgress() == 1);
            // Talking, not only ringing: the phone answers 50 ms after the INVITE; the bridge follows.
            Await.until("the operator answered", Duration.ofSeconds(5), () -> phone.stats().answered() == 1);
            assertEquals("Found: 0", hangup("7199").path("message").asText(), "no call on that line");

            Instant asked = Instant.now();
            assertEquals("Found: 1", hangup("7101").path("message").asText());

            Await.until("the call ended at the phone", Duration.ofSeconds(5), () -> phone.calls().size() == 1);
            assertTrue(Duration.between(asked, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0);
            Await.until("FINISHED", Duration.ofSeconds(10), () -> outdial.api.status(id).equals("FINISHED"));
            JsonNode record = outdial.history(id).getFirst();
            assertEquals("ANSWER", record.path("state").asText(), record.toString());
            assertEquals("7101", record.path("operatorNumber").asText(), record.toString());
            assertEquals("outdial", record.path("hangupBy").asText(), record.toString());
            assertTrue(record.path("secondsTalk").asInt() < 30, "hung up long before the phone's 60 s: " + record);
        } finally {
            phones.close();
        }
    }

    private JsonNode hangup(String number) {
        return outdial.api.post("calls/hangup",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("number", number));
    }

    @Test
    void phonesInnerSaysBusyDuringACallOnlineAfterItAndOfflineAfterTheUnregister() throws Exception {
        OperatorPhones phones = phones(7001, 1, PhoneBehaviour.answers(Duration.ofMillis(50),
                DurationDraw.fixed(Duration.ofSeconds(3))));
        try {
            SimulatedPhone phone = phones.phone("7001");
            assertEquals("online", outdial.api.lineStatus("7001"));
            long id = outdial.api.add(AutodialerTask.autodial("presence").with("autodialerType", "GUARANTEED_DIAL")
                    .with("groupId", group("presence", phones)).threads(1));
            outdial.api.addNumbers(id, numbers("380670", 1, "0001"));

            Await.until("the phone is talking", Duration.ofSeconds(10), () -> phone.callsInProgress() == 1);
            Await.until("busy while the call is up", Duration.ofSeconds(2),
                    () -> outdial.api.lineStatus("7001").equals("busy"));
            assertEquals(1, phone.callsInProgress(), "still in the call when busy was seen");
            assertEquals(List.of(), phone.calls(), "the call has not ended yet");

            Await.until("the call ended at the phone", Duration.ofSeconds(10), () -> phone.calls().size() == 1);
            Await.until("online after the call", Duration.ofSeconds(3),
                    () -> outdial.api.lineStatus("7001").equals("online"));
            Await.until("FINISHED", Duration.ofSeconds(10), () -> outdial.api.status(id).equals("FINISHED"));
            assertEquals(1, outdial.api.stateCount(id, "ANSWER"));
        } finally {
            phones.close(); // un-REGISTERs (Expires: 0)
        }
        Await.until("offline after the un-REGISTER", Duration.ofSeconds(3),
                () -> outdial.api.lineStatus("7001").equals("offline"));
    }

    @Test
    void aPhoneWithAWrongPasswordNeverRegisters() throws Exception {
        outdial.api.addPhone("8001", PASSWORD + "8001");
        try (OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", outdial.sipPort, 8001, 1,
                PhoneBehaviour.neverAnswers()).withLines(List.of(new PhoneLine("8001", "not-the-password")))
                .withRegisterRetry(Duration.ofMillis(300)))) {
            SimulatedPhone phone = phones.phone("8001");
            Await.until("two refused REGISTERs", Duration.ofSeconds(10), () -> phone.registerFailures() >= 2);
            assertFalse(phone.isRegistered());
            assertEquals("offline", outdial.api.lineStatus("8001"));
        }
    }
}
