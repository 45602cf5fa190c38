package org.outdial.sip.registrar;

/**
 * Told when an operator line comes online or goes offline at the registrar. Called on the SIP
 * stack's threads or the registrar's timer; must not block.
 */
public interface RegistrationListener {

    /** Why a line went offline. */
    enum OfflineReason {
        /** The phone sent REGISTER with {@code Expires: 0}. */
        UNREGISTERED,
        /** The binding's expiry passed without a new REGISTER. */
        EXPIRED,
        /** The phone stopped answering the registrar's OPTIONS keep-alive. */
        UNREACHABLE
    }

    /** A line registered, or registered again (a refresh, perhaps from a new address). */
    void online(Registration registration);

    /** A line's binding is gone. */
    void offline(String line, OfflineReason reason);

    /** A listener that ignores everything. */
    static RegistrationListener none() {
        return new RegistrationListener() {
            @Override
            public void online(Registration registration) {
            }

            @Override
            public void offline(String line, OfflineReason reason) {
            }
        };
    }
}
