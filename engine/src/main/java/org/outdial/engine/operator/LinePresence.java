package org.outdial.engine.operator;

/**
 * Where an operator line is right now, as UniTalk's /phones/inner reports it. The SIP registrar
 * and the call flows will provide the real one; until then every line is {@link #offline()}.
 */
@FunctionalInterface
public interface LinePresence {

    /** UniTalk's three line statuses, with their wire names. */
    enum Status {
        /** Line online and not busy. */
        ONLINE("online"),
        /** Line online and busy with a call. */
        BUSY("busy"),
        /** Line not online. */
        OFFLINE("offline");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    Status statusOf(String number);

    /** No registrar yet: nothing is online. */
    static LinePresence offline() {
        return number -> Status.OFFLINE;
    }
}
