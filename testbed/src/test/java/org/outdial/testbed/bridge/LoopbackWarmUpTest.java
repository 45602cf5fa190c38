package org.outdial.testbed.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testing.Await;

/**
 * The dialer's warm-up ({@code Telephony.warmUp}, run before the first call): two line calls from
 * the real stack to a throw-away answering peer on loopback, bridged until each peer has heard the
 * other's tone through the relay, then hung up, leaving no call, dialog or RTP leg behind.
 */
class LoopbackWarmUpTest {

    @Test
    void theWarmUpBridgesTwoLoopbackCallsBothWaysAndLeavesNothingBehind() throws Exception {
        int rtp = LoopbackPorts.evenRange(20);
        try (MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 19), 1);
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()),
                     List.of(), new RtpMediaLegs(media))) {

            Duration took = telephony.warmUp().orElseThrow(
                    () -> new AssertionError("the warm-up call did not go through (see the log)"));

            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded: " + took);
            Await.until("the warm-up's calls, dialogs and RTP legs are gone", Duration.ofSeconds(10),
                    () -> telephony.counts().calls() == 0 && telephony.counts().dialogs() == 0
                            && telephony.counts().mediaLegs() == 0);
        }
    }
}
