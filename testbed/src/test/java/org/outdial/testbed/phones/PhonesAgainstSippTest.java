package org.outdial.testbed.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;
import org.outdial.testing.Await;

/**
 * The simulated operator phones against SIPp, a peer nobody here wrote: SIPp as the registrar
 * ({@code testbed/sipp/registrar.xml}, which checks each digest with its own {@code verifyauth})
 * and SIPp as the caller ({@code testbed/sipp/call-operator.xml}, with RTP echo so the phone hears
 * its own tone come back).
 */
class PhonesAgainstSippTest {

    private static final Duration SIPP_LIFETIME = Duration.ofSeconds(60);

    private static SippProcess registrar() {
        // -deadcall_wait 1: a phone's refresh reuses its Call-ID (RFC 3261 §10.2.4) and must be a new SIPp call.
        return SippProcess.uas(Sipp.scenario("registrar.xml"), SIPP_LIFETIME, "-trace_logs", "-deadcall_wait", "1");
    }

    private static OperatorPhones phones(SippProcess registrar, int count, PhoneBehaviour behaviour) throws Exception {
        return OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", registrar.sipPort(), 1001, count, behaviour));
    }

    /** SIPp calls {@code line} on its phone once per call, {@code calls} calls, at most {@code atOnce} at a time. */
    private static SippReport call(SimulatedPhone phone, int calls, int atOnce) {
        try (SippProcess caller = SippProcess.uac("127.0.0.1:" + phone.sipPort(), SIPP_LIFETIME, List.of(
                "-sf", Sipp.scenario("call-operator.xml").toAbsolutePath().toString(), "-s", phone.number(),
                "-m", Integer.toString(calls), "-l", Integer.toString(atOnce), "-rtp_echo", "-trace_logs"))) {
            return caller.awaitExit(Duration.ofSeconds(30));
        }
    }

    private static List<String> logged(SippReport report, String prefix) {
        List<String> lines = new ArrayList<>();
        for (String line : report.output().split("\n")) {
            if (line.startsWith(prefix)) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    @Test
    void phonesRegisterWithTheirPasswordsRefreshBeforeExpiryAndUnregisterOnClose() throws Exception {
        SippReport report;
        try (SippProcess registrar = registrar()) {
            try (OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1",
                    registrar.sipPort(), 1001, 3, PhoneBehaviour.realistic()).withExpires(Duration.ofSeconds(2)))) {
                assertTrue(phones.awaitRegistered(Duration.ofSeconds(5)), () -> "all registered: " + phones.phones());
                assertEquals(3, phones.registeredCount());
                // 2 s granted: each phone refreshes after 1 s.
                Await.until("every phone refreshed once", Duration.ofSeconds(5),
                        () -> phones.stats().stream().allMatch(s -> s.registrations() >= 2));
                phones.phones().forEach(p -> assertEquals(200, p.lastRegisterStatus()));
            }
            report = registrar.stop();
        }
        List<String> ok = logged(report, "AUTH-OK");
        for (String line : List.of("1001", "1002", "1003")) {
            assertTrue(ok.stream().filter(l -> l.equals("AUTH-OK " + line + " Expires: 2")).count() >= 2,
                    () -> "SIPp verified the REGISTER and its refresh of " + line + ": " + ok);
            assertTrue(ok.contains("AUTH-OK " + line + " Expires: 0"), () -> "un-REGISTER of " + line + ": " + ok);
        }
        assertEquals(List.of(), logged(report, "AUTH-FAILED"));
    }

    @Test
    void phonesRegisterAndAreCalledOverTcp() throws Exception {
        SippReport report;
        try (SippProcess registrar = SippProcess.uas(Sipp.scenario("registrar.xml"), SIPP_LIFETIME, "-t", "t1",
                "-trace_logs", "-deadcall_wait", "1")) {
            try (OperatorPhones phones = OperatorPhones.start(PhonesSettings.loopback("127.0.0.1", registrar.sipPort(),
                    1001, 2, PhoneBehaviour.answers(Duration.ofMillis(100), DurationDraw.fixed(Duration.ofMillis(500))))
                    .withTransport("tcp"))) {
                assertTrue(phones.awaitRegistered(Duration.ofSeconds(5)), () -> phones.phones().toString());
                SimulatedPhone phone = phones.phone("1002");
                SippReport call;
                try (SippProcess caller = SippProcess.uac("127.0.0.1:" + phone.sipPort(), SIPP_LIFETIME, List.of(
                        "-sf", Sipp.scenario("call-operator.xml").toAbsolutePath().toString(), "-s", "1002",
                        "-m", "1", "-t", "t1", "-rtp_echo", "-trace_logs"))) {
                    call = caller.awaitExit(Duration.ofSeconds(20));
                }
                assertEquals(List.of("ANSWERED PHONE-HUNG-UP"), logged(call, "ANSWERED"), call::output);
                assertEquals(1, phone.stats().answered());
            }
            report = registrar.stop();
        }
        List<String> ok = logged(report, "AUTH-OK");
        assertTrue(ok.contains("AUTH-OK 1001 Expires: 120") && ok.contains("AUTH-OK 1002 Expires: 0"), ok::toString);
    }

