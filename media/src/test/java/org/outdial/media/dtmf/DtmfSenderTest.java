package org.outdial.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfSenderTest {

    private record Sent(long tickTimestamp, boolean event, int code, boolean marker, boolean end, int duration, long eventTimestamp) {
    }

    /** Drives the sender tick by tick from timestamp 1000 until it finishes. */
    private static List<Sent> run(String digits) {
        DtmfSender sender = new DtmfSender(digits);
        List<Sent> sent = new ArrayList<>();
        long timestamp = 1000;
        while (!sender.finished()) {
            boolean event = sender.tick(timestamp);
            sent.add(new Sent(timestamp, event, sender.event(), sender.marker(), sender.end(), sender.duration(), sender.eventTimestamp()));
            timestamp += 160;
            if (sent.size() > 10_000) {
                throw new AssertionError("sender never finished");
            }
        }
        return sent;
    }

    @Test
    void oneDigitIsFiveUpdatesWithGrowingDurationThenThreeEndPacketsInAll() {
        List<Sent> sent = run("5");

        assertEquals(7, sent.size());
        for (int i = 0; i < 7; i++) {
            Sent packet = sent.get(i);
            assertTrue(packet.event());
            assertEquals(5, packet.code());
            assertEquals(1000, packet.eventTimestamp(), "every packet carries the event's start timestamp");
            assertEquals(i == 0, packet.marker(), "marker only on the first packet");
            assertEquals(Math.min(i + 1, 5) * 160, packet.duration());
            assertEquals(i >= 4, packet.end(), "E bit on the last update and its two retransmissions");
        }
    }

    @Test
    void digitsAreSeparatedByAudioAndEachStartsAtItsOwnTimestamp() {
        List<Sent> sent = run("1#");

        List<Long> starts = new ArrayList<>();
        for (Sent packet : sent) {
            if (packet.event() && packet.marker()) {
                starts.add(packet.eventTimestamp());
            }
        }
        assertEquals(List.of(1000L, 1000L + 12 * 160), starts);
        long audioTicksBetween = sent.subList(7, 12).stream().filter(s -> !s.event()).count();
        assertEquals(5, audioTicksBetween);
        assertEquals(11, sent.get(12).code());
    }

    @Test
    void aDotIsOneSecondWithoutEventsAsInTheSeedsDtmfString() {
        List<Sent> sent = run(".1");

        for (int i = 0; i < 50; i++) {
            assertFalse(sent.get(i).event(), "tick " + i);
        }
        assertTrue(sent.get(50).event());
        assertEquals(1000 + 50 * 160, sent.get(50).eventTimestamp());
    }

    @Test
    void aCommaPausesLikeADot() {
        assertEquals(run(".").size(), run(",").size());
        assertEquals(50, run(",").size());
    }

    @Test
    void anythingButDigitsAndPausesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DtmfSender("12x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DtmfSender(""));
    }
}
