package org.outdial.testbed.bench;

import java.util.BitSet;
import java.util.List;

/**
 * Every far-end frame of the bridged-calls benchmark by stream and 20 ms period: sent in the
 * measured window, sent late by the far end itself, received at the other far end. So each lost
 * frame can be told apart: one the far end sent late, one on a stream whose far end had sent late
 * shortly before (the relay then took a burst), or one lost with the far end on time (Outdial's
 * own doing: an event loop stall, a socket drop, a relay rule).
 *
 * <p>The sender thread writes {@link #onSent}; each receiver thread writes its own {@link BitSet}
 * from {@link #receivedSet} (streams of one socket, but BitSet words span streams, so never one
 * set shared by two threads); {@link #losses} reads them all once the threads have stopped.
 */
final class FrameLedger {

    private final int periods;
    private final BitSet sent = new BitSet();
    private final BitSet late = new BitSet();

    /** @param periods 20 ms periods in the whole run, warm-up and tail included */
    FrameLedger(int periods) {
        this.periods = periods;
    }

    /** The sender: stream {@code stream}'s frame of {@code period} left, in the window or not, late or not. */
    void onSent(int stream, long period, boolean inWindow, boolean wasLate) {
        int at = index(stream, period);
        if (inWindow) {
            sent.set(at);
        }
        if (wasLate) {
            late.set(at);
        }
    }

    /** A receiver thread's own record of what it received. */
    BitSet receivedSet() {
        return new BitSet();
    }

    /** A receiver: stream {@code stream}'s frame of {@code period} arrived (in {@code mine}). */
    void onReceived(BitSet mine, int stream, long period) {
        if (stream >= 0 && period >= 0 && period < periods) {
            mine.set(index(stream, period));
        }
    }

    /**
     * The frames sent in the window that no receiver got, by cause.
     *
     * @param lookback periods before a lost frame in which a late send of its stream counts
     */
    Losses losses(List<BitSet> received, int lookback) {
        BitSet got = new BitSet();
        received.forEach(got::or);
        BitSet lost = (BitSet) sent.clone();
        lost.andNot(got);
        long lateItself = 0;
        long afterLate = 0;
        long onTime = 0;
        BitSet streams = new BitSet();
        for (int at = lost.nextSetBit(0); at >= 0; at = lost.nextSetBit(at + 1)) {
            int stream = at / periods;
            int period = at % periods;
            streams.set(stream);
            if (late.get(at)) {
                lateItself++;
            } else {
                int from = stream * periods + Math.max(0, period - lookback);
                int next = late.nextSetBit(from);
                if (next >= 0 && next < at) {
                    afterLate++;
                } else {
                    onTime++;
                }
            }
        }
        return new Losses(lost.cardinality(), lateItself, afterLate, onTime, streams.cardinality());
    }

    private int index(int stream, long period) {
        return Math.toIntExact(stream * (long) periods + period);
    }

    /**
     * @param lost       frames sent in the window and never received
     * @param lateItself of those, frames the far end itself sent late
     * @param afterLate  frames sent on time on a stream whose far end had sent late within the lookback
     * @param onTime     frames lost with their far end on time throughout the lookback
     * @param streams    streams that lost at least one frame
     */
    record Losses(long lost, long lateItself, long afterLate, long onTime, int streams) {
    }
}