    @Test
    void aWrongPasswordNeverRegisters() throws Exception {
        SippReport report;
        try (SippProcess registrar = registrar()) {
            PhonesSettings settings = PhonesSettings.loopback("127.0.0.1", registrar.sipPort(), 1001, 2,
                    PhoneBehaviour.realistic()).withRegisterRetry(Duration.ofMillis(300));
            settings = settings.withLines(List.of(new PhoneLine("1001", "pw1001"), new PhoneLine("1002", "guess")));
            try (OperatorPhones phones = OperatorPhones.start(settings)) {
                assertTrue(phones.phone("1001").awaitRegistered(Duration.ofSeconds(5)));
                SimulatedPhone wrong = phones.phone("1002");
                Await.until("1002 tried and was refused three times", Duration.ofSeconds(5),
                        wrong::registerFailures, n -> n >= 3);
                assertFalse(wrong.isRegistered(), "1002 with a wrong password registered");
                assertEquals(0, wrong.stats().registrations());
                assertEquals(403, wrong.lastRegisterStatus());
            }
            report = registrar.stop();
        }
        List<String> failed = logged(report, "AUTH-FAILED");
        assertTrue(failed.size() >= 3 && failed.stream().allMatch(l -> l.equals("AUTH-FAILED 1002")),
                () -> "SIPp rejected 1002's digest on each retry: " + failed);
        assertTrue(logged(report, "AUTH-OK").stream().noneMatch(l -> l.startsWith("AUTH-OK 1002")));
    }

