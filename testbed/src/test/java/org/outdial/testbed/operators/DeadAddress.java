package org.outdial.testbed.operators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The UDP address of a phone that died, held by the test: it answers nothing (as the dead phone)
 * and records the first line of every SIP request that still arrives there, so a test can say from
 * the phone's side that no INVITE came.
 */
final class DeadAddress implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private DeadAddress(DatagramSocket socket) {
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("dead-address-" + socket.getLocalPort()).start(this::read);
    }

    static DeadAddress bind(int port) {
        try {
            return new DeadAddress(new DatagramSocket(new InetSocketAddress("127.0.0.1", port)));
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind the dead phone's port " + port, e);
        }
    }

    private void read() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            received.add(eol < 0 ? text : text.substring(0, eol));
        }
    }

    /** The first lines of what arrived, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    long invites() {
        return received.stream().filter(l -> l.startsWith("INVITE ")).count();
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
