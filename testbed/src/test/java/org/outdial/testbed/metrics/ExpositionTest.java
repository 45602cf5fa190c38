package org.outdial.testbed.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void samplesAreSummedByTheLabelsAskedFor() {
        Exposition e = Exposition.parse("""
                # HELP outdial_calls_started_total Calls the dialer started
                # TYPE outdial_calls_started_total counter
                outdial_calls_started_total{campaign="1",trunk="a"} 3.0
                outdial_calls_started_total{campaign="1",trunk="b"} 2.0
                outdial_calls_started_total{campaign="2",trunk="a"} 7.0
                # TYPE outdial_claim_seconds histogram
                outdial_claim_seconds_bucket{le="0.001"} 1
                outdial_claim_seconds_bucket{le="+Inf"} 4
                outdial_claim_seconds_count 4
                # TYPE odd gauge
                odd{text="a \\"quoted\\" \\\\ back\\nslash"} NaN 1700000000000
                """);

        assertEquals(5, e.sum("outdial_calls_started_total", Map.of("campaign", "1")));
        assertEquals(10, e.sum("outdial_calls_started_total", Map.of("trunk", "a")));
        assertEquals(0, e.sum("outdial_calls_started_total", Map.of("campaign", "3")));
        assertEquals(4, e.sum("outdial_claim_seconds_bucket", Map.of("le", "+Inf")));
        assertEquals(4, e.sum("outdial_claim_seconds_count"));
        assertEquals("histogram", e.type("outdial_claim_seconds"));
        assertEquals("a \"quoted\" \\ back\nslash", e.samples().getLast().labels().get("text"));
    }

    @Test
    void aLineOutsideTheFormatIsRefusedWithItsNumber() {
        IllegalArgumentException noType = assertThrows(IllegalArgumentException.class,
                () -> Exposition.parse("undeclared 1\n"));
        assertEquals("line 1: undeclared has no # TYPE line before it: undeclared 1", noType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exposition.parse("# TYPE a gauge\na{b=c} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> Exposition.parse("# TYPE a gauge\na one\n"));
    }
}
