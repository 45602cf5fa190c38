package org.outdial.testbed.sipp;

import java.time.Duration;
import java.util.List;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * The whole telephony layer pointed at one SIPp callee on loopback: SIPp, a media engine and a
 * {@link SipTelephony} with trunks that all lead to SIPp. Closes everything, SIPp last.
 */
final class SippLine implements AutoCloseable {

    static final String TRUNK = "sipp";
    static final String AUTH_TRUNK = "sipp-auth";
    static final String WRONG_PASSWORD_TRUNK = "sipp-wrong-password";
    static final String ONE_LINE_TRUNK = "sipp-one-line";
    static final String ONE_CPS_TRUNK = "sipp-one-cps";

    final SippProcess sipp;
    final MediaEngine media;
    final SipTelephony telephony;

    private SippLine(SippProcess sipp, MediaEngine media, SipTelephony telephony) {
        this.sipp = sipp;
        this.media = media;
        this.telephony = telephony;
    }

    static SippLine start(Duration sippLifetime) throws SipStackException {
        SippProcess sipp = SippProcess.callee(sippLifetime);
        MediaEngine media = null;
        try {
            int rtpBase = LoopbackPorts.evenRange(2000);
            media = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + 1999), 2);
            int port = sipp.sipPort();
            List<TrunkSettings> trunks = List.of(
                    new TrunkSettings(TRUNK, "127.0.0.1", port, "udp", null, null, "15550001", "", 5000, 5000),
                    new TrunkSettings(AUTH_TRUNK, "127.0.0.1", port, "udp", CalleeNumbers.AUTH_USER,
                            CalleeNumbers.AUTH_PASSWORD, "15550002", "", 100, 100),
                    new TrunkSettings(WRONG_PASSWORD_TRUNK, "127.0.0.1", port, "udp", CalleeNumbers.AUTH_USER,
                            "not-the-password", "15550003", "", 100, 100),
                    new TrunkSettings(ONE_LINE_TRUNK, "127.0.0.1", port, "udp", null, null, "15550004", "", 1, 100),
                    new TrunkSettings(ONE_CPS_TRUNK, "127.0.0.1", port, "udp", null, null, "15550005", "", 100, 1));
            SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()), trunks,
                    new RtpMediaLegs(media));
            return new SippLine(sipp, media, telephony);
        } catch (SipStackException | RuntimeException e) {
            if (media != null) {
                media.close();
            }
            sipp.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            telephony.close();
        } finally {
            try {
                media.close();
            } finally {
                sipp.close();
            }
        }
    }
}
