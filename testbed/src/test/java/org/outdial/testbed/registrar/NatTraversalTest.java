package org.outdial.testbed.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.LineCall;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.registrar.LineCredentials;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.stack.SipSettings;
import org.outdial.testbed.sipp.LoopbackPorts;

/**
 * RFC 3581 at the registrar: a phone behind NAT names its private address in Contact and Via;
 * Outdial must reach it where its packets come from, for the INVITE and for every request of the
 * call's dialog, whose target is the private Contact of the phone's 200.
 */
class NatTraversalTest {

    @Test
    void aPhoneIsReachedWhereItsRegisterCameFromNotWhereItsContactSays() throws Exception {
        int rtp = LoopbackPorts.evenRange(10);
        LineCredentials lines = line -> line.equals("4030") ? Optional.of("pw") : Optional.empty();
        try (MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 9), 1);
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()),
                     List.of(), new RtpMediaLegs(media), RegistrarSettings.DEFAULTS, lines);
             RawPhone phone = new RawPhone(telephony.settings().port());
             // The "private" address the phone claims: a socket that must never hear from Outdial.
             DatagramSocket privateSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int privatePort = privateSide.getLocalPort();
            assertEquals("SIP/2.0 200 OK", phone.register("4030", "pw", privatePort));

            Registration registration = telephony.registration("4030").orElseThrow();
            assertEquals(phone.port(), registration.reachedAt().getPort());
            assertTrue(registration.contact().contains(":" + privatePort), registration.contact());

            Call call = telephony.dialLine(new LineCall("4030", "79001234567", "Ivan", Map.of(
                    "X-Outdial-Campaign", "Spring"), Duration.ofSeconds(10), Duration.ofMinutes(5)));
            String invite = phone.receiveRequest("INVITE", Duration.ofSeconds(5));
            assertNotNull(invite, "the INVITE reached the REGISTER's source");
            assertTrue(invite.startsWith("INVITE sip:4030@127.0.0.1:" + privatePort), invite);
            assertEquals("\"Ivan\" <sip:79001234567@127.0.0.1>", RawPhone.header(invite, "From").replaceAll(";tag=.*", ""));
            assertEquals("Spring", RawPhone.header(invite, "X-Outdial-Campaign"));

            int phoneRtp = LoopbackPorts.evenRange(2);
            phone.answer(invite, 200, "OK", privatePort, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                    + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + phoneRtp + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
            assertNotNull(phone.receiveRequest("ACK", Duration.ofSeconds(5)), "the ACK came to the source, not the Contact");
            assertTrue(call.answered().get(5, TimeUnit.SECONDS));

            call.hangup();
            String bye = phone.receiveRequest("BYE", Duration.ofSeconds(5));
            assertNotNull(bye, "the BYE came to the source, not the Contact");
            phone.answer(bye, 200, "OK", privatePort, null);
            assertEquals(Outcome.ANSWERED, call.outcome().get(5, TimeUnit.SECONDS).outcome());

            privateSide.setSoTimeout(50);
            byte[] buffer = new byte[2048];
            assertNull(receiveOrNull(privateSide, buffer), "nothing went to the Contact's private port");
        }
    }

    @Test
    void theCancelOfAnUnansweredCallGoesToTheRealSourceToo() throws Exception {
        int rtp = LoopbackPorts.evenRange(4);
        LineCredentials lines = line -> line.equals("4030") ? Optional.of("pw") : Optional.empty();
        try (MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 3), 1);
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()),
                     List.of(), new RtpMediaLegs(media), RegistrarSettings.DEFAULTS, lines);
             RawPhone phone = new RawPhone(telephony.settings().port());
             DatagramSocket privateSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int privatePort = privateSide.getLocalPort();
            assertEquals("SIP/2.0 200 OK", phone.register("4030", "pw", privatePort));
            Call call = telephony.dialLine(new LineCall("4030", "79001234567", null, Map.of(), Duration.ofMillis(500),
                    Duration.ofMinutes(5)));
            String invite = phone.receiveRequest("INVITE", Duration.ofSeconds(5));
            assertNotNull(invite);
            phone.answer(invite, 180, "Ringing", privatePort, null);
            String cancel = phone.receiveRequest("CANCEL", Duration.ofSeconds(5));
            assertNotNull(cancel, "the ring timeout's CANCEL came to the source");
            phone.answer(cancel, 200, "OK", privatePort, null);
            phone.answer(invite, 487, "Request Terminated", privatePort, null);
            assertNotNull(phone.receiveRequest("ACK", Duration.ofSeconds(5)), "the 487's ACK came to the source");
            assertEquals(Outcome.NO_ANSWER, call.outcome().get(5, TimeUnit.SECONDS).outcome());
        }
    }

    private static String receiveOrNull(DatagramSocket socket, byte[] buffer) throws java.io.IOException {
        try {
            java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return new String(buffer, 0, packet.getLength(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
    }
}
