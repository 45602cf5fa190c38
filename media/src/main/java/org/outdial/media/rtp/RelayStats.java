package org.outdial.media.rtp;

/**
 * Counters of one direction of a bridge: what a session sent of what the other received, a
 * snapshot ({@link RtpSession#relayStats()}).
 *
 * @param framesRelayed  ticks that sent a 20 ms frame of the other leg's audio
 * @param underruns      ticks that found less than a frame waiting and sent silence instead
 *                       (none came for 100 ms: the other leg is silent or gone)
 * @param samplesDropped samples thrown away to keep the delay bounded: pushed out by a burst
 *                       beyond the FIFO's capacity, or trimmed when the FIFO stayed a frame
 *                       deeper than needed (see {@link RelayedAudio}); 160 are one frame
 * @param trims          of those, the quiet frames trimmed (160 samples each): the other leg's
 *                       far end sends faster than this leg's clock (drift)
 * @param eventsRelayed  RFC 4733 telephone-event packets re-sent with this leg's payload type
 * @param eventsDropped  telephone-event packets not re-sent: this leg's far end did not
 *                       negotiate telephone-event, or too many were waiting
 * @param heldTicks      ticks that sent nothing and kept their timestamp for the other leg's
 *                       late audio (a stall upstream or of an event loop)
 * @param catchUps       frames sent as a tick's second packet, under a held tick's timestamp:
 *                       late audio caught up on
 * @param holdsGivenUp   held ticks whose audio never came (lost upstream, a pause, or nothing
 *                       for 100 ms): their timestamps were left out, a gap for the far end
 */
public record RelayStats(long framesRelayed, long underruns, long samplesDropped, long trims, long eventsRelayed,
                         long eventsDropped, long heldTicks, long catchUps, long holdsGivenUp) {

    /** A session that never relayed. */
    public static final RelayStats NONE = new RelayStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RelayStats {
        if (framesRelayed < 0 || underruns < 0 || samplesDropped < 0 || trims < 0 || eventsRelayed < 0 || eventsDropped < 0
                || heldTicks < 0 || catchUps < 0 || holdsGivenUp < 0) {
            throw new IllegalArgumentException("relay counters must not be negative");
        }
    }

    /** Samples dropped, in whole 20 ms frames (rounded up). */
    public long framesDropped() {
        return (samplesDropped + 159) / 160;
    }
}
