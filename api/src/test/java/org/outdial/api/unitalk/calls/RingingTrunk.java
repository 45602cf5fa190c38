package org.outdial.api.unitalk.calls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SIP trunk peer on a real UDP socket that rings every INVITE and never answers: 100 Trying and
 * 180 Ringing, then, on CANCEL, 200 OK and 487 Request Terminated (RFC 3261 §9.2). Calls to it
 * stay in flight until Outdial hangs them up, and end at once when it does. Only what a test of
 * single calls needs; testbed's SIPp tests are the full peers.
 */
final class RingingTrunk implements AutoCloseable {

    private final DatagramSocket socket;
    /** INVITEs by Call-ID, for the 487 that answers them once cancelled. */
    private final Map<String, String> invites = new ConcurrentHashMap<>();

    private RingingTrunk(DatagramSocket socket) {
        this.socket = socket;
    }

    static RingingTrunk start() throws IOException {
        RingingTrunk trunk = new RingingTrunk(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        Thread t = new Thread(trunk::serve, "ringing-trunk");
        t.setDaemon(true);
        t.start();
        return trunk;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                answer(message, packet.getSocketAddress());
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(String message, SocketAddress from) throws IOException {
        String method = message.substring(0, Math.max(0, message.indexOf(' ')));
        String callId = header(message, "Call-ID");
        switch (method) {
            case "INVITE" -> {
                if (invites.putIfAbsent(callId, message) == null) {
                    send(response(message, "100 Trying", false), from);
                    send(response(message, "180 Ringing", true), from);
                }
            }
            case "CANCEL" -> {
                send(response(message, "200 OK", false), from);
                String invite = invites.get(callId);
                if (invite != null) {
                    send(response(invite, "487 Request Terminated", true), from);
                }
            }
            case "BYE", "OPTIONS" -> send(response(message, "200 OK", true), from);
            default -> {
                // ACK and responses need no answer
            }
        }
    }

    private static String response(String request, String status, boolean tagged) {
        StringBuilder r = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("From") || name.equalsIgnoreCase("Call-ID")
                    || name.equalsIgnoreCase("CSeq")) {
                r.append(line).append("\r\n");
            } else if (name.equalsIgnoreCase("To")) {
                r.append(line).append(tagged && !line.contains("tag=") ? ";tag=trunk" : "").append("\r\n");
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private void send(String message, SocketAddress to) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}
