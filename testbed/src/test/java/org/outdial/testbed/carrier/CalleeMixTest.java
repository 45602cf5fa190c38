package org.outdial.testbed.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalleeMixTest {

    private static final int NUMBERS = 20_000;

    @Test
    void aNumberBehavesTheSameEveryTimeWhateverItsFormat() {
        CalleeMix mix = CalleeMix.realistic(42);
        for (int i = 0; i < 1000; i++) {
            String digits = "38067" + (1_000_000 + i * 31);
            assertEquals(mix.behaviourOf(digits), mix.behaviourOf("+" + digits));
            assertEquals(mix.behaviourOf(digits), CalleeMix.realistic(42).behaviourOf(digits));
        }
    }

    @Test
    void anotherSeedGivesNumbersOtherBehaviours() {
        CalleeMix one = CalleeMix.realistic(1);
        CalleeMix two = CalleeMix.realistic(2);
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            String number = "38067" + (2_000_000 + i);
            if (!one.behaviourOf(number).label().equals(two.behaviourOf(number).label())) {
                differ++;
            }
        }
        assertTrue(differ > 300, "labels differ for " + differ + " of 1000 numbers");
    }

    @Test
    void sharesAreThoseOfARealCampaign() {
        Map<String, Integer> counts = labels(CalleeMix.realistic(7));

        assertShare(counts, "answer", 55);
        assertShare(counts, "ring", 15);
        assertShare(counts, "486", 12);
        assertShare(counts, "404", 5);
        assertShare(counts, "480", 4);
        assertShare(counts, "603", 4);
        assertShare(counts, "503", 3);
        assertShare(counts, "500", 2);
    }

    @Test
    void answerShareScalesTheOtherBehavioursInProportion() {
        Map<String, Integer> counts = labels(new CalleeMix(7, 0.10, CalleeMix.DEFAULT_RINGING, CalleeMix.DEFAULT_TALK));

        assertShare(counts, "answer", 10);
        assertShare(counts, "ring", 15 * 90 / 45.0);
        assertShare(counts, "486", 12 * 90 / 45.0);
    }

    @Test
    void answeredCallsRingAndTalkWithinTheirSpans() {
        CalleeMix mix = CalleeMix.realistic(3);
        for (int i = 0; i < 2000; i++) {
            if (mix.behaviourOf("38050" + (3_000_000 + i)) instanceof CalleeBehaviour.Answer a) {
                assertTrue(a.ringing().compareTo(Duration.ofSeconds(1)) >= 0 && a.ringing().compareTo(Duration.ofSeconds(4)) <= 0,
                        a.toString());
                assertTrue(a.talk().compareTo(Duration.ofSeconds(3)) >= 0 && a.talk().compareTo(Duration.ofSeconds(15)) <= 0,
                        a.toString());
            }
        }
    }

    @Test
    void spansParseSecondsAndMilliseconds() {
        assertEquals(new CalleeMix.Span(Duration.ofSeconds(1), Duration.ofSeconds(4)), CalleeMix.Span.parse("1-4"));
        assertEquals(new CalleeMix.Span(Duration.ofMillis(200), Duration.ofMillis(1500)),
                CalleeMix.Span.parse("200ms-1.5s"));
        assertThrows(IllegalArgumentException.class, () -> CalleeMix.Span.parse("4-1"));
        assertThrows(IllegalArgumentException.class, () -> new CalleeMix(1, 1.5, CalleeMix.DEFAULT_RINGING,
                CalleeMix.DEFAULT_TALK));
    }

    @Test
    void ringOutOnlyKeepsTheAnswersAndMakesEveryOtherNumberRingUntilCancelled() {
        CalleeMix mixed = new CalleeMix(9, 0.2, CalleeMix.DEFAULT_RINGING, CalleeMix.DEFAULT_TALK);
        CalleeMix ringOut = mixed.withNonAnswers(CalleeMix.NonAnswers.RING_OUT);
        Map<String, Integer> counts = labels(ringOut);

        assertShare(counts, "answer", 20);
        assertShare(counts, "ring", 80);
        assertEquals(2, counts.size(), counts::toString);
        for (int i = 0; i < 2000; i++) {
            String number = "38067" + (1_000_000 + i);
            CalleeBehaviour before = mixed.behaviourOf(number);
            CalleeBehaviour after = ringOut.behaviourOf(number);
            if (before instanceof CalleeBehaviour.Answer) {
                assertEquals(before, after, "the same numbers answer, after the same ringing: " + number);
            } else {
                assertEquals(new CalleeBehaviour.RingUntilCancel(), after, number + " was " + before);
            }
        }
    }

    @Test
    void nonAnswersParseAndAreRequired() {
        assertEquals(CalleeMix.NonAnswers.RING_OUT, CalleeMix.NonAnswers.parse("ring-out"));
        assertEquals(CalleeMix.NonAnswers.MIXED, CalleeMix.NonAnswers.parse(" MIXED "));
        assertThrows(IllegalArgumentException.class, () -> CalleeMix.NonAnswers.parse("busy"));
        assertThrows(IllegalArgumentException.class, () -> new CalleeMix(1, 0.5, CalleeMix.DEFAULT_RINGING,
                CalleeMix.DEFAULT_TALK, null));
        assertEquals(CalleeMix.NonAnswers.MIXED, CalleeMix.realistic(1).nonAnswers());
        assertEquals(CalleeMix.NonAnswers.RING_OUT, CarrierCommandLine.parse(new String[] {"--non-answers", "ring-out"})
                .settings().mix().nonAnswers());
        assertEquals(CalleeMix.NonAnswers.MIXED, CarrierCommandLine.parse(new String[0]).settings().mix().nonAnswers());
    }

    private static Map<String, Integer> labels(CalleeMix mix) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < NUMBERS; i++) {
            counts.merge(mix.behaviourOf("38067" + (1_000_000 + i)).label(), 1, Integer::sum);
        }
        return counts;
    }

    private static void assertShare(Map<String, Integer> counts, String label, double percent) {
        double actual = 100.0 * counts.getOrDefault(label, 0) / NUMBERS;
        assertTrue(Math.abs(actual - percent) < 1.0, label + ": expected " + percent + " %, was " + actual + " % " + counts);
    }
}
