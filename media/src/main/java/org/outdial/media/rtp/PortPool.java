package org.outdial.media.rtp;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The even UDP ports of {@code sip.media-ports}. RTP takes even ports and leaves the next odd one
 * for RTCP (RFC 3550 §11), so each call leg reserves the pair. Ports are reused in
 * least-recently-released order, so stray packets of a finished call are unlikely to reach the next
 * call on the same port. Thread-safe.
 */
final class PortPool {

    private final int from;
    private final int to;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final BitSet inUse = new BitSet();

    PortPool(int portFrom, int portTo) {
        this.from = portFrom;
        this.to = portTo;
        int first = portFrom % 2 == 0 ? portFrom : portFrom + 1;
        for (int port = first; port + 1 <= portTo; port += 2) {
            free.add(port);
        }
        if (free.isEmpty()) {
            throw new IllegalArgumentException("sip.media-ports " + portFrom + "-" + portTo + " holds no even/odd port pair");
        }
    }

    /** An even port, or -1 when all are taken. */
    synchronized int acquire() {
        Integer port = free.pollFirst();
        if (port == null) {
            return -1;
        }
        inUse.set(port);
        return port;
    }

    synchronized void release(int port) {
        if (!inUse.get(port)) {
            throw new IllegalStateException("RTP port " + port + " released twice or never acquired");
        }
        inUse.clear(port);
        free.addLast(port);
    }

    synchronized int freeCount() {
        return free.size();
    }

    String range() {
        return from + "-" + to;
    }
}
