package org.outdial.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DtmfReceiverTest {

    @Test
    void anEventIsReportedOnItsFirstPacketAndNeverAgain() {
        DtmfReceiver receiver = new DtmfReceiver();

        Optional<DtmfEvent> first = receiver.onPacket(5000, new TelephoneEvent(7, false, 10, 160));
        Optional<DtmfEvent> update = receiver.onPacket(5000, new TelephoneEvent(7, false, 10, 320));
        Optional<DtmfEvent> end1 = receiver.onPacket(5000, new TelephoneEvent(7, true, 10, 800));
        Optional<DtmfEvent> end2 = receiver.onPacket(5000, new TelephoneEvent(7, true, 10, 800));

        assertEquals(Optional.of(new DtmfEvent('7', 5000)), first);
        assertTrue(update.isEmpty() && end1.isEmpty() && end2.isEmpty());
    }

    @Test
    void theSameDigitTwiceIsTwoEventsWhenTheTimestampsDiffer() {
        DtmfReceiver receiver = new DtmfReceiver();

        assertTrue(receiver.onPacket(1000, new TelephoneEvent(1, true, 10, 800)).isPresent());
        assertTrue(receiver.onPacket(3000, new TelephoneEvent(1, false, 10, 160)).isPresent());
    }

    @Test
    void aLateEndPacketOfAnEarlierEventIsNotReportedAgain() {
        DtmfReceiver receiver = new DtmfReceiver();
        receiver.onPacket(1000, new TelephoneEvent(1, false, 10, 160));
        receiver.onPacket(3000, new TelephoneEvent(2, false, 10, 160));

        assertTrue(receiver.onPacket(1000, new TelephoneEvent(1, true, 10, 800)).isEmpty());
    }

    @Test
    void eventsThatAreNotDigitsAreIgnored() {
        // RFC 4733 §3.2 codes 16 (flash) and up, such as fax tones, are not DTMF.
        assertTrue(new DtmfReceiver().onPacket(1000, new TelephoneEvent(16, false, 10, 160)).isEmpty());
    }
}
