package org.outdial.media.rtp;

/** Bytes that arrived on an RTP port are not a valid RTP packet. */
public final class RtpFormatException extends RuntimeException {

    public RtpFormatException(String message) {
        super(message);
    }
}
