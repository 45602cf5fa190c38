package org.outdial.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final Bindings bindings = new Bindings();

    private static Registration at(String line, int port, Instant expiresAt) {
        return new Registration(line, "sip:" + line + "@192.168.1.20:5060", "udp",
                new InetSocketAddress("198.51.100.4", port), expiresAt, "phone");
    }

    @Test
    void aBindingLastsUntilItsExpiryAndIsGoneAfter() {
        Registration r = at("4030", 40000, T0.plusSeconds(60));
        bindings.bind(r);
        assertEquals(Optional.of(r), bindings.get("4030", T0.plusSeconds(59)));
        assertEquals(Optional.empty(), bindings.get("4030", T0.plusSeconds(60)));
        assertEquals(List.of(), bindings.expire(T0.plusSeconds(59)));
        assertEquals(List.of("4030"), bindings.expire(T0.plusSeconds(60)));
        assertEquals(0, bindings.size());
    }

    @Test
    void aReRegisterRefreshesTheExpiryAndReplacesTheContact() {
        bindings.bind(at("4030", 40000, T0.plusSeconds(60)));
        Registration moved = at("4030", 40002, T0.plusSeconds(100));
        assertEquals(40000, bindings.bind(moved).orElseThrow().reachedAt().getPort());
        assertEquals(List.of(), bindings.expire(T0.plusSeconds(60)), "the refresh moved the expiry");
        assertEquals(Optional.of(moved), bindings.get("4030", T0.plusSeconds(99)));
        assertEquals(1, bindings.size(), "one contact per line");
    }

    @Test
    void onlyDueBindingsExpire() {
        bindings.bind(at("4030", 40000, T0.plusSeconds(60)));
        bindings.bind(at("4031", 40000, T0.plusSeconds(120)));
        assertEquals(List.of("4030"), bindings.expire(T0.plusSeconds(90)));
        assertTrue(bindings.get("4031", T0.plusSeconds(90)).isPresent());
    }

    @Test
    void aPhoneThatMissesTwoProbesInARowIsUnreachable() {
        bindings.bind(at("4030", 40000, T0.plusSeconds(3600)));
        Bindings.Tick first = bindings.tick(2);
        assertEquals(List.of("4030"), first.toProbe().stream().map(Registration::line).toList());
        bindings.probeSent("4030", "p1");
        Bindings.Tick second = bindings.tick(2); // p1 unanswered: miss 1
        assertEquals(List.of("p1"), second.missedProbes());
        assertEquals(List.of(), second.unreachable());
        bindings.probeSent("4030", "p2");
        Bindings.Tick third = bindings.tick(2); // p2 unanswered: miss 2
        assertEquals(List.of("4030"), third.unreachable());
        assertEquals(0, bindings.size());
    }

    @Test
    void anAnsweredProbeClearsTheMisses() {
        bindings.bind(at("4030", 40000, T0.plusSeconds(3600)));
        bindings.tick(2);
        bindings.probeSent("4030", "p1");
        bindings.tick(2); // miss 1
        bindings.probeSent("4030", "p2");
        assertTrue(bindings.probeAnswered("p2"));
        Bindings.Tick tick = bindings.tick(2);
        assertEquals(List.of(), tick.unreachable());
        assertEquals(List.of(), tick.missedProbes());
    }

    @Test
    void unbindingRemovesTheLine() {
        bindings.bind(at("4030", 40000, T0.plusSeconds(3600)));
        assertTrue(bindings.remove("4030"));
        assertEquals(Optional.empty(), bindings.get("4030", T0));
    }
}
