package org.outdial.testbed.sipp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds ports on 127.0.0.1 that are free for both UDP and TCP right now. Another process can
 * still take one before it is bound; callers bind soon after and tests use fresh ports per run.
 */
public final class LoopbackPorts {

    private static final int ATTEMPTS = 200;

    private LoopbackPorts() {
    }

    /** One port free for UDP and TCP (what a SIP listening point needs). */
    public static int sipPort() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ephemeralUdp();
            if (port < 65000 && free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP+TCP port on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    /** One TCP port free on 127.0.0.1 (an HTTP listener). */
    public static int tcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a TCP socket on 127.0.0.1", e);
        }
    }

    /** The first of {@code count} consecutive free ports, even (RTP ports are even, RFC 3550 §11). */
    public static int evenRange(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = ephemeralUdp() & ~1;
            if (base < 1024 || base + count > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int p = base; p < base + count && allFree; p++) {
                allFree = free(p);
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static int ephemeralUdp() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a UDP socket on 127.0.0.1", e);
        }
    }

    static boolean free(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
             ServerSocket tcp = new ServerSocket(port, 1, loopback)) {
            return udp.isBound() && tcp.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
