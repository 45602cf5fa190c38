package org.outdial.testbed.carrier;

import java.time.Duration;

/** What the person (or network) behind one dialed number does with an INVITE. */
public sealed interface CalleeBehaviour {

    /** A short word for logs and the carrier's summary. */
    String label();

    /** 100 Trying, 180 Ringing, after {@code ringing} 200 OK with media; hangs up after {@code talk} unless Outdial does. */
    record Answer(Duration ringing, Duration talk) implements CalleeBehaviour {
        @Override
        public String label() {
            return "answer";
        }
    }

    /** 100 Trying, 180 Ringing, and nothing more until the caller gives up (CANCEL → 487). */
    record RingUntilCancel() implements CalleeBehaviour {
        @Override
        public String label() {
            return "ring";
        }
    }

    /**
     * A final error response after {@code delay}; with {@code ringsFirst} a 180 is sent first
     * (a callee who lets it ring and then declines), without it the network answers at once.
     */
    record Refuse(int status, Duration delay, boolean ringsFirst) implements CalleeBehaviour {
        public Refuse {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a refusal is a 4xx-6xx status, was " + status);
            }
        }

        @Override
        public String label() {
            return Integer.toString(status);
        }
    }
}
