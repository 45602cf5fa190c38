package org.outdial.testbed.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.registrar.LineCredentials;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.stack.SipSettings;
import org.outdial.testbed.sipp.LoopbackPorts;

/** The registrar's rules on the wire: blocking, expiry bounds, and a binding left to expire. */
class RegisterPolicyTest {

    /** Expiry 2..600 s, three failures block for a minute, keep-alive slower than any test. */
    static final RegistrarSettings SETTINGS = new RegistrarSettings(Duration.ofSeconds(2), Duration.ofSeconds(300),
            Duration.ofSeconds(600), Duration.ofSeconds(60), 2, Duration.ofMinutes(5), 3, Duration.ofMinutes(1),
            Duration.ofMinutes(1));

    private MediaEngine media;
    private SipTelephony telephony;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        int rtp = LoopbackPorts.evenRange(4);
        media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 3), 1);
        LineCredentials lines = line -> line.equals("4030") ? Optional.of("pw") : Optional.empty();
        telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()), List.of(),
                new RtpMediaLegs(media), SETTINGS, lines);
        telephony.onRegistration(listener);
    }

    @AfterEach
    void stop() {
        telephony.close();
        media.close();
    }

    /** The status code of a status line; reason phrases are the stack's to choose. */
    private static int code(String statusLine) {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    @Test
    void anAddressThatKeepsFailingIsBlockedEvenWithTheRightPassword() throws Exception {
        try (RawPhone guesser = new RawPhone(telephony.settings().port())) {
            assertEquals(401, code(guesser.register("4030", "guess1", guesser.port())));
            assertEquals(404, code(guesser.register("4031", "guess2", guesser.port())));
            assertEquals(401, code(guesser.register("4030", "guess3", guesser.port())));
            // Three failures within the window: from now on 403, without a challenge.
            assertEquals(403, code(guesser.register("4030", "pw", guesser.port())));
        }
        assertEquals(Optional.empty(), telephony.registration("4030"));
        assertTrue(listener.isEmpty());
    }

    @Test
    void theRightPasswordOnANonceFromBeforeARestartGetsStaleTrueAndAWrongOneDoesNot() throws Exception {
        // A well-formed nonce this process never issued: what every phone holds after a restart.
        String foreign = "AAAAAGsQZe29zOXhma8Oq3JT5DBKvxYG";
        try (RawPhone phone = new RawPhone(telephony.settings().port())) {
            String right = phone.registerWithNonce("4030", "pw", foreign);
            assertEquals(401, code(right.split("\r\n", 2)[0]));
            assertTrue(RawPhone.header(right, "WWW-Authenticate").toLowerCase().contains("stale=true"), right);
            String wrong = phone.registerWithNonce("4030", "not-pw", foreign);
            assertEquals(401, code(wrong.split("\r\n", 2)[0]));
            assertTrue(!RawPhone.header(wrong, "WWW-Authenticate").toLowerCase().contains("stale"), wrong);
            // and with the fresh nonce the stale 401 carried, the phone registers
            assertEquals(200, code(phone.register("4030", "pw", phone.port())));
        }
    }

    @Test
    void anExpiryBelowTheMinimumGets423WithMinExpires() throws Exception {
        try (RawPhone phone = new RawPhone(telephony.settings().port())) {
            assertEquals(423, code(phone.register("4030", "pw", phone.port(), 1)));
            assertEquals("2", RawPhone.header(phone.lastResponse, "Min-Expires"));
        }
    }

    @Test
    void anExpiryAboveTheMaximumIsClampedAndTheOkSaysSo() throws Exception {
        try (RawPhone phone = new RawPhone(telephony.settings().port())) {
            assertEquals(200, code(phone.register("4030", "pw", phone.port(), 86_400)));
            String contact = RawPhone.header(phone.lastResponse, "Contact");
            assertTrue(contact.matches(".*expires=(600|599).*"), contact);
            assertTrue(RawPhone.header(phone.lastResponse, "Date").endsWith("GMT"), phone.lastResponse);
        }
    }

    @Test
    void aBindingNotRefreshedExpiresAndTheLineGoesOffline() throws Exception {
        try (RawPhone phone = new RawPhone(telephony.settings().port())) {
            assertEquals(200, code(phone.register("4030", "pw", phone.port(), 2)));
            assertEquals("online 4030", listener.next(Duration.ofSeconds(1)));
            assertEquals("offline 4030 EXPIRED", listener.next(Duration.ofSeconds(4)));
            assertEquals(Optional.empty(), telephony.registration("4030"));
        }
    }
}
