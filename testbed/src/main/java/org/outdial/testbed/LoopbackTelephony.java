package org.outdial.testbed;

import java.util.List;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.LoopbackPorts;

/**
 * Outdial's real telephony on 127.0.0.1 (a media engine on a free RTP range and a
 * {@link SipTelephony} on a free SIP port) with the given trunks, for tests and benchmarks that
 * call a peer on loopback. Closes the telephony, then the media.
 */
public final class LoopbackTelephony implements AutoCloseable {

    public final MediaEngine media;
    public final SipTelephony telephony;

    private LoopbackTelephony(MediaEngine media, SipTelephony telephony) {
        this.media = media;
        this.telephony = telephony;
    }

    /** @param rtpPorts how many RTP ports to take (two per call: RTP uses even ports) */
    public static LoopbackTelephony start(int rtpPorts, List<TrunkSettings> trunks) throws SipStackException {
        int rtpBase = LoopbackPorts.evenRange(rtpPorts);
        MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtpBase, rtpBase + rtpPorts - 1), 2);
        try {
            return new LoopbackTelephony(media, SipTelephony.start(
                    new SipSettings("127.0.0.1", LoopbackPorts.sipPort()), trunks, new RtpMediaLegs(media)));
        } catch (SipStackException | RuntimeException | Error e) {
            media.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            telephony.close();
        } finally {
            media.close();
        }
    }
}
