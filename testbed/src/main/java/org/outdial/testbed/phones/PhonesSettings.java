package org.outdial.testbed.phones;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Where the simulated operator phones register and how they behave.
 *
 * @param bindAddress    local IP literal for SIP and RTP (normally 127.0.0.1)
 * @param registrarHost  the registrar's IP literal or host name: Outdial's SIP address
 * @param registrarPort  the registrar's SIP port (UDP)
 * @param lines          one phone per line, registering as its number with its password
 * @param expires        the registration expiry each REGISTER asks for; the phone refreshes at
 *                       half of what the registrar grants (RFC 3261 §10.2.4 lets a UA refresh
 *                       any time before expiry)
 * @param registerRetry  after a failed REGISTER (401 again, 403, timeout) the phone tries again after this
 * @param behaviour      how every phone treats offered calls, until {@link SimulatedPhone#behave} changes one
 * @param toneBaseHz     phone i (from 0) plays {@code toneBaseHz + 50·i} Hz while talking; a
 *                       multiple of 50 so each tone fits whole cycles in a 20 ms frame
 * @param rtpPortFrom    first of the phones' RTP ports, even; 0 picks a free range on loopback
 * @param seed           seeds each phone's draws (with its number), so a run can be repeated
 * @param transport      {@code udp} or {@code tcp}: each phone listens on one port with it, and
 *                       registers over it ({@code ;transport=tcp} in its Contact)
 */
public record PhonesSettings(String bindAddress, String registrarHost, int registrarPort, List<PhoneLine> lines,
                             Duration expires, Duration registerRetry, PhoneBehaviour behaviour, int toneBaseHz,
                             int rtpPortFrom, long seed, String transport) {

    /** Tones are looked for on this grid (see {@link ToneHearing}), so the phones' tones stay on it. */
    public static final int TONE_STEP_HZ = 50;
    public static final Duration DEFAULT_EXPIRES = Duration.ofSeconds(120);

    public PhonesSettings {
        if (bindAddress == null || bindAddress.isBlank() || registrarHost == null || registrarHost.isBlank()) {
            throw new IllegalArgumentException("bindAddress and registrarHost must be given");
        }
        if (registrarPort < 1 || registrarPort > 65535) {
            throw new IllegalArgumentException("registrarPort must be 1..65535, was " + registrarPort);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty() || new HashSet<>(lines.stream().map(PhoneLine::number).toList()).size() != lines.size()) {
            throw new IllegalArgumentException("lines must be given, each number once: " + lines);
        }
        if (expires == null || expires.toSeconds() < 1 || registerRetry == null || !registerRetry.isPositive()) {
            throw new IllegalArgumentException("expires must be >= 1 s and registerRetry positive, were "
                    + expires + " and " + registerRetry);
        }
        if (behaviour == null) {
            throw new IllegalArgumentException("behaviour must be given");
        }
        int top = toneBaseHz + TONE_STEP_HZ * (lines.size() - 1);
        if (toneBaseHz < ToneHearing.LOWEST_HZ || toneBaseHz % TONE_STEP_HZ != 0 || top > ToneHearing.HIGHEST_HZ) {
            throw new IllegalArgumentException("toneBaseHz must be a multiple of 50 with every phone's tone in "
                    + ToneHearing.LOWEST_HZ + ".." + ToneHearing.HIGHEST_HZ + " Hz, was " + toneBaseHz
                    + " (top " + top + ")");
        }
        if (!"udp".equals(transport) && !"tcp".equals(transport)) {
            throw new IllegalArgumentException("transport must be udp or tcp, was " + transport);
        }
        if (rtpPortFrom != 0 && (rtpPortFrom < 1024 || rtpPortFrom % 2 != 0 || rtpPortFrom + 4 * lines.size() > 65535)) {
            throw new IllegalArgumentException("rtpPortFrom must be 0 or an even port >= 1024 with room for "
                    + 4 * lines.size() + " ports, was " + rtpPortFrom);
        }
    }

    /**
     * Phones on 127.0.0.1 registering to {@code registrarHost:registrarPort}: lines
     * {@code first..first+count-1} with passwords {@code pw<number>}, 120 s expiry, retry after 5 s,
     * tones from 700 Hz, any free RTP ports, seed 1, UDP.
     */
    public static PhonesSettings loopback(String registrarHost, int registrarPort, int first, int count,
                                          PhoneBehaviour behaviour) {
        return new PhonesSettings("127.0.0.1", registrarHost, registrarPort,
                PhoneLine.numbered(first, count, PhoneLine::conventionalPassword), DEFAULT_EXPIRES,
                Duration.ofSeconds(5), behaviour, 700, 0, 1, "udp");
    }

    public PhonesSettings withExpires(Duration value) {
        return new PhonesSettings(bindAddress, registrarHost, registrarPort, lines, value, registerRetry, behaviour,
                toneBaseHz, rtpPortFrom, seed, transport);
    }

    public PhonesSettings withLines(List<PhoneLine> value) {
        return new PhonesSettings(bindAddress, registrarHost, registrarPort, value, expires, registerRetry, behaviour,
                toneBaseHz, rtpPortFrom, seed, transport);
    }

    public PhonesSettings withRegisterRetry(Duration value) {
        return new PhonesSettings(bindAddress, registrarHost, registrarPort, lines, expires, value, behaviour,
                toneBaseHz, rtpPortFrom, seed, transport);
    }

    public PhonesSettings withTransport(String value) {
        return new PhonesSettings(bindAddress, registrarHost, registrarPort, lines, expires, registerRetry, behaviour,
                toneBaseHz, rtpPortFrom, seed, value);
    }

    /** The tone phone {@code index} (0-based, in {@link #lines} order) plays. */
    public int toneOf(int index) {
        return toneBaseHz + TONE_STEP_HZ * index;
    }
}
