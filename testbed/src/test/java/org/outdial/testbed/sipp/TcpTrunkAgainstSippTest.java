package org.outdial.testbed.sipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.trunk.TrunkSettings;

/** A trunk with {@code transport: tcp}: SIPp on one TCP connection ({@code -t t1}). */
class TcpTrunkAgainstSippTest {

    @Test
    void callsOverATcpTrunkAreAnsweredAndRefused() throws Exception {
        int rtp = LoopbackPorts.evenRange(40);
        try (SippProcess sipp = SippProcess.callee(Duration.ofMinutes(2), "-t", "t1");
             MediaEngine media = MediaEngine.start(new MediaSettings("127.0.0.1", rtp, rtp + 39), 1);
             SipTelephony telephony = SipTelephony.start(new SipSettings("127.0.0.1", LoopbackPorts.sipPort()),
                     List.of(new TrunkSettings("tcp", "127.0.0.1", sipp.sipPort(), "tcp", null, null, "15550009", "",
                             10, 10)), new RtpMediaLegs(media))) {
            Call answered = telephony.dial(DialRequest.of("tcp", CalleeNumbers.ANSWER, Duration.ofSeconds(10)));
            assertTrue(answered.answered().get(10, TimeUnit.SECONDS), () -> answered.outcome().getNow(null) + "");
            answered.hangup();
            assertEquals(Outcome.ANSWERED, answered.outcome().get(10, TimeUnit.SECONDS).outcome());

            Call busy = telephony.dial(DialRequest.of("tcp", CalleeNumbers.finalResponse(486), Duration.ofSeconds(10)));
            assertEquals(Outcome.BUSY, busy.outcome().get(10, TimeUnit.SECONDS).outcome());
        }
    }
}