    @Test
    void answeringPhoneHearsTheEchoOfItsToneAndHangsUpAfterItsTalkTime() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 2, PhoneBehaviour.answers(Duration.ofMillis(200),
                     DurationDraw.fixed(Duration.ofMillis(1200))))) {
            SimulatedPhone phone = phones.phone("1002");
            SippReport report = call(phone, 1, 1);

            assertEquals(1, report.successfulCalls(), report::output);
            assertEquals(List.of("ANSWERED PHONE-HUNG-UP"), logged(report, "ANSWERED"));
            CallRecord call = Await.until("the call is recorded", Duration.ofSeconds(3), phone::calls,
                    c -> c.size() == 1).getFirst();
            assertEquals(CallRecord.Outcome.ANSWERED, call.outcome(), call::toString);
            assertEquals(CallRecord.EndedBy.PHONE, call.endedBy());
            assertEquals(200, call.status());
            assertEquals("380671234567", call.caller());
            assertEquals("Caller 1", call.callerName());
            assertEquals("sipp-test", call.headers().get("X-Campaign"), call.headers()::toString);
            assertTrue(call.firstAudioAt().isPresent(), "the echo's first frame arrived");
            assertTrue(call.answeredAt().orElseThrow().compareTo(call.offeredAt()) >= 0);
            assertEquals(phone.toneHz(), call.heardFirstHz().orElse(-1), 0.0, "heard its own tone back from SIPp");
            assertEquals(750, phone.toneHz(), "phone 1002 plays the second tone");
            long talk = call.talk().toMillis();
            assertTrue(talk >= 1150 && talk < 2000, "talked about 1.2 s, was " + talk + " ms");
            PhoneStats stats = phone.stats();
            assertEquals(1, stats.offered());
            assertEquals(1, stats.answered());
            assertEquals(0, stats.concurrentOffers());
            assertEquals(0, phones.phone("1001").stats().offered(), "the other phone was not offered anything");
        }
    }

    @Test
    void manyCallsInARowLeaveNoCallOrRtpSessionBehind() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.answers(Duration.ofMillis(20),
                     DurationDraw.uniform(Duration.ofMillis(250), Duration.ofMillis(350))))) {
            SimulatedPhone phone = phones.phone("1001");
            SippReport report = call(phone, 25, 1);

            assertEquals(25, report.successfulCalls(), report::output);
            Await.until("25 calls recorded", Duration.ofSeconds(3), () -> phone.calls().size(), n -> n == 25);
            // 250 ms of talk leaves time for the echo and ToneHearing's 100 ms of steady tone.
            assertTrue(phone.calls().stream().allMatch(c -> c.outcome() == CallRecord.Outcome.ANSWERED
                    && c.endedBy() == CallRecord.EndedBy.PHONE && c.heardFirstHz().isPresent()), phone.calls()::toString);
            assertEquals(0, phone.callsInProgress());
            Await.until("every RTP port back", Duration.ofSeconds(2), phones::openRtpSessions, n -> n == 0);
            assertEquals(0, phone.stats().concurrentOffers());
        }
    }

    @Test
    void phoneWithoutTalkTimeStaysUntilTheCallerHangsUp() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.answersUntilHungUp(Duration.ofMillis(100)))) {
            SimulatedPhone phone = phones.phone("1001");
            SippReport report = call(phone, 1, 1);

            assertEquals(List.of("ANSWERED CALLER-HUNG-UP"), logged(report, "ANSWERED"), report::output);
            CallRecord call = Await.until("the call is recorded", Duration.ofSeconds(3), phone::calls,
                    c -> c.size() == 1).getFirst();
            assertEquals(CallRecord.Outcome.ANSWERED, call.outcome());
            assertEquals(CallRecord.EndedBy.FAR_END, call.endedBy());
            assertTrue(call.talk().toMillis() >= 1900, "SIPp waited 2 s for a BYE first: " + call.talk());
        }
    }

    @Test
    void phoneToldToRefuseDeclinesWith486Or603AfterRinging() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.realistic())) {
            SimulatedPhone phone = phones.phone("1001");
            phone.behave(PhoneBehaviour.refuses(Duration.ofMillis(100)));
            SippReport report = call(phone, 6, 1);

            List<String> refusals = logged(report, "REFUSED");
            assertEquals(6, refusals.size(), report::output);
            assertTrue(refusals.stream().allMatch(l -> l.equals("REFUSED 486") || l.equals("REFUSED 603")), refusals::toString);
            List<CallRecord> calls = Await.until("six calls recorded", Duration.ofSeconds(3), phone::calls,
                    c -> c.size() == 6);
            for (CallRecord call : calls) {
                assertEquals(CallRecord.Outcome.REFUSED, call.outcome());
                assertTrue(Set.of(486, 603).contains(call.status()), call::toString);
                assertEquals(CallRecord.EndedBy.PHONE, call.endedBy());
                assertTrue(call.answeredAt().isEmpty());
            }
            assertEquals(6, phone.stats().refused());
            assertEquals(0, phone.stats().answered());
        }
    }

    @Test
    void unansweredPhoneRingsUntilTheCallerCancels() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.neverAnswers())) {
            SimulatedPhone phone = phones.phone("1001");
            SippReport report = call(phone, 1, 1);

            assertEquals(List.of("CANCELLED"), logged(report, "CANCELLED"), report::output);
            CallRecord call = Await.until("the call is recorded", Duration.ofSeconds(3), phone::calls,
                    c -> c.size() == 1).getFirst();
            assertEquals(CallRecord.Outcome.NOT_ANSWERED, call.outcome());
            assertEquals(487, call.status());
            assertEquals(CallRecord.EndedBy.FAR_END, call.endedBy());
            assertEquals(1, phone.stats().notAnswered());
        }
    }

    @Test
    void secondCallOfferedWhileTheFirstIsUpIsBusyAndCountedAsAViolation() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.answersUntilHungUp(Duration.ofMillis(300)))) {
            SimulatedPhone phone = phones.phone("1001");
            SippReport report = call(phone, 2, 2);

            assertEquals(List.of("REFUSED 486"), logged(report, "REFUSED"), report::output);
            assertEquals(List.of("ANSWERED CALLER-HUNG-UP"), logged(report, "ANSWERED"));
            assertEquals(1, phone.stats().concurrentOffers());
            assertEquals(1, phones.concurrentOffers());
            assertTrue(phone.calls().stream().anyMatch(c -> c.outcome() == CallRecord.Outcome.BUSY_WITH_ANOTHER));
        }
    }

    @Test
    void vanishedPhoneStopsAnsweringOptionsAndDoesNotUnregister() throws Exception {
        SippReport report;
        try (SippProcess registrar = registrar()) {
            try (OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.realistic())) {
                SimulatedPhone phone = phones.phone("1001");
                assertTrue(phone.awaitRegistered(Duration.ofSeconds(5)));
                assertTrue(OptionsProbe.answered(phone.sipPort(), Duration.ofSeconds(2)), "answers OPTIONS while on line");

                phone.vanish();

                assertFalse(OptionsProbe.answered(phone.sipPort(), Duration.ofSeconds(1)), "answered OPTIONS after vanishing");
                assertFalse(phone.isRegistered());
            }
            report = registrar.stop();
        }
        List<String> ok = logged(report, "AUTH-OK");
        assertEquals(List.of("AUTH-OK 1001 Expires: 120"), ok, "registered once, never removed: " + ok);
    }

    @Test
    void vanishedPhoneThatReappearsRegistersAndAnswersAgain() throws Exception {
        try (SippProcess registrar = registrar();
             OperatorPhones phones = phones(registrar, 1, PhoneBehaviour.realistic())) {
            SimulatedPhone phone = phones.phone("1001");
            assertTrue(phone.awaitRegistered(Duration.ofSeconds(5)));
            phone.vanish();
            assertFalse(OptionsProbe.answered(phone.sipPort(), Duration.ofMillis(500)));

            phone.reappear();

            assertTrue(phone.awaitRegistered(Duration.ofSeconds(5)));
            assertEquals(2, phone.stats().registrations());
            assertTrue(OptionsProbe.answered(phone.sipPort(), Duration.ofSeconds(2)));
        }
    }
}
