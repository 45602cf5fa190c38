package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class CallFiguresTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final CallFigures figures = new CallFigures();

    @Test
    void aCampaignWithNoCallHasNoRatiosAndAnHourOfZeros() {
        CallFigures.Figures f = figures.of(1, T0);

        assertEquals(0, f.ended());
        assertNull(f.asr());
        assertNull(f.acd());
        assertNull(f.postDialDelay());
        assertEquals(Collections.nCopies(60, 0L), f.perMinute());
    }

    @Test
    void asrIsAnsweredOverEndedAcdTheMeanConnectedTimePostDialDelayTheMeanTimeToRinging() {
        figures.ended(1, T0, Duration.ofSeconds(10), Duration.ofMillis(800));
        figures.ended(1, T0.plusSeconds(1), Duration.ofSeconds(20), Duration.ofMillis(1200));
        figures.ended(1, T0.plusSeconds(2), null, Duration.ofMillis(1000));
        figures.ended(1, T0.plusSeconds(3), null, null); // refused before ringing: no post-dial delay

        CallFigures.Figures f = figures.of(1, T0.plusSeconds(5));

        assertEquals(4, f.ended());
        assertEquals(2, f.answered());
        assertEquals(0.5, f.asr());
        assertEquals(Duration.ofSeconds(15), f.acd());
        assertEquals(Duration.ofMillis(1000), f.postDialDelay());
        assertEquals(4, f.callsPerMinute());
        assertEquals(4L, f.perMinute().get(59));
    }

    @Test
    void callsMoveLeftThroughThePerMinuteSeriesAndLeaveTheWindowAfterAnHour() {
        figures.ended(1, T0, null, null);
        figures.ended(2, T0, null, null);

        CallFigures.Figures tenMinutesLater = figures.of(1, T0.plus(Duration.ofMinutes(10)));
        assertEquals(1, tenMinutesLater.ended());
        assertEquals(0, tenMinutesLater.callsPerMinute(), "not in the last minute any more");
        assertEquals(1L, tenMinutesLater.perMinute().get(49));
        assertEquals(1, tenMinutesLater.perMinute().stream().mapToLong(Long::longValue).sum());

        assertEquals(0, figures.of(1, T0.plus(Duration.ofMinutes(61))).ended(), "out of the hour");
    }

    @Test
    void aSlotReusedAfterAnHourStartsFromZero() {
        figures.ended(1, T0, Duration.ofSeconds(5), null);
        Instant hourLater = T0.plus(CallFigures.WINDOW);
        figures.ended(1, hourLater, null, null);

        CallFigures.Figures f = figures.of(1, hourLater);
        assertEquals(1, f.ended());
        assertEquals(0, f.answered());
    }

    @Test
    void aForgottenCampaignHasNoFigures() {
        figures.ended(1, T0, null, null);
        figures.forget(1);

        assertEquals(0, figures.of(1, T0).ended());
    }
}
