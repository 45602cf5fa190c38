package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.outdial.media.dtmf.DtmfEncoder;
import org.outdial.media.dtmf.DtmfSender;

/**
 * Digit strings waiting to be sent as RFC 4733 telephone-events, each after the ones queued before
 * it. While an event is sent it stands in for the audio: its packets share the audio's SSRC,
 * sequence and timestamp space, and the audio source is not asked for a frame, so a prompt pauses
 * and resumes where it was rather than skipping. Event loop only.
 */
final class OutboundDtmf {

    private record Job(DtmfSender digits, CompletableFuture<Void> done) {
    }

    private final ArrayDeque<Job> jobs = new ArrayDeque<>();
    /** Sent its last packet this tick; its future completes once that packet has left. */
    private Job finished;

    void add(DtmfSender digits, CompletableFuture<Void> done) {
        jobs.add(new Job(digits, done));
    }

    /**
     * Writes this tick's telephone-event packet, header and payload, when one is due.
     *
     * @param timestamp the RTP timestamp this tick's audio would carry
     * @return false when the tick carries audio instead
     */
    boolean writeEvent(RtpPeer peer, int sequence, long timestamp, long ssrc, ByteBuf packet) {
        Job job = jobs.peek();
        if (job == null) {
            return false;
        }
        if (!peer.carriesDtmf()) {
            jobs.poll();
            job.done.completeExceptionally(new IllegalStateException(
                    "cannot send DTMF: the far end did not negotiate telephone-event (RFC 4733)"));
            return false;
        }
        DtmfSender sender = job.digits;
        boolean event = sender.tick(timestamp);
        if (sender.finished()) {
            jobs.poll();
            finished = job;
        }
        if (!event) {
            return false;
        }
        RtpPacket.writeHeader(packet, sender.marker(), peer.dtmfPayloadType(), sequence, sender.eventTimestamp(), ssrc);
        DtmfEncoder.write(sender.event(), sender.end(), sender.volume(), sender.duration(), packet);
        return true;
    }

    /** After the tick's packet has left: completes the digits whose last packet it was. */
    void afterSend() {
        Job job = finished;
        if (job != null) {
            finished = null;
            job.done.complete(null);
        }
    }

    /** The session closes: every queued string's future is cancelled. */
    void cancelAll() {
        for (Job job : jobs) {
            job.done.cancel(false);
        }
        jobs.clear();
    }
}
