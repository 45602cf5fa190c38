package org.outdial.testbed.simulate;

/** One simulated dial, from the dial to its end. Mutable; owned by {@link PacingSimulation}'s run. */
final class SimulatedCall {

    /** Where the call is. */
    enum State {
        /** Dialed, not answered yet. */
        RINGING,
        /** Answered, waiting for an operator within the grace. */
        WAITING,
        /** Being offered to an operator. */
        OFFERED,
        /** Connected to an operator: no longer the pacer's concern. */
        CONNECTED,
        /** Ended without a talk: not answered, or abandoned. */
        ENDED
    }

    final long dialedAt;
    long answeredAt = -1;
    State state = State.RINGING;

    SimulatedCall(long dialedAt) {
        this.dialedAt = dialedAt;
    }
}
