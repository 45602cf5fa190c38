package org.outdial.testbed.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace reader the SIPp-side checks rely on finds overlaps, and only real ones. */
class ShortMessagesTest {

    private static String line(double at, String dir, String callId, String cseq, String first) {
        return "2026-12-02\t19:00:00.000000\t" + at + "\t" + dir + "\t" + callId + "\tCSeq:" + cseq + "\t" + first + "\n";
    }

    @Test
    void anInviteArrivingBeforeThePreviousCallsByeIsTwoCallsAtOnce(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("t.log"),
                line(10.0, "R", "a", "1 INVITE", "INVITE sip:2001@127.0.0.1 SIP/2.0")
                        + line(10.1, "S", "a", "1 INVITE", "SIP/2.0 200 OK")
                        + line(10.2, "R", "o", "1 OPTIONS", "OPTIONS sip:2001@127.0.0.1 SIP/2.0")
                        + line(10.5, "R", "b", "1 INVITE", "INVITE sip:2001@127.0.0.1 SIP/2.0")
                        + line(10.6, "S", "a", "1 BYE", "BYE sip:outdial@127.0.0.1 SIP/2.0")
                        + line(10.7, "S", "b", "1 INVITE", "SIP/2.0 486 Busy Here")
                        + line(11.0, "R", "c", "1 INVITE", "INVITE sip:2001@127.0.0.1 SIP/2.0")
                        + line(11.5, "R", "c", "2 BYE", "BYE sip:2001@127.0.0.1 SIP/2.0"));
        List<ShortMessages.SipCall> calls = ShortMessages.callsReceived(ShortMessages.read(trace));

        assertEquals(List.of("a", "b", "c"), calls.stream().map(ShortMessages.SipCall::callId).toList(), "OPTIONS is no call");
        assertTrue(calls.get(0).answered());
        assertFalse(calls.get(1).answered());
        assertEquals(10.7, calls.get(1).endedAt(), 1e-9, "a failure response ends the call");
        assertEquals(2, ShortMessages.maxConcurrent(calls));
        assertEquals(1, ShortMessages.maxConcurrent(List.of(calls.get(0), calls.get(2))));
        assertEquals(1, ShortMessages.readFrom(trace, 7).size());
    }

    @Test
    void aCallStartingWhenTheOtherEndsIsNotAnOverlap() {
        var first = new ShortMessages.SipCall("a", 1.0, true, 2.0);
        var next = new ShortMessages.SipCall("b", 2.0, true, 3.0);
        var open = new ShortMessages.SipCall("c", 2.5, false, Double.NaN);
        assertEquals(1, ShortMessages.maxConcurrent(List.of(first, next)));
        assertEquals(2, ShortMessages.maxConcurrent(List.of(first, next, open)), "an unended call counts to the end");
    }
}
