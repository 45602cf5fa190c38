package org.outdial.testbed.simulate;

import java.util.PriorityQueue;

/**
 * The pacing simulation's clock: events in simulated milliseconds, earliest first, and in the order
 * they were scheduled when two fall on the same millisecond (so a run is deterministic). No real
 * time is read or waited for.
 */
final class EventQueue {

    /** What happens at one simulated moment. */
    enum Kind {
        /** A callee answers a dialed call. */
        ANSWER,
        /** A dialed call nobody answered is given up. */
        RING_TIMEOUT,
        /** An answered call's grace ends: connected by now, or abandoned. */
        GRACE_END,
        /** An operator did not answer an offered call. */
        OFFER_TIMEOUT,
        /** A talk ends; the operator starts wrap-up. */
        TALK_END,
        /** A wrap-up ends; the operator is ready. */
        WRAP_END,
        /** A whole simulated second: the policy is asked even if nothing happened. */
        TICK
    }

    /** One scheduled event: a call's, an operator's, or the clock's. */
    record Event(long at, long seq, Kind kind, SimulatedCall call, SimulatedOperator operator) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;

    void at(long at, Kind kind, SimulatedCall call, SimulatedOperator operator) {
        events.add(new Event(at, seq++, kind, call, operator));
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** When the next event happens; the queue must not be empty. */
    long nextAt() {
        return events.peek().at();
    }

    Event poll() {
        return events.poll();
    }
}
