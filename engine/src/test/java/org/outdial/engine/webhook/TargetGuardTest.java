package org.outdial.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSRF guard's address kinds (literal addresses: no DNS needed). */
class TargetGuardTest {

    private static Optional<String> kind(String literal) throws Exception {
        return TargetGuard.kind(InetAddress.getByName(literal));
    }

    @Test
    void internalRangesAreNamedAndPublicAddressesPass() throws Exception {
        assertEquals(Optional.of("loopback"), kind("127.0.0.1"));
        assertEquals(Optional.of("loopback"), kind("127.8.9.10"));
        assertEquals(Optional.of("loopback"), kind("::1"));
        assertEquals(Optional.of("unspecified"), kind("0.0.0.0"));
        assertEquals(Optional.of("link-local"), kind("169.254.169.254"), "cloud metadata");
        assertEquals(Optional.of("link-local"), kind("fe80::1"));
        assertEquals(Optional.of("private"), kind("10.1.2.3"));
        assertEquals(Optional.of("private"), kind("172.16.0.1"));
        assertEquals(Optional.of("private"), kind("172.31.255.255"));
        assertEquals(Optional.of("private"), kind("192.168.1.1"));
        assertEquals(Optional.of("private"), kind("100.64.0.1"), "RFC 6598");
        assertEquals(Optional.of("private"), kind("fd12:3456::1"), "RFC 4193");
        assertEquals(Optional.of("loopback"), kind("::ffff:127.0.0.1"), "IPv4-mapped");
        assertEquals(Optional.of("multicast"), kind("224.0.0.1"));
        assertEquals(Optional.empty(), kind("8.8.8.8"));
        assertEquals(Optional.empty(), kind("172.32.0.1"));
        assertEquals(Optional.empty(), kind("100.128.0.1"));
        assertEquals(Optional.empty(), kind("2001:4860:4860::8888"));
    }

    @Test
    void theRefusalNamesTheHostTheAddressAndTheKey() {
        assertEquals(Optional.of("refused: 10.0.0.5 resolves to 10.0.0.5, a private address"
                        + " (webhooks.allow-private-targets is false)"),
                new TargetGuard(false).refusal(URI.create("http://10.0.0.5:8080/hook")));
        assertEquals(Optional.empty(), new TargetGuard(true).refusal(URI.create("http://10.0.0.5:8080/hook")));
        assertEquals(Optional.of("host no-such-host.invalid does not resolve"),
                new TargetGuard(false).refusal(URI.create("http://no-such-host.invalid/hook")));
    }

    @Test
    void templatesEscapeValuesForWhereTheyStand() {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("name", "Ann \"the\" O'Neil & co");
        values.put("none", null);
        assertEquals("{\"n\":\"Ann \\\"the\\\" O'Neil & co\",\"x\":\"\",\"k\":\"{kept}\"}",
                BodyTemplate.json("{\"n\":\"{name}\",\"x\":\"{none}\",\"k\":\"{kept}\"}", values));
        assertEquals("n=Ann+%22the%22+O%27Neil+%26+co&x=", BodyTemplate.form("n={name}&x={none}", values));
    }
}
