package org.outdial.testbed.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.testbed.sipp.LoopbackPorts;

class CarrierProcessTest {

    @Test
    void carrierRunsAsItsOwnProcessAnswersOptionsAndIsGoneAfterClose(@TempDir Path dir) throws Exception {
        int port = LoopbackPorts.sipPort();
        Path log = dir.resolve("carrier.log");
        ProcessHandle child;
        try (CarrierProcess carrier = CarrierProcess.start(port, 1, log, Duration.ofSeconds(30))) {
            child = ProcessHandle.of(carrier.pid()).orElseThrow();
            assertTrue(child.isAlive());
            assertTrue(optionsAnswer(port).startsWith("SIP/2.0 200 OK"), "listens on " + port);
        }
        assertFalse(child.isAlive(), "the carrier process ended");
        assertTrue(Files.readString(log).contains("carrier listening on 127.0.0.1:" + port), Files.readString(log));
    }

    /** A hand-written OPTIONS (RFC 3261 §11), the probe any SIP peer answers. */
    private static String optionsAnswer(int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            String options = "OPTIONS sip:probe@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-probe-1\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:test@127.0.0.1>;tag=probe\r\n"
                    + "To: <sip:probe@127.0.0.1>\r\n"
                    + "Call-ID: probe-1@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            return new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII);
        }
    }
}
