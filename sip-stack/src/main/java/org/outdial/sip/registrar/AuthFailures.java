package org.outdial.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Failed authentications per source IP, and the IPs blocked for too many (Kamailio's {@code pike},
 * fail2ban): {@code limit} failures within {@code window} block the IP for {@code blockTime}.
 * A password guesser or a line scanner is the first visitor of any SIP port on the internet. Not
 * thread-safe: the registrar holds its lock. Time is a parameter.
 */
final class AuthFailures {

    /** Most IPs tracked at once; past it the oldest unblocked entries are dropped (a flood of forged sources must not grow memory). */
    static final int MAX_TRACKED = 100_000;

    private final int limit;
    private final Duration window;
    private final Duration blockTime;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> blockedUntil = new HashMap<>();

    AuthFailures(int limit, Duration window, Duration blockTime) {
        this.limit = limit;
        this.window = window;
        this.blockTime = blockTime;
    }

    /** Whether {@code ip} is blocked now. */
    boolean blocked(String ip, Instant now) {
        Instant until = blockedUntil.get(ip);
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        blockedUntil.remove(ip);
        return false;
    }

    /**
     * Counts one failure from {@code ip}; returns the instant the IP is blocked until when this
     * failure blocks it (so the caller logs the block once), else null.
     */
    Instant failed(String ip, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(ip, k -> new ArrayDeque<>());
        times.addLast(now);
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            failures.remove(ip);
            Instant until = now.plus(blockTime);
            blockedUntil.put(ip, until);
            return until;
        }
        trim();
        return null;
    }

    /** A successful authentication forgets the IP's failures. */
    void succeeded(String ip) {
        failures.remove(ip);
    }

    int tracked() {
        return failures.size() + blockedUntil.size();
    }

    private void trim() {
        Iterator<String> oldest = failures.keySet().iterator();
        while (failures.size() > MAX_TRACKED && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
