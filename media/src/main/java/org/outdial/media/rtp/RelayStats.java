package org.outdial.media.rtp;

/**
 * Counters of one direction of a bridge: what a session sent of what the other received, a
 * snapshot ({@link RtpSession#relayStats()}).
 *
 * @param framesRelayed  ticks that sent a 20 ms frame of the other leg's audio
 * @param underruns      ticks that found less than a frame waiting and sent silence instead
 *                       (the other leg's audio was late, or none came: it is silent or gone)
 * @param samplesDropped samples thrown away to keep the delay bounded: pushed out by a burst
 *                       beyond the FIFO's capacity, or trimmed when the FIFO stayed a frame
 *                       deeper than needed (see {@link RelayedAudio}); 160 are one frame
 * @param trims          of those, frames trimmed (160 samples each); always 0 since the relay
 *                       catches up instead (kept so that older figures keep their meaning)
 * @param catchUps       frames sent as a tick's second packet to bring a FIFO left a frame too
 *                       deep by a burst back to a frame's delay: not lost, sent 20 ms early
 * @param eventsRelayed  RFC 4733 telephone-event packets re-sent with this leg's payload type
 * @param eventsDropped  telephone-event packets not re-sent: this leg's far end did not
 *                       negotiate telephone-event, or too many were waiting
 */
public record RelayStats(long framesRelayed, long underruns, long samplesDropped, long trims, long catchUps,
                         long eventsRelayed,
                         long eventsDropped) {

    /** A session that never relayed. */
    public static final RelayStats NONE = new RelayStats(0, 0, 0, 0, 0, 0, 0);

    public RelayStats {
        if (framesRelayed < 0 || underruns < 0 || samplesDropped < 0 || trims < 0 || catchUps < 0 || eventsRelayed < 0 || eventsDropped < 0) {
            throw new IllegalArgumentException("relay counters must not be negative");
        }
    }

    /** Both directions' (or two snapshots') counters added. */
    public RelayStats plus(RelayStats o) {
        return new RelayStats(framesRelayed + o.framesRelayed, underruns + o.underruns, samplesDropped + o.samplesDropped,
                trims + o.trims, catchUps + o.catchUps, eventsRelayed + o.eventsRelayed, eventsDropped + o.eventsDropped);
    }

    /** What was counted since {@code earlier}, a snapshot of the same relays. */
    public RelayStats since(RelayStats earlier) {
        return new RelayStats(framesRelayed - earlier.framesRelayed, underruns - earlier.underruns,
                samplesDropped - earlier.samplesDropped, trims - earlier.trims, catchUps - earlier.catchUps,
                eventsRelayed - earlier.eventsRelayed, eventsDropped - earlier.eventsDropped);
    }

    /** Samples dropped, in whole 20 ms frames (rounded up). */
    public long framesDropped() {
        return (samplesDropped + 159) / 160;
    }
}
