package org.outdial.testbed.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.call.Telephony;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;
import org.outdial.sip.registrar.LineCredentials;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.stack.SipSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.sipp.SippProcess;
import org.outdial.testbed.sipp.SippReport;
import org.outdial.testing.Await;

/** Outdial's registrar and calls to registered lines, with SIPp as the operator's phone. */
class RegistrarAgainstSippTest {

    static final String LINE = "4030";
    static final String PASSWORD = "s3cret-4030";
    /** Keep-alive every second, offline after two misses: gone within 3 s. */
    static final RegistrarSettings SETTINGS = new RegistrarSettings(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(3600), Duration.ofSeconds(1), 2, Duration.ofMinutes(5), 5, Duration.ofMinutes(1),
            Duration.ofMinutes(5));

    private MediaEngine media;
    private SipTelephony telephony;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        int rtp = LoopbackPorts.evenRange(20);
        media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 19), 1);
        LineCredentials lines = line -> line.equals(LINE) ? Optional.of(PASSWORD) : Optional.empty();
        telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()), List.of(),
                new RtpMediaLegs(media), SETTINGS, lines);
        telephony.onRegistration(listener);
    }

    @AfterEach
    void stop() {
        telephony.close();
        media.close();
    }

    private int port() {
        return telephony.settings().port();
    }

    @Test
    void aPhoneWithTheRightPasswordIsRegisteredWhereItSentFrom() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofSeconds(30), 600)) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            Registration registration = telephony.registration(LINE).orElseThrow();
            assertEquals("udp", registration.transport());
            assertEquals(phone.sipPort(), registration.reachedAt().getPort());
            assertTrue(registration.contact().contains(LINE + "@127.0.0.1:" + phone.sipPort()), registration.contact());
            assertEquals("SIPp operator", registration.userAgent());
        }
    }

    @Test
    void aPhoneRegistersOverTcp() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofSeconds(30), 600,
                "-t", "t1")) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            Registration registration = telephony.registration(LINE).orElseThrow();
            assertEquals("tcp", registration.transport());
            assertTrue(phone.isAlive());
        }
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndNeverRegisters() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, "not-" + PASSWORD, 401, Duration.ofSeconds(1),
                600)) {
            SippReport report = phone.awaitExit(Duration.ofSeconds(20));
            // SIPp's call fails unless its authenticated REGISTER got 401 again.
            assertEquals(1, report.successfulCalls(), report::output);
            assertEquals(0, report.failedCalls(), report::output);
        }
        assertEquals(Optional.empty(), telephony.registration(LINE));
        assertTrue(listener.isEmpty(), "no listener call for a refused REGISTER");
    }

    @Test
    void anUnknownLineGets404() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), "4999", PASSWORD, 404, Duration.ofSeconds(1), 600)) {
            SippReport report = phone.awaitExit(Duration.ofSeconds(20));
            assertEquals(1, report.successfulCalls(), report::output);
        }
        assertEquals(Optional.empty(), telephony.registration("4999"));
        assertTrue(listener.isEmpty());
    }

    @Test
    void expiresZeroTakesTheLineOffline() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofMillis(500), 600)) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            assertEquals("offline " + LINE + " UNREGISTERED", listener.nextOffline(Duration.ofSeconds(10)));
            assertEquals(Optional.empty(), telephony.registration(LINE));
            SippReport report = phone.awaitExit(Duration.ofSeconds(10));
            assertEquals(1, report.successfulCalls(), report::output);
        }
    }

    @Test
    void aCallToTheRegisteredLineIsAnsweredAndHangupSendsBye() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofSeconds(30), 600)) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            assertTrue(phone.isAlive());
            Call call = telephony.dialLine(new LineCall(LINE, "79001234567", "Ivan Petrov",
                    Map.of("X-Outdial-Campaign", "Spring sale"), Duration.ofSeconds(10), Duration.ofMinutes(5)));
            assertTrue(call.answered().get(10, TimeUnit.SECONDS), () -> String.valueOf(call.outcome().getNow(null)));
            assertEquals(Telephony.LINES, call.request().trunk());
            assertEquals(LINE, call.request().number());
            call.hangup();
            CallOutcome outcome = call.outcome().get(10, TimeUnit.SECONDS);
            assertEquals(Outcome.ANSWERED, outcome.outcome());
            assertEquals(Party.LOCAL, outcome.endedBy());
            assertEquals(200, outcome.sipCode(), outcome::toString);
            Await.until("the call's dialog and RTP leg released", Duration.ofSeconds(10),
                    () -> telephony.counts().calls() == 0 && telephony.counts().dialogs() == 0
                            && telephony.counts().mediaLegs() == 0);
        }
    }

    @Test
    void aCallToATcpRegisteredLineGoesOverItsConnection() throws Exception {
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofSeconds(30), 600,
                "-t", "t1")) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            assertTrue(phone.isAlive());
            Call call = telephony.dialLine(new LineCall(LINE, "79001234567", null, Map.of(), Duration.ofSeconds(10),
                    Duration.ofMinutes(5)));
            assertTrue(call.answered().get(10, TimeUnit.SECONDS), () -> String.valueOf(call.outcome().getNow(null)));
            call.hangup();
            assertEquals(Outcome.ANSWERED, call.outcome().get(10, TimeUnit.SECONDS).outcome());
        }
    }

    @Test
    void aCallToALineNotRegisteredFailsAtOnce() throws Exception {
        Call call = telephony.dialLine(new LineCall(LINE, "79001234567", null, Map.of(), Duration.ofSeconds(10),
                Duration.ofMinutes(5)));
        assertFalse(call.answered().get(1, TimeUnit.SECONDS));
        CallOutcome outcome = call.outcome().get(1, TimeUnit.SECONDS);
        assertEquals(Outcome.FAILED, outcome.outcome());
        assertEquals("line 4030 is not registered", outcome.reason());
        assertEquals(0, telephony.counts().calls());
    }

    @Test
    void aPhoneThatStopsAnsweringGoesOfflineWithinTheStatedBound() throws Exception {
        vanishes();
    }

    @Test
    void aTcpPhoneThatVanishesGoesOfflineWithinTheStatedBound() throws Exception {
        vanishes("-t", "t1");
    }

    private void vanishes(String... transport) throws Exception {
        Duration bound = SETTINGS.offlineWithin();
        try (SippProcess phone = SippOperator.register(port(), LINE, PASSWORD, 200, Duration.ofSeconds(60), 600,
                transport)) {
            assertEquals("online " + LINE, listener.next(Duration.ofSeconds(10)));
            // Answering its keep-alives, it stays online for twice the bound...
            assertNull(listener.nextOffline(bound.multipliedBy(2)), "offline while answering OPTIONS");
            assertTrue(telephony.registration(LINE).isPresent());
            phone.stop();
            long killed = System.nanoTime();
            // ...and once gone, it is offline within the bound (plus scheduling slack).
            assertEquals("offline " + LINE + " UNREACHABLE", listener.nextOffline(bound.plusSeconds(2)));
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(took.compareTo(bound.plusMillis(500)) <= 0, "offline after " + took + ", bound " + bound);
            assertEquals(Optional.empty(), telephony.registration(LINE));
        }
    }
}
