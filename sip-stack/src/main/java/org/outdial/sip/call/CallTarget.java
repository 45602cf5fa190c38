package org.outdial.sip.call;

import org.outdial.sip.registrar.Registration;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * Where a {@link SipCall}'s INVITE goes: a configured trunk, or an operator's phone at the
 * contact it registered. Everything else about a call (offer, ringing, CANCEL, BYE, the state
 * machine) is the same for both.
 */
sealed interface CallTarget {

    /** Named in log lines. */
    String name();

    /** {@code udp} or {@code tcp}. */
    String transport();

    /** Whether a 401/407 from the far end can be answered. */
    boolean hasCredentials();

    /** A trunk: the number at the trunk's host, with the trunk's credentials. */
    record Trunk(TrunkSettings trunk) implements CallTarget {
        @Override
        public String name() {
            return trunk.name();
        }

        @Override
        public String transport() {
            return trunk.transport();
        }

        @Override
        public boolean hasCredentials() {
            return trunk.username() != null;
        }
    }

    /**
     * An operator line: the registered contact as Request-URI, sent to where the phone was
     * reached. {@code registration} is null when the line is not registered: the call fails
     * before anything is sent.
     */
    record Line(LineCall call, Registration registration) implements CallTarget {
        @Override
        public String name() {
            return "line " + call.line();
        }

        @Override
        public String transport() {
            return registration == null ? "udp" : registration.transport();
        }

        @Override
        public boolean hasCredentials() {
            return false; // an operator's phone has no business challenging Outdial
        }
    }
}
