package org.outdial.testbed.baresip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.testbed.sipp.Sipp;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;

/**
 * Debian's baresip driven as an operator's softphone against SIPp: it registers with digest auth
 * to SIPp's registrar scenario (SIPp's verifyauth checks the answer) and auto-answers a call from
 * SIPp's caller scenario, hearing SIPp's echo of its own tone. Fails, never skips, without baresip.
 */
class BaresipAgainstSippTest {

    private static final Duration SIPP_LIFETIME = Duration.ofSeconds(60);

    private static SippProcess registrar() {
        return SippProcess.uas(Sipp.scenario("registrar.xml"), SIPP_LIFETIME, "-trace_logs", "-deadcall_wait", "1");
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
    void baresipRegistersWithDigestAuthAndAutoAnswersACallHearingItsEchoedTone() {
        SippReport registration;
        try (SippProcess registrar = registrar()) {
            try (Baresip baresip = Baresip.start(BaresipSettings.of("1001", "127.0.0.1", registrar.sipPort())
                    .withTone(1200), Duration.ofSeconds(10))) {
                baresip.awaitRegistered(Duration.ofSeconds(10));

                SippReport call;
                try (SippProcess caller = SippProcess.uac("127.0.0.1:" + baresip.sipPort(), SIPP_LIFETIME, List.of(
                        "-sf", Sipp.scenario("call-operator.xml").toAbsolutePath().toString(), "-s", "1001",
                        "-m", "1", "-rtp_echo", "-trace_logs"))) {
                    call = caller.awaitExit(Duration.ofSeconds(20));
                }
                assertEquals(1, call.successfulCalls(), () -> call.output() + "\n" + baresip.output());
                assertEquals(List.of("ANSWERED CALLER-HUNG-UP"), logged(call, "ANSWERED"), call::output);
                baresip.awaitCallsTerminated(1, Duration.ofSeconds(5));
                List<Double> heard = baresip.heardTones();
                assertTrue(heard.contains(1200.0), "baresip heard its 1200 Hz back through SIPp's echo: " + heard);
                assertTrue(baresip.command("reginfo", "").contains("\"ok\":true"));
            }
            registration = registrar.stop();
        }
        List<String> ok = logged(registration, "AUTH-OK 1001");
        assertTrue(ok.size() >= 2, "SIPp verified baresip's REGISTER and its un-REGISTER at exit: " + ok);
        assertEquals(List.of(), logged(registration, "AUTH-FAILED"));
    }

    @Test
    void baresipRegistersOverTcpToo() {
        SippReport registration;
        try (SippProcess registrar = SippProcess.uas(Sipp.scenario("registrar.xml"), SIPP_LIFETIME, "-t", "t1",
                "-trace_logs", "-deadcall_wait", "1")) {
            try (Baresip baresip = Baresip.start(BaresipSettings.of("1003", "127.0.0.1", registrar.sipPort())
                    .withTransport("tcp"), Duration.ofSeconds(10))) {
                baresip.awaitRegistered(Duration.ofSeconds(10));
                assertTrue(baresip.output().contains("{0/TCP/v4} 200 OK"), baresip::output);
            }
            registration = registrar.stop();
        }
        assertTrue(logged(registration, "AUTH-OK 1003").size() >= 1, registration::output);
    }

    @Test
    void missingBaresipFailsNamingTheDebianPackage() {
        BaresipException e = assertThrows(BaresipException.class, () -> Baresip.executable("/nonexistent/bin"));
        assertTrue(e.getMessage().contains("baresip-core"), e.getMessage());
    }

    @Test
    void baresipWithAWrongPasswordIsNeverRegistered() {
        SippReport registration;
        try (SippProcess registrar = registrar();
             Baresip baresip = Baresip.start(BaresipSettings.of("1002", "127.0.0.1", registrar.sipPort())
                     .withPassword("guess"), Duration.ofSeconds(10))) {
            assertThrows(BaresipException.class, () -> baresip.awaitRegistered(Duration.ofSeconds(2)));
            assertTrue(baresip.registrationFailed(), baresip::output);
            baresip.close();
            registration = registrar.stop();
        }
        assertTrue(logged(registration, "AUTH-FAILED 1002").size() >= 1, registration::output);
        assertEquals(List.of(), logged(registration, "AUTH-OK"));
    }
}
