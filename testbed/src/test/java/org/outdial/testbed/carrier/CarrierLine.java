package org.outdial.testbed.carrier;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.LoopbackTelephony;
import org.outdial.testbed.sipp.LoopbackPorts;

/**
 * Outdial's real telephony (SIP stack, media engine) with one trunk to a simulated carrier in
 * the same JVM, with short ring and talk times so tests run fast. Closes everything.
 */
final class CarrierLine implements AutoCloseable {

    static final String TRUNK = "carrier";

    final SimulatedCarrier carrier;
    final MediaEngine media;
    final SipTelephony telephony;
    private final LoopbackTelephony line;

    private CarrierLine(SimulatedCarrier carrier, LoopbackTelephony line) {
        this.carrier = carrier;
        this.line = line;
        this.media = line.media;
        this.telephony = line.telephony;
    }

    static CarrierLine start(CalleeMix mix) throws Exception {
        SimulatedCarrier carrier = SimulatedCarrier.start(new CarrierSettings("127.0.0.1", LoopbackPorts.sipPort(), mix,
                Duration.ofSeconds(30), false));
        try {
            return new CarrierLine(carrier, LoopbackTelephony.start(1000, List.of(new TrunkSettings(TRUNK,
                    "127.0.0.1", carrier.port(), "udp", null, null, "15550001", "", 1000, 1000))));
        } catch (Exception | Error e) {
            carrier.close();
            throw e;
        }
    }

    /** Ringing 100-300 ms, talking 1-2 s, the default shares. */
    static CalleeMix fastMix(long seed) {
        return new CalleeMix(seed, CalleeMix.DEFAULT_ANSWER_SHARE,
                new CalleeMix.Span(Duration.ofMillis(100), Duration.ofMillis(300)),
                new CalleeMix.Span(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    /** The first Ukrainian mobile number (+380 67 ...) whose callee behaves as {@code wanted}. */
    static String numberWhere(CalleeMix mix, Predicate<CalleeBehaviour> wanted) {
        for (int i = 0; i < 100_000; i++) {
            String number = "+38067" + String.format("%07d", 1_000_000 + i * 7919 % 9_000_000);
            if (wanted.test(mix.behaviourOf(number))) {
                return number;
            }
        }
        throw new IllegalStateException("no number of 100,000 behaves as wanted");
    }

    static Predicate<CalleeBehaviour> refusing(int status) {
        return b -> b instanceof CalleeBehaviour.Refuse r && r.status() == status;
    }

    @Override
    public void close() {
        try {
            line.close();
        } finally {
            carrier.close();
        }
    }
}
