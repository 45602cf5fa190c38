package org.outdial.testbed.registrar;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outdial.sip.trunk.DigestAnswer;
import org.outdial.sip.trunk.DigestChallenge;

/**
 * A phone made of one UDP socket and SIP text, for what SIPp cannot fake: a REGISTER whose
 * Contact names an address other than the one it is sent from (a phone behind NAT). Only the
 * few messages a test needs, written out by hand.
 */
final class RawPhone implements AutoCloseable {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    final DatagramSocket socket;
    private final InetSocketAddress outdial;
    private int expires = 600;
    /** The last final response to a REGISTER. */
    String lastResponse;

    RawPhone(int outdialPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.outdial = new InetSocketAddress(InetAddress.getLoopbackAddress(), outdialPort);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** REGISTERs {@code line} naming {@code contactPort} in its Contact, answering the 401; returns the final status line. */
    String register(String line, String password, int contactPort) throws IOException {
        return register(line, password, contactPort, 600);
    }

    /** As {@link #register(String, String, int)}, asking for {@code expires} seconds. */
    String register(String line, String password, int contactPort, int expires) throws IOException {
        this.expires = expires;
        String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@raw";
        send(registerText(line, contactPort, callId, 1, null));
        String challenge = receive(Duration.ofSeconds(5));
        if (!challenge.startsWith("SIP/2.0 401")) {
            lastResponse = challenge;
            return statusLine(challenge);
        }
        Matcher nonce = NONCE.matcher(challenge);
        if (!nonce.find()) {
            throw new IOException("401 without nonce:\n" + challenge);
        }
        String uri = "sip:127.0.0.1:" + outdial.getPort();
        DigestAnswer answer = DigestAnswer.answer(new DigestChallenge("outdial", nonce.group(1), null, "MD5", "auth"),
                line, password, "REGISTER", uri, "c0ffee", 1);
        String auth = "Authorization: Digest username=\"" + line + "\", realm=\"outdial\", nonce=\"" + answer.nonce()
                + "\", uri=\"" + uri + "\", response=\"" + answer.response() + "\", algorithm=MD5, qop=auth, nc="
                + answer.nonceCount() + ", cnonce=\"" + answer.cnonce() + "\"";
        send(registerText(line, contactPort, callId, 2, auth));
        lastResponse = receive(Duration.ofSeconds(5));
        return statusLine(lastResponse);
    }

    /**
     * One REGISTER with credentials computed for {@code nonce}, which Outdial did not issue to
     * this phone (one from before a restart); returns the whole response.
     */
    String registerWithNonce(String line, String password, String nonce) throws IOException {
        String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@raw";
        String uri = "sip:127.0.0.1:" + outdial.getPort();
        DigestAnswer answer = DigestAnswer.answer(new DigestChallenge("outdial", nonce, null, "MD5", "auth"),
                line, password, "REGISTER", uri, "c0ffee", 1);
        String auth = "Authorization: Digest username=\"" + line + "\", realm=\"outdial\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + answer.response() + "\", algorithm=MD5, qop=auth, nc="
                + answer.nonceCount() + ", cnonce=\"" + answer.cnonce() + "\"";
        send(registerText(line, port(), callId, 1, auth));
        return receive(Duration.ofSeconds(5));
    }

    private String registerText(String line, int contactPort, String callId, int cseq, String auth) {
        // The Via names the Contact's port too, as a NATed phone's would: only the packet's
        // source tells where it really is.
        return "REGISTER sip:127.0.0.1:" + outdial.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + contactPort + ";branch=z9hG4bK" + Long.toHexString(
                        ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ";rport\r\n"
                + "From: <sip:" + line + "@127.0.0.1>;tag=raw1\r\n"
                + "To: <sip:" + line + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Max-Forwards: 70\r\n"
                + "Contact: <sip:" + line + "@127.0.0.1:" + contactPort + ">\r\n"
                + "Expires: " + expires + "\r\n"
                + (auth == null ? "" : auth + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /** Answers {@code request} with {@code status}, To tagged, Contact naming {@code contactPort}, and {@code sdp} if not null. */
    void answer(String request, int status, String reason, int contactPort, String sdp) throws IOException {
        StringBuilder out = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String header : headers(request)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                out.append(header).append("\r\n");
            } else if (lower.startsWith("to:")) {
                out.append(header).append(header.contains(";tag=") ? "" : ";tag=rawto").append("\r\n");
            }
        }
        out.append("Contact: <sip:phone@127.0.0.1:").append(contactPort).append(">\r\n");
        if (sdp != null) {
            out.append("Content-Type: application/sdp\r\nContent-Length: ")
                    .append(sdp.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(sdp);
        } else {
            out.append("Content-Length: 0\r\n\r\n");
        }
        send(out.toString());
    }

    /** The next message, skipping retransmissions and requests not of {@code method}; null after {@code timeout}. */
    String receiveRequest(String method, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message == null) {
                return null;
            }
            if (message.startsWith(method + " ")) {
                return message;
            }
            if (message.startsWith("OPTIONS ")) {
                answer(message, 200, "OK", port(), null); // the registrar's keep-alive
            }
        }
        return null;
    }

    /** The next datagram as text, or null after {@code timeout}. */
    String receive(Duration timeout) throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    static List<String> headers(String message) {
        List<String> headers = new ArrayList<>();
        String[] lines = message.split("\r\n");
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            headers.add(lines[i]);
        }
        return headers;
    }

    static String header(String message, String name) {
        for (String header : headers(message)) {
            if (header.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return header.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    private static String statusLine(String message) {
        return message == null ? null : message.split("\r\n", 2)[0];
    }

    private void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, outdial));
    }

    @Override
    public void close() {
        socket.close();
    }
}
