package org.outdial.testbed.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theRangeIsTheStudentTPredictionIntervalOfOneMoreRun() {
        // mean 2, s 1, t(0.975, 2) = 4.303, half width 4.303 × √(1 + 1/3) = 4.969.
        Spread s = Spread.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, s.mean(), 1e-9);
        assertEquals(6.969, s.high(), 1e-3);
        assertEquals(0.0, s.low(), "never below 0");
        Spread wide = Spread.of(List.of(10.0, 12.0, 11.0, 13.0));
        assertEquals(11.5 - 3.182 * Math.sqrt(5.0 / 3) * Math.sqrt(1.25), wide.low(), 1e-3);
    }

    @Test
    void oneRunIsItsOwnRangeAndABoundClipsTheRange() {
        assertEquals(new Spread(4.0, 4.0, 4.0, 1), Spread.of(List.of(4.0)));
        assertEquals(100.0, Spread.of(List.of(90.0, 99.0)).atMost(100).high());
    }
}
