package org.outdial.testbed.carrier;

import java.time.Duration;

/**
 * Where the simulated carrier listens and how its callees behave.
 *
 * @param bindAddress the local IP address for SIP and RTP, an IP literal (normally 127.0.0.1)
 * @param port        the SIP port (UDP); 0 takes any free port, {@link SimulatedCarrier#port()} says which
 * @param mix         the callees' behaviours
 * @param ringCap     how long a callee that never answers may ring before the network gives up
 *                    with 480, for a caller that never sends CANCEL
 * @param verbose     log one line per call
 */
public record CarrierSettings(String bindAddress, int port, CalleeMix mix, Duration ringCap, boolean verbose) {

    /** Real networks stop alerting after about three minutes (ETSI's "no answer" timer is 90-180 s). */
    public static final Duration DEFAULT_RING_CAP = Duration.ofMinutes(3);

    public CarrierSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (mix == null) {
            throw new IllegalArgumentException("mix must be given");
        }
        if (ringCap == null || ringCap.isNegative() || ringCap.isZero()) {
            throw new IllegalArgumentException("ring cap must be positive, was " + ringCap);
        }
    }

    /** Loopback, the given port and seed, realistic callees, quiet. */
    public static CarrierSettings loopback(int port, long seed) {
        return new CarrierSettings("127.0.0.1", port, CalleeMix.realistic(seed), DEFAULT_RING_CAP, false);
    }
}
