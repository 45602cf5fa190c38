package org.outdial.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Outcome;
import org.outdial.sip.outcome.Party;

class SipMetersTest {

    private static final Instant INVITE = Instant.parse("2026-03-04T08:00:00Z");

    private static Instant at(long millis) {
        return INVITE.plusMillis(millis);
    }

    @Test
    void responsesAreCountedByMethodAndCode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SipMeters meters = new SipMeters(registry);
        meters.response("INVITE", 180);
        meters.response("INVITE", 486);
        meters.response("INVITE", 486);
        meters.response("BYE", 200);

        assertEquals(2, registry.find("outdial.sip.responses").tags("method", "INVITE", "code", "486").counter().count());
        assertEquals(1, registry.find("outdial.sip.responses").tags("method", "INVITE", "code", "180").counter().count());
        assertEquals(1, registry.find("outdial.sip.responses").tags("method", "BYE", "code", "200").counter().count());
    }

    @Test
    void postDialDelayRunsToTheFirstRingingOrTheAnswerOrTheCalleesRefusal() {
        CallOutcome rang = new CallOutcome(Outcome.ANSWERED, 200, 16, "", Party.REMOTE,
                new CallTimings(INVITE, at(40), at(1_500), at(4_000), at(9_000)));
        CallOutcome answeredAtOnce = new CallOutcome(Outcome.ANSWERED, 200, 16, "", Party.REMOTE,
                new CallTimings(INVITE, at(40), null, at(700), at(9_000)));
        CallOutcome refused = new CallOutcome(Outcome.BUSY, 486, 17, "", Party.REMOTE,
                new CallTimings(INVITE, at(40), null, null, at(300)));
        CallOutcome ourTimeout = new CallOutcome(Outcome.NO_ANSWER, 487, 19, "", Party.LOCAL,
                new CallTimings(INVITE, at(40), null, null, at(30_000)));
        CallOutcome nothingBack = new CallOutcome(Outcome.FAILED, 0, 102, "", Party.LOCAL,
                new CallTimings(INVITE, null, null, null, at(32_000)));

        assertEquals(Duration.ofMillis(1_500), SipMeters.postDialDelay(rang).orElseThrow());
        assertEquals(Duration.ofMillis(700), SipMeters.postDialDelay(answeredAtOnce).orElseThrow());
        assertEquals(Duration.ofMillis(300), SipMeters.postDialDelay(refused).orElseThrow());
        assertTrue(SipMeters.postDialDelay(ourTimeout).isEmpty(), "our ring timeout is not the network's delay");
        assertTrue(SipMeters.postDialDelay(nothingBack).isEmpty());

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SipMeters meters = new SipMeters(registry);
        meters.callEnded("sipp", rang);
        meters.callEnded("sipp", refused);
        meters.callEnded("sipp", ourTimeout);
        Timer pdd = registry.find("outdial.call.post.dial.delay").tag("trunk", "sipp").timer();
        assertEquals(2, pdd.count());
        assertEquals(1_800, pdd.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }
}
