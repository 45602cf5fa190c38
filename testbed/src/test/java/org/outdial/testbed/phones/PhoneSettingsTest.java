package org.outdial.testbed.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhoneSettingsTest {

    @Test
    void durationDrawsParseFixedRangesAndMeans() {
        assertEquals(DurationDraw.fixed(Duration.ofSeconds(2)), DurationDraw.parse("2s"));
        assertEquals(DurationDraw.fixed(Duration.ofMillis(300)), DurationDraw.parse("300ms"));
        assertEquals(DurationDraw.uniform(Duration.ofSeconds(1), Duration.ofSeconds(3)), DurationDraw.parse("1-3"));
        assertEquals(DurationDraw.uniform(Duration.ofMillis(200), Duration.ofMillis(900)),
                DurationDraw.parse("200ms-900ms"));
        assertEquals(DurationDraw.exponential(Duration.ofSeconds(8)), DurationDraw.parse("mean:8s"));
        assertThrows(IllegalArgumentException.class, () -> DurationDraw.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> DurationDraw.parse("3-1"));
    }

    @Test
    void uniformDrawsStayInTheirRangeAndExponentialOnesAverageTheMeanUnderTheCap() {
        SplittableRandom random = new SplittableRandom(7);
        DurationDraw range = DurationDraw.uniform(Duration.ofMillis(100), Duration.ofMillis(200));
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            long ms = range.draw(random).toMillis();
            assertTrue(ms >= 100 && ms <= 200, "in range: " + ms);
        }
        DurationDraw talk = DurationDraw.exponential(Duration.ofSeconds(8));
        for (int i = 0; i < 100_000; i++) {
            long ms = talk.draw(random).toMillis();
            assertTrue(ms <= 32_000, "capped at 4 × mean: " + ms);
            sum += ms;
        }
        // The cap at 4 × mean takes e^-4 · mean off the mean: 8 s · (1 - e^-4) ≈ 7.85 s.
        assertEquals(7853, sum / 100_000.0, 80);
    }

    @Test
    void phonesGetTonesFiftyHertzApartOnTheGrid() {
        PhonesSettings settings = PhonesSettings.loopback("127.0.0.1", 5060, 1001, 10, PhoneBehaviour.realistic());
        assertEquals(700, settings.toneOf(0));
        assertEquals(1150, settings.toneOf(9));
        assertEquals(List.of("1001", "1010"), List.of(settings.lines().getFirst().number(),
                settings.lines().getLast().number()));
        assertEquals("pw1005", settings.lines().get(4).password());
        IllegalArgumentException offGrid = assertThrows(IllegalArgumentException.class, () -> new PhonesSettings(
                "127.0.0.1", "127.0.0.1", 5060, settings.lines(), Duration.ofSeconds(60), Duration.ofSeconds(5),
                PhoneBehaviour.realistic(), 725, 0, 1, "udp"));
        assertTrue(offGrid.getMessage().contains("toneBaseHz"), offGrid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings.withLines(List.of(new PhoneLine("1001", "a"),
                new PhoneLine("1001", "b"))));
    }

    @Test
    void behaviourSharesMustLeaveRoomForAnswers() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneBehaviour(DurationDraw.parse("1s"),
                Optional.empty(), 0.6, 0.5, PhoneBehaviour.DEFAULT_RING_CAP));
        assertEquals(1.0, PhoneBehaviour.neverAnswers().noAnswerShare());
    }
}
