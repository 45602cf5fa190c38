package org.outdial.sip.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registrar's table: one binding per line, and each binding's keep-alive state. One contact
 * per line: a phone's new REGISTER replaces the binding, whatever contact it names (an operator
 * line is one phone; RFC 3261 §10.3 allows several, which a dialer that rings one phone per
 * offer has no use for). Not thread-safe: the registrar holds its lock. Time is a parameter.
 */
final class Bindings {

    private final Map<String, Binding> byLine = new HashMap<>();

    private static final class Binding {
        final Registration registration;
        int misses;
        /** Call-ID of the OPTIONS probe awaiting an answer, or null. */
        String probe;

        Binding(Registration registration) {
            this.registration = registration;
        }
    }

    /** What one keep-alive tick found: lines to take offline, phones to probe, probes given up on. */
    record Tick(List<String> unreachable, List<Registration> toProbe, List<String> missedProbes) {
    }

    /** Binds or refreshes a line; returns the binding it replaced, if any. A refresh proves the phone is there. */
    Optional<Registration> bind(Registration registration) {
        Binding old = byLine.put(registration.line(), new Binding(registration));
        return Optional.ofNullable(old).map(b -> b.registration);
    }

    /** The line's binding, unless it has expired by {@code now}. */
    Optional<Registration> get(String line, Instant now) {
        Binding binding = byLine.get(line);
        return binding == null || !binding.registration.expiresAt().isAfter(now)
                ? Optional.empty() : Optional.of(binding.registration);
    }

    /** Removes the line's binding; whether there was one. */
    boolean remove(String line) {
        return byLine.remove(line) != null;
    }

    /** Removes every binding whose expiry is at or before {@code now}; returns their lines. */
    List<String> expire(Instant now) {
        List<String> expired = new ArrayList<>();
        for (Iterator<Binding> it = byLine.values().iterator(); it.hasNext(); ) {
            Binding binding = it.next();
            if (!binding.registration.expiresAt().isAfter(now)) {
                expired.add(binding.registration.line());
                it.remove();
            }
        }
        return expired;
    }

    /**
     * One keep-alive round: a probe still pending is a miss; a line with {@code maxMisses} misses
     * in a row is removed; every other line is due a new probe.
     */
    Tick tick(int maxMisses) {
        List<String> unreachable = new ArrayList<>();
        List<Registration> toProbe = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Iterator<Binding> it = byLine.values().iterator(); it.hasNext(); ) {
            Binding binding = it.next();
            if (binding.probe != null) {
                binding.misses++;
                missed.add(binding.probe);
                binding.probe = null;
            }
            if (binding.misses >= maxMisses) {
                unreachable.add(binding.registration.line());
                it.remove();
            } else {
                toProbe.add(binding.registration);
            }
        }
        return new Tick(unreachable, toProbe, missed);
    }

    /** Notes that a probe with Call-ID {@code callId} went to the line's phone. */
    void probeSent(String line, String callId) {
        Binding binding = byLine.get(line);
        if (binding != null) {
            binding.probe = callId;
        }
    }

    /** A final response to probe {@code callId}: the phone is there. Whether the probe was pending. */
    boolean probeAnswered(String callId) {
        for (Binding binding : byLine.values()) {
            if (callId.equals(binding.probe)) {
                binding.probe = null;
                binding.misses = 0;
                return true;
            }
        }
        return false;
    }

    int size() {
        return byLine.size();
    }
}
