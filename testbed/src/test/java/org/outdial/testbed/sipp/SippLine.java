package org.outdial.testbed.sipp;

import java.time.Duration;
import java.util.List;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.LoopbackTelephony;

/**
 * The whole telephony layer pointed at one SIPp callee on loopback: SIPp, a media engine and a
 * {@link SipTelephony} with trunks that all lead to SIPp. Closes everything, SIPp last.
 */
final class SippLine implements AutoCloseable {

    static final String TRUNK = "sipp";
    static final String AUTH_TRUNK = "sipp-auth";
    static final String WRONG_PASSWORD_TRUNK = "sipp-wrong-password";

    final SippProcess sipp;
    final MediaEngine media;
    final SipTelephony telephony;
    private final LoopbackTelephony line;

    private SippLine(SippProcess sipp, LoopbackTelephony line) {
        this.sipp = sipp;
        this.line = line;
        this.media = line.media;
        this.telephony = line.telephony;
    }

    static SippLine start(Duration sippLifetime) throws SipStackException {
        SippProcess sipp = SippProcess.callee(sippLifetime);
        try {
            int port = sipp.sipPort();
            List<TrunkSettings> trunks = List.of(
                    new TrunkSettings(TRUNK, "127.0.0.1", port, "udp", null, null, "15550001", "", 5000, 5000),
                    new TrunkSettings(AUTH_TRUNK, "127.0.0.1", port, "udp", CalleeNumbers.AUTH_USER,
                            CalleeNumbers.AUTH_PASSWORD, "15550002", "", 100, 100),
                    new TrunkSettings(WRONG_PASSWORD_TRUNK, "127.0.0.1", port, "udp", CalleeNumbers.AUTH_USER,
                            "not-the-password", "15550003", "", 100, 100));
            return new SippLine(sipp, LoopbackTelephony.start(2000, trunks));
        } catch (SipStackException | RuntimeException e) {
            sipp.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            line.close();
        } finally {
            sipp.close();
        }
    }
}
