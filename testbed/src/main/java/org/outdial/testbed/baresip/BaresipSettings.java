package org.outdial.testbed.baresip;

import java.time.Duration;

/**
 * One baresip softphone registered as an operator line.
 *
 * @param line           the line number: SIP user and digest username
 * @param password       its SIP password
 * @param registrarHost  the registrar's IP literal (Outdial's SIP address)
 * @param registrarPort  the registrar's SIP port (UDP)
 * @param toneHz         what baresip "says" while in a call: its {@code ausine} source plays this sine
 * @param regInterval    baresip's {@code regint}: the registration expiry it asks for and refreshes
 * @param transport      {@code udp} or {@code tcp}: how it registers (and so how it is called)
 */
public record BaresipSettings(String line, String password, String registrarHost, int registrarPort, int toneHz,
                              Duration regInterval, String transport) {

    public BaresipSettings {
        if (line == null || !line.matches("[0-9A-Za-z._-]{1,32}") || password == null) {
            throw new IllegalArgumentException("line must be 1..32 of [0-9A-Za-z._-] with a password, was " + line);
        }
        if (registrarHost == null || registrarHost.isBlank() || registrarPort < 1 || registrarPort > 65535) {
            throw new IllegalArgumentException("registrar must be host and port 1..65535, was " + registrarHost + ":"
                    + registrarPort);
        }
        // ausine takes 10..20000 Hz; the G.711 band and the tone grid of the tests is 300..3400.
        if (toneHz < 300 || toneHz > 3400) {
            throw new IllegalArgumentException("toneHz must be 300..3400, was " + toneHz);
        }
        if (regInterval == null || regInterval.toSeconds() < 10) {
            throw new IllegalArgumentException("regInterval must be >= 10 s, was " + regInterval);
        }
        if (!"udp".equals(transport) && !"tcp".equals(transport)) {
            throw new IllegalArgumentException("transport must be udp or tcp, was " + transport);
        }
    }

    /** {@code line} with password {@code pw<line>}, a 1000 Hz tone, 60 s registrations. */
    public static BaresipSettings of(String line, String registrarHost, int registrarPort) {
        return new BaresipSettings(line, "pw" + line, registrarHost, registrarPort, 1000, Duration.ofSeconds(60), "udp");
    }

    public BaresipSettings withPassword(String value) {
        return new BaresipSettings(line, value, registrarHost, registrarPort, toneHz, regInterval, transport);
    }

    public BaresipSettings withTone(int hz) {
        return new BaresipSettings(line, password, registrarHost, registrarPort, hz, regInterval, transport);
    }

    public BaresipSettings withTransport(String value) {
        return new BaresipSettings(line, password, registrarHost, registrarPort, toneHz, regInterval, value);
    }
}
