package org.outdial.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.outdial.sip.call.SipObserver;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.CallTimings;
import org.outdial.sip.outcome.Party;

/**
 * SIP's meters (docs/METRICS.md, "SIP"): responses by method and code, and each call's
 * post-dial delay per trunk. Labels are bounded: a method, a three-digit code, a configured trunk.
 */
public final class SipMeters implements SipObserver {

    /**
     * Post-dial delay buckets. ITU-T E.721 expects a mean of 3-5 s on national calls; carriers
     * that take longer than 8 s lose callers, so the buckets are dense up to 10 s.
     */
    private static final Duration[] PDD_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, Counter> responses = new ConcurrentHashMap<>();
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    public SipMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void response(String method, int status) {
        responses.computeIfAbsent(method + ' ' + status, key -> Counter.builder("outdial.sip.responses")
                .description("SIP responses received, by CSeq method and status code")
                .tags("method", method, "code", Integer.toString(status)).register(registry)).increment();
    }

    @Override
    public void callEnded(String route, CallOutcome outcome) {
        postDialDelay(outcome).ifPresent(delay -> delays.computeIfAbsent(route,
                r -> Timer.builder("outdial.call.post.dial.delay")
                        .description("INVITE sent to the first 180/183, or to the final response when none came")
                        .tag("trunk", r).serviceLevelObjectives(PDD_BUCKETS).register(registry)).record(delay));
    }

    /**
     * Post-dial delay as RFC 6076 §4.1 measures its Session Request Delay: from the INVITE to the
     * first ringing (180/183) response, to the answer of a call that never rang, or to the
     * callee's refusal. Empty for a call that got nothing back, or that Outdial ended itself before
     * any of these (its ring timeout is not the network's delay).
     */
    static Optional<Duration> postDialDelay(CallOutcome outcome) {
        CallTimings t = outcome.timings();
        if (t == null || t.inviteSent() == null) {
            return Optional.empty();
        }
        Instant heard = t.ringing() != null ? t.ringing() : t.answered();
        if (heard == null && outcome.endedBy() == Party.REMOTE && outcome.sipCode() >= 300) {
            heard = t.ended();
        }
        return heard == null || heard.isBefore(t.inviteSent()) ? Optional.empty()
                : Optional.of(Duration.between(t.inviteSent(), heard));
    }
}
