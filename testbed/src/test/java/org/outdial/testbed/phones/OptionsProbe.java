package org.outdial.testbed.phones;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One out-of-dialog OPTIONS over UDP, the registrar's keep-alive (RFC 3261 §11), sent by hand. */
final class OptionsProbe {

    private OptionsProbe() {
    }

    /** Whether the phone on {@code port} answered 200 within {@code timeout}. */
    static boolean answered(int port, Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int local = socket.getLocalPort();
            String branch = "z9hG4bK" + System.nanoTime();
            String options = "OPTIONS sip:1001@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:registrar@127.0.0.1:" + local + ">;tag=probe\r\n"
                    + "To: <sip:1001@127.0.0.1:" + port + ">\r\n"
                    + "Call-ID: probe-" + branch + "@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return false;
            }
            return new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        }
    }
}
